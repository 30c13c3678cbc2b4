package labstacks.megatests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import labstacks.shared.aws.PolicyDocument;
import labstacks.shared.text.Sha256;
import org.junit.jupiter.api.Test;

class TowerForgePoliciesTest {

    private static List<String> actions(String sid) {
        var stream =
                TowerForgePoliciesTest.class
                        .getClassLoader()
                        .getResourceAsStream("nf-tower-aws-forge-policy-actions.json");
        var json =
                JsonParser.parseReader(new InputStreamReader(stream, StandardCharsets.UTF_8))
                        .getAsJsonObject();
        var result = new ArrayList<String>();
        json.getAsJsonObject("statements")
                .getAsJsonArray(sid)
                .forEach(e -> result.add(e.getAsString()));
        return result;
    }

    /** The actions of one statement, read back as the rest of the project reads a policy. */
    private static List<String> documentActions(String json, int statement) {
        return PolicyDocument.parse(json).statements().get(statement).actions();
    }

    @Test
    void theForgePolicyHasEveryActionOfTheReferencePolicy() {
        var forge = TowerForgePolicies.forge().toJson();
        var ours = new HashSet<>(documentActions(forge, 0));
        ours.addAll(documentActions(forge, 1));
        var missing = new ArrayList<String>();
        for (var sid : List.of("TowerForge0", "TowerLaunch0")) {
            for (var action : actions(sid)) {
                if (!ours.contains(action)) {
                    missing.add(sid + ": " + action);
                }
            }
        }
        assertTrue(
                missing.isEmpty(),
                "actions of seqeralabs/nf-tower-aws missing from the forge policy: " + missing);
        // Each action once per statement; the exact lists are pinned by the fingerprint (78905f7f),
        // which the
        // live environments' descriptions carry.
        for (var statement : List.of(0, 1)) {
            var actions = documentActions(forge, statement);
            assertEquals(
                    new HashSet<>(actions).size(),
                    actions.size(),
                    "an action given twice in statement " + statement);
        }
    }

    @Test
    void theLaunchPolicyIsTheForgeLaunchStatementWithoutS3() {
        var launch = documentActions(TowerForgePolicies.launch().toJson(), 0);
        var forgeLaunch = new ArrayList<>(documentActions(TowerForgePolicies.forge().toJson(), 1));
        forgeLaunch.removeAll(List.of("s3:Get*", "s3:List*"));
        assertEquals(forgeLaunch, launch);
    }

    @Test
    void theS3PolicyNamesOnlyTheBucket() {
        var statements =
                PolicyDocument.parse(TowerForgePolicies.s3("nf-core-awsmegatests").toJson())
                        .statements();
        assertEquals(List.of("arn:aws:s3:::nf-core-awsmegatests"), statements.get(0).resources());
        assertEquals(List.of("arn:aws:s3:::nf-core-awsmegatests/*"), statements.get(1).resources());
        assertEquals(
                List.of("s3:GetObject", "s3:PutObject", "s3:PutObjectTagging", "s3:DeleteObject"),
                documentActions(TowerForgePolicies.s3("nf-core-awsmegatests").toJson(), 1));
    }

    @Test
    void theFingerprintIsTheOriginals() {
        // The value the Python project computed for the same policies: adopting the stack replaces
        // nothing.
        // Any change to an action, a Sid or the JSON form changes it, so this also pins the bytes.
        assertEquals("78905f7f", TowerForgePolicies.fingerprint(TowerForgePolicies.forge()));
    }

    @Test
    void pythonJsonMatchesJsonDumpsWithSortedKeys() {
        assertEquals(
                "{\"a\": [1, \"x\"], \"b\": {\"c\": true, \"d\": null}, \"\\u00e9\": \"\\u00e9\\n\"}",
                PythonJson.dumpsSorted(
                        Map.of(
                                "b",
                                Collections.unmodifiableMap(
                                        new HashMap<>() {
                                            {
                                                put("d", null);
                                                put("c", true);
                                            }
                                        }),
                                "a",
                                List.of(1, "x"),
                                "\u00e9",
                                "\u00e9\n")));
        assertEquals(
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Sha256.hex(""));
    }
}
