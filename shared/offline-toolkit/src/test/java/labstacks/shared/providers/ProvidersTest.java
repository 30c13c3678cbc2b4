package labstacks.shared.providers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pulumi.core.Output;
import java.util.List;
import java.util.Optional;
import labstacks.offline.plan.PlanValues;
import labstacks.offline.plan.PlannedPackage;
import labstacks.offline.testing.ProgramHarness;
import labstacks.offline.testing.StackRun;
import labstacks.shared.config.Setting;
import labstacks.shared.program.DirectProgram;
import labstacks.shared.program.StackContext;
import org.junit.jupiter.api.Test;

/** Every provider factory registers an explicit provider with the engine's exact token and secret inputs. */
class ProvidersTest {

    public record Settings(
            @Setting(key = "providers:githubToken", description = "GitHub token", secret = true)
                    Output<String> githubToken,
            @Setting(key = "providers:seqeraToken", description = "Seqera token", secret = true)
                    Output<String> seqeraToken) {}

    static final class AllProviders implements DirectProgram<Settings> {
        public String name() {
            return "providers";
        }

        public String description() {
            return "creates one of each provider";
        }

        public Class<Settings> settingsType() {
            return Settings.class;
        }

        public void define(StackContext stack, Settings settings) {
            AwsProviders.create("aws", AwsAccess.defaultChain("eu-west-1"));
            KubernetesProviders.create(
                    "k8s",
                    new KubernetesAccess(
                            Optional.of("apiVersion: v1\nkind: Config\n"),
                            Optional.of("prod"),
                            "moderate"));
            // Built with a plain Output on purpose: the factory must still mark the token secret.
            GitHubProviders.create(
                    "github",
                    new GitHubAccess("nf-core", settings.githubToken().applyValue(t -> t)));
            SeqeraProviders.create(
                    "seqera", new SeqeraAccess(SeqeraAccess.CLOUD, settings.seqeraToken()));
        }
    }

    private static final String GITHUB_TOKEN = "ghp-test-token-value";
    private static final String SEQERA_TOKEN = "seqera-test-token-value";

    private static StackRun run() {
        return ProgramHarness.of(new AllProviders())
                .secret("providers:githubToken", GITHUB_TOKEN)
                .secret("providers:seqeraToken", SEQERA_TOKEN)
                .run()
                .assertSucceeded();
    }

    @Test
    void githubProviderNamesTheOwnerAndKeepsTheTokenSecret() {
        var github = run().resource("pulumi:providers:github", "github");
        assertEquals("nf-core", github.inputs().get("owner"));
        assertInstanceOf(PlanValues.Secret.class, github.inputs().get("token"));
        assertEquals(GITHUB_TOKEN, PlanValues.reveal(github.inputs().get("token")));
        assertEquals("6.15.0", github.version());
        assertTrue(github.additionalSecretOutputs().contains("token"));
    }

    @Test
    void seqeraProviderIsTheParameterizedTerraformPackage() {
        var run = run();
        var seqera = run.resource("pulumi:providers:seqera", "seqera");
        assertEquals(SeqeraAccess.CLOUD, seqera.inputs().get("serverUrl"));
        assertInstanceOf(PlanValues.Secret.class, seqera.inputs().get("bearerAuth"));
        assertFalse(seqera.packageRef().isEmpty(), "registered against the parameterized package");
        var seqeraPackage =
                run.plan().packages().stream()
                        .filter(p -> p.name().equals("seqera"))
                        .findFirst()
                        .orElseThrow();
        assertEquals("0.30.5", seqeraPackage.version());
        assertEquals(
                new PlannedPackage.Parameterization(
                        "terraform-provider",
                        "1.0.2",
                        "{\"remote\":{\"url\":\"registry.terraform.io/seqeralabs/seqera\",\"version\":\"0.30.5\"}}"),
                seqeraPackage.parameterization());
        assertEquals("", run.resource("pulumi:providers:aws", "aws").packageRef());
    }

    @Test
    void kubernetesProviderPinsContextNamespaceAndHidesTheKubeconfig() {
        var k8s = run().resource("pulumi:providers:kubernetes", "k8s");
        assertEquals("prod", k8s.inputs().get("context"));
        assertEquals("moderate", k8s.inputs().get("namespace"));
        assertInstanceOf(PlanValues.Secret.class, k8s.inputs().get("kubeconfig"));
    }

    @Test
    void awsProviderHasTheRegion() {
        assertEquals(
                "eu-west-1", run().resource("pulumi:providers:aws", "aws").inputs().get("region"));
    }

    @Test
    void accessRecordsRejectMalformedValues() {
        var token = Output.of("x");
        assertThrows(IllegalArgumentException.class, () -> new GitHubAccess("nf core", token));
        assertThrows(
                IllegalArgumentException.class,
                () -> new SeqeraAccess("http://api.cloud.seqera.io", token));
        assertThrows(
                IllegalArgumentException.class,
                () -> new KubernetesAccess(Optional.empty(), Optional.empty(), "Not_A_Namespace"));
        // A blank context is the provider's "current context": whatever cluster the deploying
        // machine points at.
        for (var blank : List.of("", "   ")) {
            assertThrows(
                    IllegalArgumentException.class,
                    () -> new KubernetesAccess(Optional.empty(), Optional.of(blank), "sample"));
        }
    }
}
