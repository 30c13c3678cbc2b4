package labstacks.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import labstacks.offline.testing.ProgramHarness;
import labstacks.shared.config.ProjectFiles;
import labstacks.shared.config.SettingsLoader;
import labstacks.shared.program.ProgramCatalog;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The committed Pulumi ESC definitions: every deployable stack attaches one, each has a read-only twin,
 * and no definition holds a value that re-applying it would write over a real secret.
 *
 * <p>ESC syntax relied on (pulumi/docs, content/docs/esc/guides/configuring-oidc/aws.md at d9548ed):
 * {@code fn::open::aws-login} with {@code oidc.roleArn/sessionName/duration}; with ESC attached to a
 * stack, the default subject is the literal {@code pulumi:environments:org:<org>:env:<yaml>} for every
 * environment, so {@code subjectAttributes: [currentEnvironment.name]} is what lets a role trust one
 * environment only. {@code files.KUBECONFIG}: the Kubernetes cluster access guide
 * (pulumi.com/docs/esc/guides/kubernetes-cluster-access).
 */
class EscDefinitionsTest {
    private static final Path ROOT = ProgramHarness.repositoryRoot();

    @SuppressWarnings("unchecked")
    private static Map<String, Object> yaml(Path file) throws IOException {
        return (Map<String, Object>)
                new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file));
    }

    @SuppressWarnings("unchecked")
    private static Object at(Map<String, Object> document, String... path) {
        Object node = document;
        for (var key : path) {
            node = node instanceof Map<?, ?> map ? ((Map<String, Object>) map).get(key) : null;
        }
        return node;
    }

    @Test
    void everyDeployableStackAttachesItsEnvironmentAndAReadOnlyTwinExists() throws IOException {
        var esc = EscEnvironments.load(ROOT);
        var deployable = WorkflowsTest.deployableStacksAndEnvironments();
        // Every stack that is not local, also one CI has paused (megatests-prod, labstacks:deploy:
        // false until its
        // live stack is adopted): it keeps its environment for the day CI deploys it again.
        var stacks =
                ProjectFiles.open(ROOT).stacks().stream()
                        .filter(s -> !s.endsWith("-local"))
                        .toList();
        assertTrue(stacks.containsAll(deployable.keySet()), stacks + " vs " + deployable);
        assertEquals(7, stacks.size(), stacks.toString());
        for (var stack : stacks) {
            var attached = EscEnvironments.attached(ROOT.resolve("Pulumi." + stack + ".yaml"));
            assertEquals(List.of("labstacks/" + stack), attached, stack);
            var definition =
                    esc.find("labstacks/" + stack)
                            .orElseThrow(() -> new AssertionError(stack + ": no definition"));
            var preview =
                    esc.preview("labstacks/" + stack)
                            .orElseThrow(() -> new AssertionError(stack + ": no preview twin"));
            assertTrue(definition.file().endsWith("/esc/" + stack + ".yaml"), definition.file());
            // A preview supplies what the program reads at deploy, or the preview would fail on a
            // missing setting.
            assertEquals(definition.variables(), preview.variables(), stack);
            assertEquals(definition.settings(), preview.settings(), stack);
            assertEquals(definition.files(), preview.files(), stack);
            assertFalse(
                    definition.variables().isEmpty() && definition.files().isEmpty(),
                    stack + " hands over no credential");
        }
    }

    @Test
    void previewsGetOtherCloudIdentitiesThanDeploys() throws IOException {
        var esc = EscEnvironments.load(ROOT);
        for (var stack : WorkflowsTest.deployableStacksAndEnvironments().keySet()) {
            var deploy = yaml(ROOT.resolve(esc.find("labstacks/" + stack).orElseThrow().file()));
            var preview =
                    yaml(ROOT.resolve(esc.preview("labstacks/" + stack).orElseThrow().file()));
            var deployRole =
                    at(deploy, "values", "aws", "login", "fn::open::aws-login", "oidc", "roleArn");
            if (deployRole != null) {
                var previewRole =
                        at(
                                preview,
                                "values",
                                "aws",
                                "login",
                                "fn::open::aws-login",
                                "oidc",
                                "roleArn");
                assertNotEquals(deployRole, previewRole, stack);
                assertTrue(
                        String.valueOf(previewRole).endsWith("-preview"),
                        stack + ": " + previewRole);
                for (var document : List.of(deploy, preview)) {
                    assertEquals(
                            List.of("currentEnvironment.name"),
                            at(
                                    document,
                                    "values",
                                    "aws",
                                    "login",
                                    "fn::open::aws-login",
                                    "oidc",
                                    "subjectAttributes"),
                            stack + ": without it every environment has the same subject");
                }
            } else {
                assertEquals("${kubeconfig}", at(deploy, "values", "files", "KUBECONFIG"), stack);
                assertTrue(
                        ((List<?>) deploy.get("imports"))
                                .contains("labstacks/" + stack + "-credentials"),
                        stack);
                var previewImports = (List<?>) preview.get("imports");
                assertTrue(
                        previewImports.contains("labstacks/" + stack + "-preview-credentials"),
                        stack);
                assertFalse(
                        previewImports.contains("labstacks/" + stack + "-credentials"),
                        stack + ": deploy kubeconfig in a preview");
            }
        }
    }

    @Test
    void noDefinitionHoldsASecretOrAPlaceholderForOne() throws IOException {
        var esc = ROOT.resolve("megatests/esc");
        var files = new ArrayList<Path>();
        try (var modules = Files.list(ROOT)) {
            for (var module : modules.filter(Files::isDirectory).toList()) {
                if (Files.isDirectory(module.resolve("esc"))) {
                    try (var list = Files.list(module.resolve("esc"))) {
                        files.addAll(list.toList());
                    }
                }
            }
        }
        assertTrue(
                files.size() >= 14 && files.contains(esc.resolve("megatests-prod.yaml")),
                files.toString());
        for (var file : files) {
            var text = Files.readString(file);
            // `esc env edit --file` replaces the whole definition: a committed fn::secret (even a
            // placeholder)
            // would overwrite the real secret set with `esc env set --secret`.
            assertFalse(text.contains("fn::secret"), file + " holds a secret value");
            assertFalse(text.contains("REPLACE"), file + " holds a placeholder");
            var document = yaml(file);
            for (var section : List.of("environmentVariables", "pulumiConfig", "files")) {
                if (at(document, "values", section) instanceof Map<?, ?> values) {
                    values.forEach(
                            (key, value) ->
                                    assertTrue(
                                            String.valueOf(value).startsWith("${")
                                                    || key.equals("AWS_REGION"),
                                            file + ": " + key + " is a literal, not a reference"));
                }
            }
        }
    }

    /**
     * What a deploy must be handed and the stack file does not hold: every secret credential of the program, and
     * moderate-prod's Platform API and S3 secrets, which its program requires in production only
     * (ModerateProgram.requireCodeLocationServices). A setting a new stack or program needs is added to its
     * definition, or CI's deploy stops on it.
     */
    @Test
    void everyDeploySecretComesFromTheStacksEnvironment() throws IOException {
        var esc = EscEnvironments.load(ROOT);
        var catalog = ProgramCatalog.discover();
        var requiredInProduction =
                Map.of(
                        "moderate-prod",
                        List.of(
                                "moderate:apiPassword",
                                "moderate:s3AccessKeyId",
                                "moderate:s3SecretAccessKey"));
        var checked = 0;
        for (var stack : ProjectFiles.open(ROOT).stacks()) {
            if (stack.endsWith("-local")) {
                continue;
            }
            var file = yaml(ROOT.resolve("Pulumi." + stack + ".yaml"));
            var config = at(file, "config") instanceof Map<?, ?> map ? map : Map.of();
            var program =
                    catalog.find(String.valueOf(config.get("labstacks:program"))).orElseThrow();
            var needed = new TreeSet<String>(requiredInProduction.getOrDefault(stack, List.of()));
            var definition = esc.find("labstacks/" + stack).orElseThrow();
            // A credential may come as a variable instead (its env fallback), as megatests' tokens
            // do.
            SettingsLoader.settings(program.settingsType()).stream()
                    .filter(
                            setting ->
                                    setting.secret()
                                            && setting.credential()
                                            && Arrays.stream(setting.env())
                                                    .noneMatch(definition.variables()::contains))
                    .forEach(setting -> needed.add(setting.key()));
            needed.removeIf(config::containsKey);
            var supplied = new TreeSet<>(definition.settings());
            needed.removeAll(supplied);
            assertEquals(
                    Set.of(),
                    needed,
                    stack
                            + ": secrets a deploy needs that "
                            + definition.file()
                            + " does not supply (pulumiConfig)");
            checked++;
        }
        assertEquals(7, checked);
    }
}
