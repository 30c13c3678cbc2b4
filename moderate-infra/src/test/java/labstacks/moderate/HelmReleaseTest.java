package labstacks.moderate;

import static labstacks.moderate.ComponentRuns.NAMESPACE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.pulumi.kubernetes.core.v1.ConfigMap;
import com.pulumi.kubernetes.core.v1.ConfigMapArgs;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import java.util.List;
import java.util.Map;
import labstacks.offline.plan.PlannedResource;
import org.junit.jupiter.api.Test;

/** A pinned chart installed atomically under a fixed release name, after what its values name; and the values. */
class HelmReleaseTest {
    private static final String RELEASE = "kubernetes:helm.sh/v3:Release";

    private static PlannedResource release(Map<String, Object> values) {
        return ComponentRuns.run(
                        "release",
                        k8s -> {
                            var secret =
                                    new ConfigMap(
                                            "chart-input",
                                            ConfigMapArgs.builder()
                                                    .metadata(
                                                            Labels.metadata(
                                                                    "chart-input", NAMESPACE))
                                                    .build(),
                                            k8s);
                            new HelmRelease(
                                    "analytics",
                                    args().values(values)
                                            .startAfter(List.of(secret))
                                            .kubernetes(k8s)
                                            .build(),
                                    ComponentResourceOptions.Empty);
                        })
                .resource(RELEASE, "analytics");
    }

    @Test
    void theReleaseIsThePinnedChartFromItsRepositoryUnderItsFixedName() {
        var release = release(Map.of("replicas", 2));
        assertEquals(
                "analytics",
                release.inputs().get("name"),
                "the charts derive their object names from it");
        assertEquals("analytics-chart", release.inputs().get("chart"));
        assertEquals("2.3.4", release.inputs().get("version"));
        assertEquals(
                Map.of("repo", "https://charts.example.org"),
                release.inputs().get("repositoryOpts"));
        assertEquals(NAMESPACE, release.inputs().get("namespace"));
        assertEquals(Map.of("replicas", 2), release.inputs().get("values"));
        // First installs pull images and migrate databases; a failed one rolls back.
        assertEquals(900, release.inputs().get("timeout"));
        assertEquals(true, release.inputs().get("atomic"));
        assertEquals(
                List.of("chart-input"),
                release.dependsOn(),
                "the values name it, so the install waits for it");
        assertEquals("analytics", release.parent());
        assertEquals("k8s", release.provider());
    }

    @Test
    void dagsterValuesRunTheCodeLocationGivenAndLaunchRunsInTheNamespaceGiven() {
        var release =
                release(
                        HelmCharts.dagsterValues(
                                new HelmCharts.DagsterInputs(
                                        NAMESPACE, "registry.example/code", "v7")));
        assertEquals(
                "registry.example/code",
                release.input("values.dagster-user-deployments.deployments.0.image.repository"));
        assertEquals(
                "v7", release.input("values.dagster-user-deployments.deployments.0.image.tag"));
        assertEquals(
                NAMESPACE, release.input("values.runLauncher.config.k8sRunLauncher.jobNamespace"));
        assertEquals(
                HelmCharts.DAGSTER_VERSION, release.input("values.dagsterWebserver.image.tag"));
        assertEquals(
                List.of(
                        Map.of("name", PlatformSecrets.DAGSTER_SECRETS),
                        Map.of("name", PlatformSecrets.INGESTION_BOT_TOKEN)),
                release.input("values.runLauncher.config.k8sRunLauncher.envSecrets"),
                "runs get the code location's settings");
    }

    @Test
    void openMetadataValuesTakeTheIssuerCallbackAndKeySetsGiven() {
        var inputs =
                new HelmCharts.OpenMetadataInputs(
                        "https://login.example.org/realms/lab",
                        "https://meta.example.org/callback",
                        List.of("http://meta.svc:8585/jwks", "http://login.svc:8080/certs"),
                        "catalogue",
                        List.of("ada", "grace"),
                        "example.org",
                        "00000000-0000-4000-8000-000000000001");
        var release = release(HelmCharts.openMetadataValues(inputs));
        var config = "values.openmetadata.config.";
        assertEquals(
                "https://login.example.org/realms/lab",
                release.input(config + "authentication.authority"));
        assertEquals(
                "https://login.example.org/realms/lab",
                release.input(config + "jwtTokenConfiguration.jwtissuer"),
                "OpenMetadata checks Keycloak's tokens against the same issuer it sends users to");
        assertEquals(
                "https://meta.example.org/callback",
                release.input(config + "authentication.callbackUrl"));
        assertEquals(
                List.of("http://meta.svc:8585/jwks", "http://login.svc:8080/certs"),
                release.input(config + "authentication.publicKeys"));
        assertEquals("catalogue", release.input(config + "authentication.clientId"));
        assertEquals(List.of("ada", "grace"), release.input(config + "authorizer.initialAdmins"));
        assertEquals("example.org", release.input(config + "authorizer.principalDomain"));
        assertEquals(
                "00000000-0000-4000-8000-000000000001",
                release.input(config + "jwtTokenConfiguration.keyId"));
        assertEquals(
                Map.of("secretRef", PlatformSecrets.OPENMETADATA_FERNET, "secretKey", "fernet-key"),
                release.input(config + "fernetkey"),
                "a reference, never the key");
        assertEquals(
                Map.of(
                        "secretRef",
                        PlatformSecrets.OPENMETADATA_POSTGRES,
                        "secretKey",
                        "openmetadata-postgres-password"),
                release.input(config + "database.auth.password"),
                "the database password by reference only");
    }

    @Test
    void argsRefuseAMissingChartOrValues() {
        var noChart =
                assertThrows(
                        NullPointerException.class,
                        () ->
                                args().chart(null)
                                        .values(Map.of())
                                        .kubernetes(CustomResourceOptions.Empty)
                                        .build());
        assertEquals("chart", noChart.getMessage());
        var noValues =
                assertThrows(
                        NullPointerException.class,
                        () -> args().kubernetes(CustomResourceOptions.Empty).build());
        assertEquals("values", noValues.getMessage());
    }

    private static HelmRelease.Args.Builder args() {
        return HelmRelease.Args.builder()
                .releaseName("analytics")
                .repository("https://charts.example.org")
                .chart("analytics-chart")
                .version("2.3.4")
                .namespace(NAMESPACE);
    }
}
