package labstacks.biositing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1Job;
import io.kubernetes.client.openapi.models.V1NetworkPolicy;
import io.kubernetes.client.openapi.models.V1Secret;
import io.kubernetes.client.openapi.models.V1StatefulSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import labstacks.offline.plan.PlanJson;
import labstacks.offline.schema.KubernetesSchema;
import labstacks.offline.testing.ProgramHarness;
import labstacks.offline.testing.StackRun;
import labstacks.shared.config.ConfigProblem;
import labstacks.shared.config.RunMode;
import labstacks.shared.config.StackConfigException;
import org.junit.jupiter.api.Test;

/** Each compose service of ca-biositing and its Kubernetes counterpart, read back through the official models. */
class BiositingProgramTest {
    private static final String PASSWORD = "pw-for-tests-only-4711";

    /**
     * The image upstream publishes for release v2026.4.6: sustainability-software-lab/ca-biositing,
     * .github/workflows/docker-build.yml at v2026.4.6 (images: ghcr.io/${{ github.repository }}/pipeline,
     * tags type=semver,pattern=v{{version}}). Written out, not taken from the code, so a reverted name fails.
     */
    private static final String PIPELINE =
            "ghcr.io/sustainability-software-lab/ca-biositing/pipeline:v2026.4.6";

    /** resources/docker/docker-compose.yml at v2026.4.6, service db. */
    private static final String POSTGIS = "postgis/postgis:17-3.5";

    private static ProgramHarness local() {
        return ProgramHarness.forStackFile(new BiositingProgram(), "biositing-local")
                .secret("biositing:postgresPassword", PASSWORD);
    }

    private static StackRun run() {
        return local().run().assertSucceeded();
    }

    private static <T> T model(StackRun run, String type, String name, Class<T> model) {
        return model.cast(KubernetesSchema.validate(run.resource(type, name)));
    }

    /**
     * What the stack creates, by kind: the compose services' objects (db, setup-db, prefect-server, prefect-worker,
     * prefect-deploy), their accounts, the .env objects, the init script and the policies admitting their clients.
     */
    private static final Map<String, List<String>> OBJECTS =
            Map.of(
                    "ConfigMap", List.of("etl-config", "postgres-initdb"),
                    "Deployment", List.of("prefect-server", "prefect-worker"),
                    "Job", List.of("prefect-deploy", "setup-db"),
                    "Namespace", List.of("ca-biositing"),
                    "NetworkPolicy",
                            List.of(
                                    "database-clients",
                                    "default-deny-ingress",
                                    "prefect-api-clients"),
                    "PersistentVolumeClaim", List.of("prefectdata"),
                    "Secret", List.of("etl-secrets"),
                    "Service", List.of("db", "db-headless", "prefect-server"),
                    "ServiceAccount",
                            List.of(
                                    "db",
                                    "prefect-deploy",
                                    "prefect-server",
                                    "prefect-worker",
                                    "setup-db"),
                    "StatefulSet", List.of("db"));

    /** Kind -> sorted names of the Kubernetes objects a plan creates. */
    private static Map<String, List<String>> objects(StackRun run) {
        return run.plan().resources().stream()
                .filter(
                        r ->
                                r.custom()
                                        && r.type().startsWith("kubernetes:")
                                        && !r.type().startsWith("kubernetes:helm.sh/"))
                .collect(
                        Collectors.groupingBy(
                                r -> r.type().substring(r.type().lastIndexOf(':') + 1),
                                TreeMap::new,
                                Collectors.mapping(
                                        r -> r.name(),
                                        Collectors.collectingAndThen(
                                                Collectors.toList(),
                                                names -> names.stream().sorted().toList()))));
    }

    @Test
    void everyObjectTheStackCreatesMatchesTheOfficialKubernetesSchema() {
        var run = run();
        assertEquals(new TreeMap<>(OBJECTS), objects(run));
        assertEquals(
                OBJECTS.values().stream().mapToInt(List::size).sum(),
                KubernetesSchema.validateAll(run.plan()),
                "each object read back through its official model");
        // A Google key adds exactly the Secret the worker mounts.
        var withCredentials =
                local().secret("biositing:googleCredentials", "{\"type\":\"service_account\"}")
                        .run()
                        .assertSucceeded();
        var expected = new TreeMap<>(OBJECTS);
        expected.put("Secret", List.of("etl-secrets", PrefectWorker.CREDENTIALS_SECRET));
        assertEquals(expected, objects(withCredentials));
        assertEquals(
                OBJECTS.values().stream().mapToInt(List::size).sum() + 1,
                KubernetesSchema.validateAll(withCredentials.plan()));
    }

    @Test
    void dbIsAPostgisStatefulSetWithPgdataInitScriptAndTheComposeHealthCheck() {
        var run = run();
        var db = model(run, "kubernetes:apps/v1:StatefulSet", "db", V1StatefulSet.class);
        var pod = db.getSpec().getTemplate().getSpec();
        var postgres = pod.getContainers().get(0);
        assertEquals(POSTGIS, postgres.getImage());
        assertEquals(5432, postgres.getPorts().get(0).getContainerPort());
        assertEquals(
                "pgdata", db.getSpec().getVolumeClaimTemplates().get(0).getMetadata().getName());
        assertEquals(
                "5Gi",
                db.getSpec()
                        .getVolumeClaimTemplates()
                        .get(0)
                        .getSpec()
                        .getResources()
                        .getRequests()
                        .get("storage")
                        .toSuffixedString());
        var mounts =
                postgres.getVolumeMounts().stream()
                        .collect(Collectors.toMap(m -> m.getName(), m -> m.getMountPath()));
        // The init script alone (compose mounts ./create_prefect_db.sql), so postgis/postgis's own
        // /docker-entrypoint-initdb.d/10_postgis.sh still runs.
        assertEquals(
                Map.of(
                        "pgdata",
                        "/var/lib/postgresql/data",
                        "initdb",
                        "/docker-entrypoint-initdb.d/create_prefect_db.sql",
                        "dshm",
                        "/dev/shm"),
                mounts);
        // The compose db service's shm_size: "1gb" (docker-compose.yml at v2026.4.6).
        var shm =
                pod.getVolumes().stream()
                        .filter(v -> v.getName().equals("dshm"))
                        .findFirst()
                        .orElseThrow()
                        .getEmptyDir();
        assertEquals("Memory", shm.getMedium());
        assertEquals("1Gi", shm.getSizeLimit().toSuffixedString());
        var probe = postgres.getReadinessProbe();
        assertEquals(
                List.of("sh", "-c", "pg_isready -U \"$POSTGRES_USER\" -d \"$POSTGRES_DB\""),
                probe.getExec().getCommand());
        assertEquals(10, probe.getPeriodSeconds());
        assertEquals(5, probe.getTimeoutSeconds());
        assertEquals(5, probe.getFailureThreshold());
        assertEquals(999L, pod.getSecurityContext().getRunAsUser());
        assertTrue(pod.getSecurityContext().getRunAsNonRoot());
        assertTrue(postgres.getResources().getLimits().containsKey("memory"));

        @SuppressWarnings("unchecked")
        var initdb =
                (Map<String, Object>)
                        run.resource("kubernetes:core/v1:ConfigMap", "postgres-initdb")
                                .inputs()
                                .get("data");
        var script = (String) initdb.get("create_prefect_db.sql");
        assertTrue(
                script.contains(
                        "WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'prefect_db')\\gexec"));
        assertTrue(script.contains("GRANT ALL PRIVILEGES ON DATABASE prefect_db TO CURRENT_USER;"));

        var service = run.resource("kubernetes:core/v1:Service", "db").input("spec.ports.0.port");
        assertEquals(5432, service);
    }

    @Test
    void setupDbRunsAlembicOnceTheDatabaseIsReady() {
        var run = run();
        var request = run.resource("kubernetes:batch/v1:Job", "setup-db");
        var job = model(run, "kubernetes:batch/v1:Job", "setup-db", V1Job.class);
        assertEquals("setup-db-" + Images.shortHash(PIPELINE), job.getMetadata().getName());
        var pod = job.getSpec().getTemplate().getSpec();
        assertEquals("Never", pod.getRestartPolicy());
        assertEquals(PIPELINE, pod.getContainers().get(0).getImage());
        // The compose setup-db command, pixi.toml's migrate task and the Cloud Run migration job at
        // v2026.4.6.
        assertEquals(List.of("alembic", "upgrade", "head"), pod.getContainers().get(0).getArgs());
        assertEquals(
                POSTGIS,
                pod.getInitContainers().get(0).getImage(),
                "pg_isready comes from the database image");
        assertTrue(
                pod.getInitContainers()
                        .get(0)
                        .getCommand()
                        .get(2)
                        .contains("pg_isready -h \"$POSTGRES_HOST\""));
        assertTrue(request.dependsOn().contains("db"), request.dependsOn().toString());
        assertTrue(request.deleteBeforeReplace());
        assertEquals(job.getMetadata().getName(), run.output("migration_job"));
    }

    @Test
    void prefectServerServesTheApiWithItsVolumeAndDatabaseUrl() {
        var run = run();
        var server =
                model(run, "kubernetes:apps/v1:Deployment", "prefect-server", V1Deployment.class);
        assertEquals(1, server.getSpec().getReplicas());
        assertEquals("Recreate", server.getSpec().getStrategy().getType());
        var container = server.getSpec().getTemplate().getSpec().getContainers().get(0);
        // The compose prefect-server at v2026.4.6 builds pipeline.dockerfile, like the worker: one
        // Prefect.
        assertEquals(PIPELINE, container.getImage());
        assertEquals(
                List.of("prefect", "server", "start", "--host", "0.0.0.0", "--port", "4200"),
                container.getArgs());
        assertEquals(4200, container.getPorts().get(0).getContainerPort());
        assertEquals("/api/health", container.getReadinessProbe().getHttpGet().getPath());
        assertEquals(10, container.getReadinessProbe().getTimeoutSeconds());
        // docker-compose.yml at v2026.4.6: prefectdata:/home/appuser/.prefect (the image runs as
        // appuser).
        assertEquals("/home/appuser/.prefect", container.getVolumeMounts().get(0).getMountPath());
        assertEquals(
                "prefectdata",
                server.getSpec()
                        .getTemplate()
                        .getSpec()
                        .getVolumes()
                        .get(0)
                        .getPersistentVolumeClaim()
                        .getClaimName());
        assertEquals(
                List.of("etl-config", "etl-secrets"),
                container.getEnvFrom().stream()
                        .map(
                                e ->
                                        e.getConfigMapRef() != null
                                                ? e.getConfigMapRef().getName()
                                                : e.getSecretRef().getName())
                        .toList());
        var dependsOn = run.resource("kubernetes:apps/v1:Deployment", "prefect-server").dependsOn();
        assertTrue(
                dependsOn.containsAll(List.of("db", "setup-db", "prefectdata")),
                dependsOn.toString());
        assertEquals(
                4200,
                run.resource("kubernetes:core/v1:Service", "prefect-server")
                        .input("spec.ports.0.port"));
    }

    @Test
    void theWorkerPollsThePoolOnlyAfterTheServerIsHealthy() {
        var run = run();
        var worker =
                model(run, "kubernetes:apps/v1:Deployment", "prefect-worker", V1Deployment.class);
        assertEquals(1, worker.getSpec().getReplicas());
        var pod = worker.getSpec().getTemplate().getSpec();
        assertEquals(
                List.of(
                        "prefect",
                        "worker",
                        "start",
                        "--type",
                        "process",
                        "--pool",
                        "biocirv_dev_work_pool",
                        "--with-healthcheck"),
                pod.getContainers().get(0).getArgs());
        assertTrue(
                pod.getInitContainers()
                        .get(0)
                        .getArgs()
                        .get(2)
                        .contains("curl -fsS http://prefect-server:4200/api/health"));
        assertTrue(
                run.resource("kubernetes:apps/v1:Deployment", "prefect-worker")
                        .dependsOn()
                        .contains("prefect-server"));
        assertNull(
                pod.getVolumes() == null || pod.getVolumes().isEmpty() ? null : pod.getVolumes(),
                "no credentials volume unless credentials.json is configured");
    }

    @Test
    void credentialsJsonIsMountedFromASecretWhenConfigured() {
        var run =
                local().secret("biositing:googleCredentials", "{\"type\":\"service_account\"}")
                        .run()
                        .assertSucceeded();
        var worker =
                model(run, "kubernetes:apps/v1:Deployment", "prefect-worker", V1Deployment.class);
        var pod = worker.getSpec().getTemplate().getSpec();
        var container = pod.getContainers().get(0);
        var mount = container.getVolumeMounts().get(0);
        assertEquals("/app/gsheets-credentials", mount.getMountPath());
        assertNull(mount.getSubPath(), "a directory mount follows the Secret when it is rotated");
        assertTrue(mount.getReadOnly());
        assertEquals("gsheets-credentials", pod.getVolumes().get(0).getSecret().getSecretName());
        // The extractors read os.getenv("CREDENTIALS_PATH", "credentials.json")
        // (pipeline/etl/extract/factory.py at
        // v2026.4.6); Cloud Run (deployment/cloud/gcp/infrastructure/cloud_run.py) sets both
        // variables to the file.
        var env =
                container.getEnv().stream()
                        .collect(Collectors.toMap(e -> e.getName(), e -> e.getValue()));
        assertEquals(
                Map.of(
                        "CREDENTIALS_PATH",
                        "/app/gsheets-credentials/credentials.json",
                        "GOOGLE_APPLICATION_CREDENTIALS",
                        "/app/gsheets-credentials/credentials.json"),
                env);
        var secret = model(run, "kubernetes:core/v1:Secret", "gsheets-credentials", V1Secret.class);
        assertEquals(
                "{\"type\":\"service_account\"}", secret.getStringData().get("credentials.json"));
        assertFalse(
                PlanJson.write(run.plan()).contains("service_account"),
                "the key never appears in the plan");
        assertTrue(
                run.warnings().stream().noneMatch(w -> w.contains("biositing:googleCredentials")),
                run.warnings().toString());
    }

    @Test
    void theFlowDeploymentIsRegisteredAfterServerAndWorker() {
        var run = run();
        var job = model(run, "kubernetes:batch/v1:Job", "prefect-deploy", V1Job.class);
        assertEquals(
                List.of("prefect", "--no-prompt", "deploy", "--name", "master-etl-deployment"),
                job.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs());
        var dependsOn = run.resource("kubernetes:batch/v1:Job", "prefect-deploy").dependsOn();
        assertTrue(
                dependsOn.containsAll(List.of("prefect-server", "prefect-worker")),
                dependsOn.toString());
    }

    @Test
    void theDotEnvIsSplitIntoSecretAndConfigMap() {
        var run = run();
        @SuppressWarnings("unchecked")
        var config =
                (Map<String, Object>)
                        run.resource("kubernetes:core/v1:ConfigMap", "etl-config")
                                .inputs()
                                .get("data");
        assertEquals("http://prefect-server:4200/api", config.get("PREFECT_API_URL"));
        // The compose prefect-server's PREFECT_UI_API_URL=/api at v2026.4.6: relative, right for
        // any port-forward.
        assertEquals("/api", config.get("PREFECT_UI_API_URL"));
        assertEquals("0.0.0.0", config.get("PREFECT_SERVER_API_HOST"));
        assertEquals("biocirv_user", config.get("POSTGRES_USER"));
        assertFalse(config.toString().contains(PASSWORD));
        var secret = model(run, "kubernetes:core/v1:Secret", "etl-secrets", V1Secret.class);
        assertEquals(PASSWORD, secret.getStringData().get("POSTGRES_PASSWORD"));
        assertEquals(
                "postgresql+psycopg2://biocirv_user:"
                        + PASSWORD
                        + "@db.ca-biositing.svc.cluster.local:5432/biocirv_db",
                secret.getStringData().get("DATABASE_URL"));
        assertEquals(
                "postgresql+asyncpg://biocirv_user:"
                        + PASSWORD
                        + "@db.ca-biositing.svc.cluster.local:5432/prefect_db",
                secret.getStringData().get("PREFECT_API_DATABASE_CONNECTION_URL"));
        var json = PlanJson.write(run.plan());
        assertFalse(json.contains(PASSWORD), "the password never appears in the plan");
    }

    @Test
    void aPasswordWithUrlDelimitersStaysOnePasswordInTheUrls() {
        var password = "p@ss:w/rd%?#ü";
        var run = local().secret("biositing:postgresPassword", password).run().assertSucceeded();
        var secret = model(run, "kubernetes:core/v1:Secret", "etl-secrets", V1Secret.class);
        assertEquals(password, secret.getStringData().get("POSTGRES_PASSWORD"));
        // alembic/env.py at v2026.4.6 escapes '%' for configparser and SQLAlchemy decodes the
        // password again.
        assertEquals(
                "postgresql+psycopg2://biocirv_user:p%40ss%3Aw%2Frd%25%3F%23%C3%BC@db.ca-biositing.svc.cluster.local:5432/biocirv_db",
                secret.getStringData().get("DATABASE_URL"));
        assertTrue(
                secret.getStringData()
                        .get("PREFECT_API_DATABASE_CONNECTION_URL")
                        .startsWith(
                                "postgresql+asyncpg://biocirv_user:p%40ss%3Aw%2Frd%25%3F%23%C3%BC@db.ca-biositing.svc.cluster.local:5432/"));
    }

    @Test
    void networkPoliciesLetOnlyTheComposeNeighboursTalk() {
        var run = run();
        var deny =
                model(
                        run,
                        "kubernetes:networking.k8s.io/v1:NetworkPolicy",
                        "default-deny-ingress",
                        V1NetworkPolicy.class);
        assertTrue(
                deny.getSpec().getPodSelector().getMatchLabels() == null
                        || deny.getSpec().getPodSelector().getMatchLabels().isEmpty());
        assertEquals(List.of("Ingress"), deny.getSpec().getPolicyTypes());
        var db =
                model(
                        run,
                        "kubernetes:networking.k8s.io/v1:NetworkPolicy",
                        "database-clients",
                        V1NetworkPolicy.class);
        assertEquals(
                "database",
                db.getSpec().getPodSelector().getMatchLabels().get("app.kubernetes.io/component"));
        var rule = db.getSpec().getIngress().get(0);
        assertEquals(
                List.of("migration", "prefect-server", "prefect-worker"),
                rule.getFrom().get(0).getPodSelector().getMatchExpressions().get(0).getValues());
        assertEquals(5432, rule.getPorts().get(0).getPort().getIntValue());
        var api =
                model(
                        run,
                        "kubernetes:networking.k8s.io/v1:NetworkPolicy",
                        "prefect-api-clients",
                        V1NetworkPolicy.class);
        assertEquals(
                List.of("prefect-worker", "flow-deployment"),
                api.getSpec()
                        .getIngress()
                        .get(0)
                        .getFrom()
                        .get(0)
                        .getPodSelector()
                        .getMatchExpressions()
                        .get(0)
                        .getValues());
    }

    @Test
    void outputsTellUsersHowToReachTheStack() {
        var run = run();
        assertEquals("ca-biositing", run.output("namespace"));
        @SuppressWarnings("unchecked")
        var ui = (Map<String, Object>) run.output("prefect_ui");
        assertEquals(
                "kubectl -n ca-biositing port-forward svc/prefect-server 4200:4200",
                ui.get("port_forward"));
        assertEquals(4200, ui.get("port"));
        assertEquals(
                Map.of("service", "db", "host", "db.ca-biositing.svc.cluster.local", "port", 5432),
                run.output("database_service"));
        assertEquals(
                "minikube",
                run.resource("pulumi:providers:kubernetes", "k8s").inputs().get("context"));
    }

    @Test
    void unpinnedImagesAndAMissingPasswordAreConfigErrors() {
        var error =
                assertThrows(
                        StackConfigException.class,
                        () ->
                                ProgramHarness.forStackFile(
                                                new BiositingProgram(), "biositing-local")
                                        .config(
                                                "biositing:pipelineImage",
                                                "ghcr.io/x/pipeline:latest")
                                        .config("biositing:postgresImage", "postgres")
                                        .run());
        assertEquals(
                List.of(
                        "biositing:pipelineImage",
                        "biositing:postgresImage",
                        "biositing:postgresPassword"),
                error.problems().stream().map(ConfigProblem::key).toList());
        assertTrue(error.getMessage().contains("export POSTGRES_PASSWORD"), error.getMessage());

        var plan =
                ProgramHarness.forStackFile(new BiositingProgram(), "biositing-local")
                        .mode(RunMode.PLAN)
                        .run()
                        .assertSucceeded();
        assertTrue(
                plan.warnings().stream()
                        .anyMatch(w -> w.startsWith("biositing:postgresPassword is not set")));
    }

    @Test
    void prodDiffersFromLocalOnlyInConfig() {
        var prod =
                ProgramHarness.forStackFile(new BiositingProgram(), "biositing-prod")
                        .secret("biositing:postgresPassword", PASSWORD)
                        .run()
                        .assertSucceeded();
        var local = run();
        Function<StackRun, List<String>> shape =
                r ->
                        r.resources().stream()
                                .filter(x -> !x.type().equals("pulumi:pulumi:Stack"))
                                .map(x -> x.type() + " " + x.name())
                                .toList();
        assertEquals(shape.apply(local), shape.apply(prod));
        assertEquals(
                "50Gi",
                prod.resource("kubernetes:apps/v1:StatefulSet", "db")
                        .input("spec.volumeClaimTemplates.0.spec.resources.requests.storage"));
    }
}
