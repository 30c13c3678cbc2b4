package labstacks.offline.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Two plan documents compared stack by stack, in both plan shapes (names or URNs as references). */
class PlanDiffTest {

    private static final String STACK =
            "urn:pulumi:web::labstacks::pulumi:pulumi:Stack::labstacks-web";
    private static final String BUCKET =
            "urn:pulumi:web::labstacks::aws:s3/bucketV2:BucketV2::datasets";
    private static final String POLICY =
            "urn:pulumi:web::labstacks::aws:s3/bucketPolicy:BucketPolicy::datasets-policy";
    private static final String ROLE = "urn:pulumi:web::labstacks::aws:iam/role:Role::access";

    private static JsonObject resource(String urn, String type, String inputs, String parent) {
        var resource = new JsonObject();
        resource.addProperty("type", type);
        resource.addProperty("name", urn.substring(urn.lastIndexOf("::") + 2));
        resource.addProperty("urn", urn);
        resource.addProperty("operation", "create");
        resource.addProperty("parent", parent);
        resource.add("inputs", JsonParser.parseString(inputs));
        resource.addProperty("protect", false);
        resource.add("dependsOn", new JsonArray());
        resource.add("replaceOnChanges", new JsonArray());
        return resource;
    }

    private static JsonObject plan(String stack, JsonObject... resources) {
        var plan = new JsonObject();
        plan.addProperty("project", "labstacks");
        plan.addProperty("stack", stack);
        plan.addProperty("program", "pipeweave");
        var array = new JsonArray();
        for (var r : resources) {
            array.add(r);
        }
        plan.add("resources", array);
        plan.add("outputs", JsonParser.parseString("{\"bucket\": \"datasets\"}"));
        plan.add(
                "packages",
                JsonParser.parseString(
                        "[{\"name\": \"aws\", \"version\": \"6.83.0\", \"parameterization\": null}]"));
        plan.add("warnings", new JsonArray());
        plan.add("errors", new JsonArray());
        return plan;
    }

    private static JsonObject base() {
        return plan(
                "web",
                resource(STACK, "pulumi:pulumi:Stack", "{}", null),
                resource(
                        BUCKET,
                        "aws:s3/bucketV2:BucketV2",
                        "{\"bucket\": \"datasets\", \"tags\": {\"team\": \"a\"}}",
                        "labstacks-web"),
                resource(
                        ROLE,
                        "aws:iam/role:Role",
                        "{\"name\": \"access\", \"maxSessionDuration\": 3600}",
                        "labstacks-web"));
    }

    private static StackDiff diff(JsonObject before, JsonObject after) {
        return PlanDiff.compare(Map.of("web", before), Map.of("web", after)).get(0);
    }

    @Test
    void theSamePlanIsUnchanged() {
        var result = diff(base(), base());
        assertEquals(StackDiff.Status.UNCHANGED, result.status());
        assertEquals(3, result.unchanged());
        assertFalse(result.needsDeploy());
    }

    @Test
    void aNewResourceIsAddedAndAGoneOneRemoved() {
        var after = base();
        after.getAsJsonArray("resources").remove(2);
        after.getAsJsonArray("resources")
                .add(
                        resource(
                                POLICY,
                                "aws:s3/bucketPolicy:BucketPolicy",
                                "{\"bucket\": \"datasets\"}",
                                "labstacks-web"));
        var result = diff(base(), after);
        assertEquals(StackDiff.Status.CHANGED, result.status());
        assertEquals(List.of(POLICY), result.added());
        assertEquals(List.of(ROLE), result.removed());
        assertEquals(2, result.unchanged());
        assertTrue(result.needsDeploy());
        var text = DiffReport.text(List.of(result));
        assertTrue(text.contains("  + aws:s3/bucketPolicy:BucketPolicy  datasets-policy"), text);
        assertTrue(text.contains("  - aws:iam/role:Role  access"), text);
    }

    @Test
    void aReplaceTriggeringInputIsAReplaceAndOthersAnUpdate() {
        var after = base();
        var bucket = after.getAsJsonArray("resources").get(1).getAsJsonObject();
        // `bucket` is ForceNew in terraform-provider-aws (ReplaceRules): a new name is a new
        // bucket.
        bucket.getAsJsonObject("inputs").addProperty("bucket", "datasets-2");
        bucket.getAsJsonObject("inputs").getAsJsonObject("tags").addProperty("team", "b");
        var role = after.getAsJsonArray("resources").get(2).getAsJsonObject();
        role.getAsJsonObject("inputs").addProperty("maxSessionDuration", 7200);
        role.addProperty("protect", true);
        var result = diff(base(), after);
        assertEquals(1, result.replaced().size());
        var replaced = result.replaced().get(0);
        assertEquals(BUCKET, replaced.urn());
        assertEquals(List.of("bucket"), replaced.replaceTriggers());
        assertEquals(List.of("bucket", "tags.team"), replaced.inputs());
        assertEquals(1, result.updated().size());
        assertEquals(List.of("maxSessionDuration"), result.updated().get(0).inputs());
        assertEquals(List.of("protect"), result.updated().get(0).options());
        var text = DiffReport.text(List.of(result));
        assertTrue(
                text.contains(
                        "  +- aws:s3/bucketV2:BucketV2  datasets  replaces on: bucket; inputs: tags.team"),
                text);
        assertTrue(
                text.contains(
                        "  ~ aws:iam/role:Role  access  inputs: maxSessionDuration; options: protect"),
                text);
    }

    @Test
    void replaceOnChangesOfTheResourceItselfCountsToo() {
        var after = base();
        var role = after.getAsJsonArray("resources").get(2).getAsJsonObject();
        role.getAsJsonObject("inputs").addProperty("maxSessionDuration", 1);
        role.add("replaceOnChanges", JsonParser.parseString("[\"maxSessionDuration\"]"));
        var result = diff(base(), after);
        assertEquals(List.of("maxSessionDuration"), result.replaced().get(0).replaceTriggers());
    }

    @Test
    void namesAndUrnsAsReferencesAreTheSameReference() {
        var after = base();
        var bucket = after.getAsJsonArray("resources").get(1).getAsJsonObject();
        bucket.addProperty("parent", STACK);
        after.addProperty("version", 1);
        assertEquals(
                StackDiff.Status.UNCHANGED,
                diff(base(), after).status(),
                "the plan format changed, not the stack");

        var moved = base();
        moved.getAsJsonArray("resources").get(1).getAsJsonObject().addProperty("parent", "access");
        var result = diff(base(), moved);
        assertEquals(List.of("parent"), result.updated().get(0).options());
    }

    @Test
    void outputsAndProviderVersionsAreChangesToo() {
        var after = base();
        after.add(
                "packages",
                JsonParser.parseString(
                        "[{\"name\": \"aws\", \"version\": \"7.0.0\", \"parameterization\": null}]"));
        var result = diff(base(), after);
        assertEquals(StackDiff.Status.CHANGED, result.status());
        assertTrue(
                result.notes().get(0).contains("aws 6.83.0 -> 7.0.0"), result.notes().toString());

        var outputs = base();
        outputs.add("outputs", JsonParser.parseString("{\"bucket\": \"other\"}"));
        assertEquals(List.of("stack outputs differ: bucket"), diff(base(), outputs).notes());
    }

    @Test
    void aFailedPlanOnEitherSideCannotTellAndIsDeployed() {
        var failed = plan("web");
        failed.add("errors", JsonParser.parseString("[\"labstacks:environment: unknown value\"]"));
        var result = diff(base(), failed);
        assertEquals(StackDiff.Status.UNKNOWN, result.status());
        assertTrue(result.needsDeploy(), "a stack nobody can compare is previewed, not skipped");
        assertTrue(
                result.notes().get(0).contains("the new plan failed"), result.notes().toString());
    }

    @Test
    void stacksOnOneSideOnlyAreAddedOrRemoved() {
        var result =
                PlanDiff.compare(
                        Map.of(
                                "old",
                                plan("old", resource(STACK, "pulumi:pulumi:Stack", "{}", null))),
                        Map.of(
                                "new",
                                plan("new", resource(STACK, "pulumi:pulumi:Stack", "{}", null))));
        assertEquals(StackDiff.Status.ADDED, result.get(0).status());
        assertEquals("new", result.get(0).stack());
        assertTrue(result.get(0).needsDeploy());
        assertEquals(StackDiff.Status.REMOVED, result.get(1).status());
        assertFalse(result.get(1).needsDeploy(), "no stack file left to deploy it from");
        var markdown = DiffReport.markdown(result);
        assertTrue(
                markdown.startsWith(
                        "| stack | plan | + add | +- replace | ~ update | - remove | unchanged |\n"),
                markdown);
        assertTrue(markdown.contains("| new | added | 1 | 0 | 0 | 0 | 0 |"), markdown);
        assertTrue(markdown.contains("| old | removed | 0 | 0 | 0 | 1 | 0 |"), markdown);
        var json = JsonParser.parseString(DiffReport.json(result)).getAsJsonObject();
        assertEquals(1, json.get("version").getAsInt());
        assertEquals(
                "added",
                json.getAsJsonArray("stacks").get(0).getAsJsonObject().get("status").getAsString());
    }

    @Test
    void aFileThatIsNotAPlanIsRefused() {
        var error =
                assertThrows(
                        PlanDiff.PlanFileException.class,
                        () -> PlanDiff.stacks("x.json", JsonParser.parseString("{\"steps\": []}")));
        assertTrue(error.getMessage().contains("not a plan"), error.getMessage());
        assertTrue(PlanDiff.covers("computeEnv.*", "computeEnv.config.region"));
        assertFalse(PlanDiff.covers("bucket", "bucketPrefix"));
        assertTrue(PlanDiff.covers("metadata.name", "metadata.name"));
    }
}
