package labstacks.megatests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import labstacks.megatests.GithubOrganizationSettingsArgs.LegacySecret;
import labstacks.offline.plan.PlanValues;
import labstacks.offline.testing.ProgramHarness;
import labstacks.offline.testing.StackRun;
import labstacks.shared.providers.GitHubAccess;
import labstacks.shared.providers.GitHubProviders;
import org.junit.jupiter.api.Test;

class GithubOrganizationSettingsTest {
    private static final String VARIABLE =
            "github:index/actionsOrganizationVariable:ActionsOrganizationVariable";
    private static final String SECRET =
            "github:index/actionsOrganizationSecret:ActionsOrganizationSecret";
    private static final String TOKEN = "token-value-for-tests-0004";

    private static StackRun run(boolean manageSecrets) {
        return ProgramHarness.component(
                        "github",
                        stack -> {
                            var github =
                                    GitHubProviders.create(
                                            "github",
                                            new GitHubAccess("acme", Output.ofSecret("g")));
                            var variables = new LinkedHashMap<String, Output<String>>();
                            variables.put("OLD_VARIABLE", Output.of("1"));
                            variables.put("NEW_VARIABLE", Output.of("2"));
                            var secrets = new LinkedHashMap<String, LegacySecret>();
                            secrets.put(
                                    "PLAIN_SECRET", new LegacySecret(Output.of("plain"), false));
                            secrets.put(
                                    "TOKEN_SECRET", new LegacySecret(Output.ofSecret(TOKEN), true));
                            secrets.put(
                                    "OWN_COMMAND",
                                    new LegacySecret(
                                            Output.ofSecret(TOKEN),
                                            true,
                                            "op read ... | gh secret set OWN_COMMAND"));
                            var org =
                                    new GithubOrganizationSettings(
                                            "github-organization",
                                            GithubOrganizationSettingsArgs.builder()
                                                    .owner("acme")
                                                    .variables(variables)
                                                    .secrets(secrets)
                                                    .manageSecrets(manageSecrets)
                                                    .formerNames(
                                                            Map.of("OLD_VARIABLE", "old-variable"))
                                                    .github(github)
                                                    .build(),
                                            ComponentResourceOptions.Empty);
                            stack.pulumi().export("commands", Output.all(org.manualCommandList()));
                        })
                .run()
                .assertSucceeded();
    }

    @Test
    void variablesReplaceByDeleteFirstAndLeaveVisibilityToTheAdmins() {
        var run = run(false);
        var old = run.resource(VARIABLE, "variable-old-variable");
        assertEquals("OLD_VARIABLE", old.inputs().get("variableName"));
        assertEquals("1", old.inputs().get("value"));
        assertEquals("all", old.inputs().get("visibility"));
        // pulumi/pulumi-github#250: a variable's name is its id, so a replacement must delete
        // first.
        assertTrue(old.deleteBeforeReplace());
        assertEquals(List.of("visibility"), old.ignoreChanges());
        assertEquals("github", old.provider());
        assertEquals("github-organization", old.parent());
    }

    @Test
    void onlyAVariableThePythonProgramMadeHasAnAlias() {
        var run = run(false);
        assertEquals(
                List.of("urn:pulumi:test::labstacks::" + VARIABLE + "::old-variable"),
                run.resource(VARIABLE, "variable-old-variable").aliases());
        assertEquals(List.of(), run.resource(VARIABLE, "variable-new-variable").aliases());
    }

    @Test
    void unmanagedSecretsBecomeCommandsThatNeverSpellOutACredential() {
        var run = run(false);
        assertTrue(run.resources(SECRET).isEmpty());
        @SuppressWarnings("unchecked")
        var commands = (List<String>) run.output("commands");
        // The Python program's form for a plain value (nf-core/ops main src/integrations/github.py,
        // _create_gh_commands).
        assertEquals(
                List.of(
                        "gh secret set PLAIN_SECRET --org acme --body \"plain\" --visibility all",
                        "gh secret set TOKEN_SECRET --org acme --visibility all --body \"$TOKEN_SECRET\"",
                        "op read ... | gh secret set OWN_COMMAND"),
                commands);
        assertFalse(commands.toString().contains(TOKEN));
    }

    @Test
    void managedSecretsAreSecretInputsWithoutAliases() {
        var run = run(true);
        assertEquals(
                List.of("OWN_COMMAND", "PLAIN_SECRET", "TOKEN_SECRET"),
                run.resources(SECRET).stream()
                        .map(s -> (String) s.inputs().get("secretName"))
                        .sorted()
                        .toList());
        for (var secret : run.resources(SECRET)) {
            assertInstanceOf(
                    PlanValues.Secret.class, secret.inputs().get("plaintextValue"), secret.name());
            assertTrue(secret.deleteBeforeReplace());
            assertEquals(List.of("visibility"), secret.ignoreChanges());
            assertEquals(List.of(), secret.aliases(), "nf-core's program never managed them");
        }
        assertEquals(
                TOKEN,
                PlanValues.reveal(
                        run.resource(SECRET, "secret-token-secret")
                                .inputs()
                                .get("plaintextValue")));
        assertEquals(List.of(), run.output("commands"));
    }

    @Test
    void aFormerNameMustBelongToAVariable() {
        var run =
                ProgramHarness.component(
                                "github",
                                stack ->
                                        GithubOrganizationSettingsArgs.builder()
                                                .owner("acme")
                                                .variables(Map.of("A", Output.of("1")))
                                                .formerNames(Map.of("B", "old-b"))
                                                .github(
                                                        GitHubProviders.create(
                                                                "github",
                                                                new GitHubAccess(
                                                                        "acme",
                                                                        Output.ofSecret("g"))))
                                                .build())
                        .run();
        assertEquals(
                List.of("former name of B, which is no variable here"),
                run.exceptions().stream()
                        .filter(e -> e instanceof IllegalArgumentException)
                        .map(Throwable::getMessage)
                        .toList());
    }
}
