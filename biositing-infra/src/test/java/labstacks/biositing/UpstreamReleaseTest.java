package labstacks.biositing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1Job;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1StatefulSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import labstacks.offline.check.PlanCheck;
import labstacks.offline.check.Violation;
import labstacks.offline.plan.PlannedResource;
import labstacks.offline.schema.KubernetesSchema;
import labstacks.offline.testing.ProgramHarness;
import labstacks.offline.testing.StackRun;
import labstacks.shared.config.ConfigProblem;
import labstacks.shared.config.RunMode;
import labstacks.shared.config.StackConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Both stacks against what ca-biositing publishes at its release v2026.4.6
 * (sustainability-software-lab/ca-biositing, tag v2026.4.6 = commit e3ed4de). The expected values are written out
 * here, not read from {@link UpstreamRelease}, so reverting a name in the code or a stack file fails these tests:
 * <ul>
 *   <li>pipeline image: {@code .github/workflows/docker-build.yml} (images {@code ghcr.io/${{ github.repository }}/pipeline},
 *       {@code type=semver,pattern=v{{version}}});</li>
 *   <li>database image: {@code resources/docker/docker-compose.yml} service {@code db} and the service container of
 *       {@code .github/workflows/migrations.yml}; {@code alembic/versions/0001_create_extensions.py} runs
 *       {@code CREATE EXTENSION IF NOT EXISTS postgis};</li>
 *   <li>user: {@code resources/docker/pipeline.dockerfile} ({@code FROM ubuntu:24.04}, {@code useradd -m appuser},
 *       {@code USER appuser}; ubuntu:24.04 already holds uid 1000).</li>
 * </ul>
 */
class UpstreamReleaseTest {
    private static final String PIPELINE =
            "ghcr.io/sustainability-software-lab/ca-biositing/pipeline:v2026.4.6";
    private static final String POSTGIS = "postgis/postgis:17-3.5";
    private static final List<String> STACKS = List.of("biositing-local", "biositing-prod");

    /** The workload kinds whose start order the compose depends_on describes. */
    private static final Set<String> WORKLOADS =
            Set.of(
                    "kubernetes:apps/v1:StatefulSet",
                    "kubernetes:apps/v1:Deployment",
                    "kubernetes:batch/v1:Job");

    private static ProgramHarness stack(String name) {
        return ProgramHarness.forStackFile(new BiositingProgram(), name)
                .secret("biositing:postgresPassword", "pw-for-tests-only-4711");
    }

    private static Map<String, V1PodSpec> podSpecs(StackRun run) {
        var pods = new LinkedHashMap<String, V1PodSpec>();
        for (var resource : run.resources()) {
            var model =
                    switch (resource.type()) {
                        case "kubernetes:apps/v1:Deployment" ->
                                ((V1Deployment) KubernetesSchema.validate(resource))
                                        .getSpec()
                                        .getTemplate()
                                        .getSpec();
                        case "kubernetes:apps/v1:StatefulSet" ->
                                ((V1StatefulSet) KubernetesSchema.validate(resource))
                                        .getSpec()
                                        .getTemplate()
                                        .getSpec();
                        case "kubernetes:batch/v1:Job" ->
                                ((V1Job) KubernetesSchema.validate(resource))
                                        .getSpec()
                                        .getTemplate()
                                        .getSpec();
                        default -> null;
                    };
            if (model != null) {
                pods.put(resource.name(), model);
            }
        }
        return pods;
    }

    private static List<V1Container> allContainers(V1PodSpec pod) {
        var all = new ArrayList<V1Container>(pod.getContainers());
        if (pod.getInitContainers() != null) {
            all.addAll(pod.getInitContainers());
        }
        return all;
    }

    @Test
    void everyContainerOfBothStacksRunsThePublishedPipelineImageOrPostgis() {
        for (var name : STACKS) {
            var run = stack(name).run().assertSucceeded();
            var images = new LinkedHashMap<String, String>();
            podSpecs(run)
                    .forEach(
                            (workload, pod) ->
                                    allContainers(pod)
                                            .forEach(
                                                    c ->
                                                            images.put(
                                                                    workload + "/" + c.getName(),
                                                                    c.getImage())));
            var expected = new LinkedHashMap<String, String>();
            expected.put("setup-db/setup-db", PIPELINE);
            expected.put("setup-db/wait-for-db", POSTGIS);
            expected.put("db/postgres", POSTGIS);
            expected.put("prefect-server/prefect-server", PIPELINE);
            expected.put("prefect-server/wait-for-db", POSTGIS);
            expected.put("prefect-worker/prefect-worker", PIPELINE);
            expected.put("prefect-worker/wait-for-prefect", PIPELINE);
            expected.put("prefect-deploy/prefect-deploy", PIPELINE);
            expected.put("prefect-deploy/wait-for-prefect", PIPELINE);
            assertEquals(new TreeMap<>(expected), new TreeMap<>(images), name);
        }
    }

    @Test
    void aNewReleaseIsOneSettingAndRerunsTheMigrationAndTheFlowDeployment() {
        var next = "ghcr.io/sustainability-software-lab/ca-biositing/pipeline:v2026.5.1";
        var pinned = stack("biositing-local").run().assertSucceeded();
        var run =
                stack("biositing-local")
                        .config("biositing:pipelineImage", next)
                        .run()
                        .assertSucceeded();
        var images =
                podSpecs(run).entrySet().stream()
                        .filter(e -> !e.getKey().equals("db"))
                        .map(e -> e.getValue().getContainers().get(0).getImage())
                        .distinct()
                        .toList();
        assertEquals(
                List.of(next),
                images,
                "server, worker, migration and flow deployment move together");
        assertFalse(
                pinned.output("migration_job").equals(run.output("migration_job")),
                "a new image gives the migration Job a new name, so it runs again");
    }

    @Test
    void pipelinePodsRunAsTheImagesAppuserAndCheckNeedsNoExceptions() {
        var run = stack("biositing-prod").run().assertSucceeded();
        for (var workload :
                List.of("setup-db", "prefect-server", "prefect-worker", "prefect-deploy")) {
            var security = podSpecs(run).get(workload).getSecurityContext();
            assertEquals(1001L, security.getRunAsUser(), workload);
            assertTrue(security.getRunAsNonRoot(), workload);
            assertEquals(
                    1001L,
                    security.getFsGroup(),
                    workload + ": the Prefect home on a new claim is writable");
        }
        assertEquals(
                List.of(),
                new BiositingProgram().policyExceptions(),
                "no workload needs root any more");
        for (var name : STACKS) {
            for (var credentials : List.of(false, true)) {
                var harness = stack(name);
                if (credentials) {
                    harness.secret("biositing:googleCredentials", "{\"type\":\"service_account\"}");
                }
                var result = PlanCheck.run(harness.run().assertSucceeded().plan(), List.of());
                assertEquals(
                        List.of(),
                        result.violations().stream().map(Violation::render).toList(),
                        name + (credentials ? " with credentials" : ""));
            }
        }
    }

    @Test
    void dbHasALivenessProbeAndIsGovernedByAHeadlessService() {
        var run = stack("biositing-local").run().assertSucceeded();
        var db =
                (V1StatefulSet)
                        KubernetesSchema.validate(
                                run.resource("kubernetes:apps/v1:StatefulSet", "db"));
        var postgres = db.getSpec().getTemplate().getSpec().getContainers().get(0);
        var healthCheck =
                List.of("sh", "-c", "pg_isready -U \"$POSTGRES_USER\" -d \"$POSTGRES_DB\"");
        assertEquals(healthCheck, postgres.getLivenessProbe().getExec().getCommand());
        assertTrue(
                postgres.getLivenessProbe().getPeriodSeconds()
                                * postgres.getLivenessProbe().getFailureThreshold()
                        >= 60,
                "a restart only after a minute without an answer");
        assertEquals(healthCheck, postgres.getStartupProbe().getExec().getCommand());
        assertTrue(
                postgres.getStartupProbe().getPeriodSeconds()
                                * postgres.getStartupProbe().getFailureThreshold()
                        >= 300,
                "initdb and the PostGIS init scripts get five minutes before liveness counts");

        assertEquals("db-headless", db.getSpec().getServiceName());
        var headless =
                (V1Service)
                        KubernetesSchema.validate(
                                run.resource("kubernetes:core/v1:Service", "db-headless"));
        assertEquals("None", headless.getSpec().getClusterIP());
        assertEquals(db.getSpec().getSelector().getMatchLabels(), headless.getSpec().getSelector());
        assertEquals(5432, headless.getSpec().getPorts().get(0).getPort());
        assertTrue(
                run.resource("kubernetes:apps/v1:StatefulSet", "db")
                        .dependsOn()
                        .contains("db-headless"));

        // The clients keep the ClusterIP Service "db" their URLs name.
        var clients =
                (V1Service)
                        KubernetesSchema.validate(run.resource("kubernetes:core/v1:Service", "db"));
        assertTrue(clients.getSpec().getClusterIP() == null, "a normal ClusterIP Service");
    }

    @Test
    void theDatabasePolicyAdmitsThePodPortWhateverTheServicePortIs() {
        var run =
                stack("biositing-local")
                        .config("biositing:postgresPort", "15432")
                        .run()
                        .assertSucceeded();
        assertEquals(
                15432, run.resource("kubernetes:core/v1:Service", "db").input("spec.ports.0.port"));
        assertEquals(
                5432,
                run.resource("kubernetes:networking.k8s.io/v1:NetworkPolicy", "database-clients")
                        .input("spec.ingress.0.ports.0.port"));
    }

    private static List<ConfigProblem> problems(ProgramHarness harness) {
        return assertThrows(StackConfigException.class, harness::run).problems();
    }

    @Test
    void imagesUpstreamDoesNotPublishAndPlainPostgresAreConfigErrors() {
        // The name the stacks used before: no such package under the organisation.
        var old =
                problems(
                        stack("biositing-prod")
                                .config(
                                        "biositing:pipelineImage",
                                        "ghcr.io/sustainability-software-lab/ca-biositing-pipeline:0.4.0"));
        assertEquals(
                List.of("biositing:pipelineImage"), old.stream().map(ConfigProblem::key).toList());
        assertTrue(
                old.get(0).problem().contains("ca-biositing does not publish"),
                old.get(0).problem());
        assertTrue(old.get(0).fix().contains(PIPELINE), old.get(0).fix());

        var plain =
                problems(
                        stack("biositing-prod")
                                .config("biositing:postgresImage", "postgres:13.20"));
        assertEquals(
                List.of("biositing:postgresImage"),
                plain.stream().map(ConfigProblem::key).toList());
        assertTrue(
                plain.get(0).problem().contains("CREATE EXTENSION postgis"),
                plain.get(0).problem());
        assertTrue(plain.get(0).fix().contains(POSTGIS), plain.get(0).fix());

        // alembic/versions/0002_grant_readonly_permissions.py at v2026.4.6: ALTER DEFAULT
        // PRIVILEGES FOR ROLE biocirv_user.
        var owner = problems(stack("biositing-prod").config("biositing:postgresUser", "etl"));
        assertEquals(
                List.of("biositing:postgresUser"), owner.stream().map(ConfigProblem::key).toList());

        // A mirror of the same image (as upstream's Cloud Run pulls through Artifact Registry) is
        // fine.
        stack("biositing-prod")
                .config(
                        "biositing:pipelineImage",
                        "us-west1-docker.pkg.dev/p/ghcr-proxy/sustainability-software-lab/ca-biositing/pipeline:v2026.4.6")
                .run()
                .assertSucceeded();
        // The old server image setting is gone: one image means one Prefect.
        var server =
                problems(
                        stack("biositing-local")
                                .config(
                                        "biositing:prefectServerImage",
                                        "prefecthq/prefect:3.4.23-python3.12"));
        assertEquals(
                List.of("biositing:prefectServerImage"),
                server.stream().map(ConfigProblem::key).toList());
    }

    @Test
    void aPlanWarnsWhenTheSheetsExtractionHasNoCredentials() {
        for (var name : STACKS) {
            var run = stack(name).mode(RunMode.PLAN).run().assertSucceeded();
            assertTrue(
                    run.warnings().stream()
                            .anyMatch(
                                    w ->
                                            w.startsWith("biositing:googleCredentials is not set")
                                                    && w.contains(
                                                            "pulumi config set --secret biositing:googleCredentials -s "
                                                                    + name)),
                    run.warnings().toString());
        }
        var off =
                stack("biositing-local")
                        .config("biositing:sheetsExtraction", "false")
                        .mode(RunMode.PLAN)
                        .run()
                        .assertSucceeded();
        assertTrue(
                off.warnings().stream().noneMatch(w -> w.contains("googleCredentials")),
                off.warnings().toString());
        var fromEnvironment =
                stack("biositing-local")
                        .env("BIOSITING_GOOGLE_CREDENTIALS", "{\"type\":\"service_account\"}")
                        .mode(RunMode.PLAN)
                        .run()
                        .assertSucceeded();
        assertTrue(
                fromEnvironment.warnings().stream()
                        .noneMatch(w -> w.contains("googleCredentials")));
        assertEquals(
                1,
                fromEnvironment.resources("kubernetes:core/v1:Secret").stream()
                        .filter(r -> r.name().equals("gsheets-credentials"))
                        .count());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/home/me/ca-biositing/credentials.json",
                "my-project-1234-sa.json",
                "./keys/sa.json",
                "C:\\Users\\me\\credentials.json"
            })
    void aPathWhereTheKeyBelongsIsAConfigErrorThatNeverPrintsTheValue(String path) {
        var fromConfig =
                problems(stack("biositing-local").secret("biositing:googleCredentials", path));
        assertEquals(
                List.of("biositing:googleCredentials"),
                fromConfig.stream().map(ConfigProblem::key).toList());
        assertTrue(
                fromConfig.get(0).problem().contains("holds a file path"),
                fromConfig.get(0).problem());
        assertTrue(
                fromConfig.get(0).fix().contains("< path/to/credentials.json"),
                fromConfig.get(0).fix());
        assertFalse(fromConfig.get(0).toString().contains(path));
        var fromEnvironment =
                problems(stack("biositing-local").env("BIOSITING_GOOGLE_CREDENTIALS", path));
        assertEquals(
                List.of("biositing:googleCredentials"),
                fromEnvironment.stream().map(ConfigProblem::key).toList());
    }

    @Test
    void theStartOrderOfTheComposeFileHolds() {
        var run = stack("biositing-prod").run().assertSucceeded();
        Function<String, Set<String>> after =
                name ->
                        Set.copyOf(
                                run.resources().stream()
                                        .filter(
                                                r ->
                                                        r.name().equals(name)
                                                                && WORKLOADS.contains(r.type()))
                                        .findFirst()
                                        .map(PlannedResource::dependsOn)
                                        .orElseThrow());
        assertTrue(
                after.apply("db")
                        .containsAll(
                                Set.of(
                                        "postgres-initdb",
                                        "etl-secrets",
                                        "etl-config",
                                        "db-headless")));
        assertTrue(after.apply("setup-db").contains("db"));
        assertTrue(after.apply("prefect-server").containsAll(Set.of("db", "setup-db")));
        assertTrue(after.apply("prefect-worker").contains("prefect-server"));
        assertTrue(
                after.apply("prefect-deploy")
                        .containsAll(Set.of("prefect-server", "prefect-worker")));
    }
}
