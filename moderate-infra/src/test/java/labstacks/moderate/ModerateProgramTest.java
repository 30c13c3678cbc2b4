package labstacks.moderate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubernetes.client.openapi.models.V1NetworkPolicy;
import io.kubernetes.client.openapi.models.V1Secret;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1StatefulSet;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import labstacks.offline.plan.PlanJson;
import labstacks.offline.plan.PlannedResource;
import labstacks.offline.schema.KubernetesSchema;
import labstacks.offline.testing.ProgramHarness;
import labstacks.offline.testing.StackRun;
import labstacks.shared.config.ConfigProblem;
import labstacks.shared.config.StackConfigException;
import org.junit.jupiter.api.Test;

class ModerateProgramTest {
    private static final String PG_PASSWORD = "pg-test-password-1";
    private static final String KC_PASSWORD = "kc-test-password-2";
    private static final String RABBIT_PASSWORD = "rabbit-test-password-3";
    private static final String FERNET = "fernet-test-key-4";
    private static final String PRIVATE_KEY = "cHJpdmF0ZS1rZXktZGVy";
    private static final String PUBLIC_KEY = "cHVibGljLWtleS1kZXI=";

    /**
     * What moderate-local creates besides its Helm releases: the objects an operator finds with kubectl. Each
     * one is also validated against the official schema. moderate-prod swaps the node-port Services and their
     * NetworkPolicies for Ingresses and ingress-controller policies (see {@link #prodDiffersOnlyInHowUsersReachTheUis}).
     */
    private static final Map<String, List<String>> LOCAL_OBJECTS =
            Map.of(
                    "ConfigMap", List.of("postgres-app-users"),
                    "Job", List.of("dagster-version-check", "keycloak-init", "postgres-app-users"),
                    "Namespace", List.of("moderate"),
                    "NetworkPolicy",
                            List.of(
                                    "dagster-internal",
                                    "dagster-webserver-from-node-port",
                                    "default-deny-ingress",
                                    "elasticsearch-clients",
                                    "keycloak-clients",
                                    "keycloak-from-node-port",
                                    "openmetadata-clients",
                                    "openmetadata-from-node-port",
                                    "postgres-clients",
                                    "rabbitmq-clients"),
                    "Role", List.of("dagster-run-launcher"),
                    "RoleBinding", List.of("dagster-run-launcher"),
                    "Secret",
                            List.of(
                                    "dagster-postgresql-secret",
                                    "dagster-secrets",
                                    "keycloak-credentials",
                                    "openmetadata-fernet-key",
                                    "openmetadata-ingestion-bot-token",
                                    "openmetadata-jwt-keys",
                                    "openmetadata-postgres-secrets",
                                    "postgres-credentials",
                                    "rabbitmq-credentials"),
                    "Service",
                            List.of(
                                    "dagster-webserver-node-port",
                                    "elasticsearch",
                                    "elasticsearch-headless",
                                    "keycloak",
                                    "keycloak-headless",
                                    "keycloak-node-port",
                                    "openmetadata-node-port",
                                    "postgres",
                                    "postgres-headless",
                                    "rabbitmq",
                                    "rabbitmq-headless"),
                    "ServiceAccount",
                            List.of(
                                    "dagster",
                                    "dagster-version-check",
                                    "elasticsearch",
                                    "keycloak",
                                    "keycloak-init",
                                    "postgres",
                                    "postgres-app-users",
                                    "rabbitmq"),
                    "StatefulSet", List.of("elasticsearch", "keycloak", "postgres", "rabbitmq"));

    /** Kind -> sorted names of the Kubernetes objects a plan creates, Helm releases aside. */
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
                                        PlannedResource::name,
                                        Collectors.collectingAndThen(
                                                Collectors.toList(),
                                                names -> names.stream().sorted().toList()))));
    }

    private static final String DAGSTER_DB = "dagster-db-pw-5~x";
    private static final String KEYCLOAK_DB = "keycloak-db-pw-6";
    private static final String OPENMETADATA_DB = "openmetadata-db-pw-7";

    private static ProgramHarness local() {
        return ProgramHarness.forStackFile(new ModerateProgram(), "moderate-local")
                .secret("moderate:postgresPassword", PG_PASSWORD)
                .secret("moderate:keycloakAdminPassword", KC_PASSWORD)
                .secret("moderate:rabbitPassword", RABBIT_PASSWORD)
                .secret("moderate:openMetadataFernetKey", FERNET)
                .secret("moderate:openMetadataJwtPrivateKey", PRIVATE_KEY)
                .config("moderate:openMetadataJwtPublicKey", PUBLIC_KEY)
                .secret("moderate:dagsterDbPassword", DAGSTER_DB)
                .secret("moderate:keycloakDbPassword", KEYCLOAK_DB)
                .secret("moderate:openMetadataDbPassword", OPENMETADATA_DB);
    }

    static ProgramHarness prodHarness() {
        return ProgramHarness.forStackFile(new ModerateProgram(), "moderate-prod")
                .secret("moderate:postgresPassword", PG_PASSWORD)
                .secret("moderate:keycloakAdminPassword", KC_PASSWORD)
                .secret("moderate:rabbitPassword", RABBIT_PASSWORD)
                .secret("moderate:openMetadataFernetKey", FERNET)
                .secret("moderate:openMetadataJwtPrivateKey", PRIVATE_KEY)
                .config("moderate:openMetadataJwtPublicKey", PUBLIC_KEY)
                .secret("moderate:dagsterDbPassword", DAGSTER_DB)
                .secret("moderate:keycloakDbPassword", KEYCLOAK_DB)
                .secret("moderate:openMetadataDbPassword", OPENMETADATA_DB)
                .secret("moderate:apiPassword", API_PASSWORD)
                .secret("moderate:s3AccessKeyId", S3_KEY_ID)
                .secret("moderate:s3SecretAccessKey", S3_SECRET);
    }

    static final String API_PASSWORD = "api-test-password-8";
    static final String S3_KEY_ID = "GOOG1ETESTKEYID9";
    static final String S3_SECRET = "s3-test-secret-10";

    static ProgramHarness localHarness() {
        return local();
    }

    static StackRun localRun() {
        return run();
    }

    static StackRun prodRun() {
        return prodHarness().run().assertSucceeded();
    }

    private static StackRun run() {
        return local().run().assertSucceeded();
    }

    private static <T> T model(StackRun run, String type, String name, Class<T> model) {
        return model.cast(KubernetesSchema.validate(run.resource(type, name)));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> values(PlannedResource release) {
        return (Map<String, Object>) release.inputs().get("values");
    }

    @Test
    void everyKubernetesObjectMatchesTheOfficialSchema() {
        var run = run();
        assertEquals(new TreeMap<>(LOCAL_OBJECTS), objects(run));
        assertEquals(
                LOCAL_OBJECTS.values().stream().mapToInt(List::size).sum(),
                KubernetesSchema.validateAll(run.plan()),
                "every object was validated");
    }

    @Test
    void dagsterIsChart1128FromTheOfficialRepositoryWithAnExternalDatabase() {
        var release = run().resource("kubernetes:helm.sh/v3:Release", "dagster");
        assertEquals("dagster", release.inputs().get("chart"));
        // 1.12.8 is the first release with dagster-io/dagster#33135 (CHANGES.md, "1.12.8 (core) /
        // 0.28.8 (libraries)").
        assertEquals("1.12.8", release.inputs().get("version"));
        assertEquals("dagster", release.inputs().get("name"));
        assertEquals("moderate", release.inputs().get("namespace"));
        assertEquals(
                Map.of("repo", "https://dagster-io.github.io/helm"),
                release.inputs().get("repositoryOpts"));
        assertEquals(false, release.input("values.postgresql.enabled"));
        assertEquals("postgres", release.input("values.postgresql.postgresqlHost"));
        assertEquals("dagster", release.input("values.postgresql.postgresqlUsername"));
        // The chart must not render the ServiceAccount the stack owns, and the subchart must not
        // bind its broad Role.
        assertEquals(false, release.input("values.serviceAccount.create"));
        assertEquals(false, release.input("values.dagster-user-deployments.rbacEnabled"));
        assertEquals(false, release.input("values.dagster-user-deployments.serviceAccount.create"));
        assertEquals("1.12.8", release.input("values.dagsterWebserver.image.tag"));
        assertEquals("1.12.8", release.input("values.dagsterDaemon.image.tag"));
        assertEquals("dagster", release.input("values.postgresql.postgresqlDatabase"));
        assertEquals(
                "dagster-postgresql-secret", release.input("values.global.postgresqlSecretName"));
        assertEquals(false, release.input("values.generatePostgresqlPasswordSecret"));
        assertEquals("K8sRunLauncher", release.input("values.runLauncher.type"));
        assertEquals(
                "moderate", release.input("values.runLauncher.config.k8sRunLauncher.jobNamespace"));
        assertEquals(80, release.input("values.dagsterWebserver.service.port"));
        assertEquals("dagster", release.input("values.global.serviceAccountName"));
        // ... the account DagsterRbac binds to its Role in this namespace (DagsterRbacTest checks
        // the Role itself).
        var binding =
                run().resource(
                                "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding",
                                "dagster-run-launcher");
        assertEquals(
                List.of(
                        Map.of(
                                "kind",
                                "ServiceAccount",
                                "name",
                                "dagster",
                                "namespace",
                                "moderate")),
                binding.input("subjects"));
        assertEquals(false, release.input("values.rbacEnabled"));
        assertEquals(
                "moderate", release.input("values.dagster-user-deployments.deployments.0.name"));
        // Dagster's published example code location at the chart's version, with the chart
        // default's arguments.
        assertEquals(
                "docker.io/dagster/user-code-example",
                release.input("values.dagster-user-deployments.deployments.0.image.repository"));
        assertEquals(
                "1.12.8", release.input("values.dagster-user-deployments.deployments.0.image.tag"));
        assertEquals(
                List.of("--python-file", "/example_project/example_repo/repo.py"),
                release.input("values.dagster-user-deployments.deployments.0.dagsterApiGrpcArgs"));
        assertEquals(
                List.of("--package-name", "moderate"),
                prodRun()
                        .resource("kubernetes:helm.sh/v3:Release", "dagster")
                        .input("values.dagster-user-deployments.deployments.0.dagsterApiGrpcArgs"));
        assertEquals(false, release.input("values.telemetry.enabled"));
        assertEquals(
                1,
                release.input(
                        "values.dagsterDaemon.runCoordinator.config.queuedRunCoordinator.maxConcurrentRuns"));
        assertEquals(3030, release.input("values.dagster-user-deployments.deployments.0.port"));
        assertEquals(
                List.of(
                        Map.of("name", "dagster-secrets"),
                        Map.of("name", "openmetadata-ingestion-bot-token")),
                release.input("values.dagster-user-deployments.deployments.0.envSecrets"));
        assertTrue(
                release.dependsOn()
                        .containsAll(
                                List.of(
                                        "postgres",
                                        "postgres-app-users",
                                        "dagster-secrets",
                                        "dagster",
                                        "openmetadata",
                                        "dagster-version-check")),
                release.dependsOn().toString());
    }

    @Test
    void openMetadataIsChart154WithKeycloakOidcElasticsearchAndSecretReferences() {
        var release = run().resource("kubernetes:helm.sh/v3:Release", "openmetadata");
        assertEquals("openmetadata", release.inputs().get("chart"));
        assertEquals("1.5.4", release.inputs().get("version"));
        assertEquals(
                Map.of("repo", "https://helm.open-metadata.org/"),
                release.inputs().get("repositoryOpts"));
        var config = "values.openmetadata.config.";
        assertEquals("custom-oidc", release.input(config + "authentication.provider"));
        // Browser-facing: the node address of the local stack, the same one Keycloak's
        // KC_HOSTNAME_URL names.
        assertEquals(
                "http://192.168.49.2:30080/realms/moderate",
                release.input(config + "authentication.authority"));
        assertEquals(
                "http://192.168.49.2:30080/realms/moderate",
                release.input(config + "jwtTokenConfiguration.jwtissuer"));
        assertEquals("openmetadata", release.input(config + "authentication.clientId"));
        assertEquals(
                "http://192.168.49.2:30585/callback",
                release.input(config + "authentication.callbackUrl"));
        // Server-side fetches go through the cluster's Services.
        assertEquals(
                List.of(
                        "http://openmetadata.moderate.svc.cluster.local:8585/api/v1/system/config/jwks",
                        "http://keycloak.moderate.svc.cluster.local:8080/realms/moderate/protocol/openid-connect/certs"),
                release.input(config + "authentication.publicKeys"));
        assertEquals("openmetadata", release.input(config + "database.auth.username"));
        assertEquals(List.of("admin"), release.input(config + "authorizer.initialAdmins"));
        assertEquals("fundacionctic.org", release.input(config + "authorizer.principalDomain"));
        assertEquals("elasticsearch", release.input(config + "elasticsearch.host"));
        assertEquals("elasticsearch", release.input(config + "elasticsearch.searchType"));
        assertEquals(
                "openmetadata-postgres-secrets",
                release.input(config + "database.auth.password.secretRef"));
        assertEquals(false, release.input(config + "pipelineServiceClientConfig.enabled"));
        assertEquals(
                "/etc/openmetadata/jwtkeys/om_pubkey.der",
                release.input(config + "jwtTokenConfiguration.rsapublicKeyFilePath"));
        assertEquals(
                "openmetadata-jwt-keys", release.input("values.extraVolumes.0.secret.secretName"));
        assertEquals("openmetadata", release.input("values.fullnameOverride"));
        assertEquals(true, release.input("values.serviceAccount.create"));
        assertEquals(false, release.input("values.automountServiceAccountToken"));
    }

    @Test
    void helmValuesHoldNoSecret() {
        var run = run();
        for (var name : List.of("dagster", "openmetadata")) {
            var text = values(run.resource("kubernetes:helm.sh/v3:Release", name)).toString();
            for (var secret :
                    List.of(
                            PG_PASSWORD,
                            KC_PASSWORD,
                            RABBIT_PASSWORD,
                            FERNET,
                            PRIVATE_KEY,
                            DAGSTER_DB,
                            KEYCLOAK_DB,
                            OPENMETADATA_DB)) {
                assertFalse(text.contains(secret), name + " values contain a secret");
            }
        }
        var json = PlanJson.write(run.plan());
        for (var secret :
                List.of(
                        PG_PASSWORD,
                        KC_PASSWORD,
                        RABBIT_PASSWORD,
                        FERNET,
                        PRIVATE_KEY,
                        DAGSTER_DB,
                        KEYCLOAK_DB,
                        OPENMETADATA_DB)) {
            assertFalse(json.contains(secret), "plan JSON contains a secret");
        }
    }

    @Test
    void theCodeLocationSettingsAreASecretWithEveryKey() {
        var secret = model(run(), "kubernetes:core/v1:Secret", "dagster-secrets", V1Secret.class);
        var data = secret.getStringData();
        assertEquals(
                "amqp://rabbit:" + RABBIT_PASSWORD + "@rabbitmq.moderate.svc.cluster.local:5672/",
                data.get("RABBIT_URL"));
        assertEquals(
                "localhost:5000/moderate-matrix-profile-workflow",
                data.get("MATRIX_PROFILE_JOB_IMAGE"));
        assertEquals("dagster", data.get("POSTGRES_USERNAME"));
        assertEquals(DAGSTER_DB, data.get("POSTGRES_PASSWORD"));
        assertEquals(
                "http://keycloak.moderate.svc.cluster.local:8080", data.get("KEYCLOAK_SERVER_URL"));
        for (var unwired :
                List.of(
                        "API_BASE_URL",
                        "API_USERNAME",
                        "API_PASSWORD",
                        "S3_ACCESS_KEY_ID",
                        "S3_SECRET_ACCESS_KEY",
                        "S3_BUCKET_NAME",
                        "S3_REGION",
                        "S3_ENDPOINT_URL",
                        "S3_JOB_OUTPUTS_BUCKET_NAME",
                        "MATRIX_PROFILE_JOB_TAG",
                        "MATRIX_PROFILE_QUEUE")) {
            assertFalse(data.containsKey(unwired), unwired + " is wired although not configured");
        }

        var wired =
                local().config("moderate:apiBaseUrl", "https://api.example")
                        .config("moderate:apiUsername", "svc")
                        .secret("moderate:apiPassword", "api-pw")
                        .secret("moderate:s3AccessKeyId", "AK")
                        .secret("moderate:s3SecretAccessKey", "SK")
                        .config("moderate:s3BucketName", "bucket")
                        .config("moderate:s3Region", "auto")
                        .config("moderate:s3EndpointUrl", "https://storage.googleapis.com")
                        .config("moderate:s3JobOutputsBucketName", "outputs")
                        .config("moderate:matrixProfileJobTag", "main")
                        .config("moderate:matrixProfileQueue", "mp")
                        .secret("moderate:rabbitPassword", "p@ss:w/rd %x")
                        .run()
                        .assertSucceeded();
        var all =
                model(wired, "kubernetes:core/v1:Secret", "dagster-secrets", V1Secret.class)
                        .getStringData();
        assertTrue(
                all.keySet()
                        .containsAll(
                                List.of(
                                        "API_BASE_URL",
                                        "API_USERNAME",
                                        "API_PASSWORD",
                                        "S3_ACCESS_KEY_ID",
                                        "S3_SECRET_ACCESS_KEY",
                                        "S3_REGION",
                                        "S3_BUCKET_NAME",
                                        "S3_ENDPOINT_URL",
                                        "RABBIT_URL",
                                        "MATRIX_PROFILE_JOB_IMAGE",
                                        "S3_JOB_OUTPUTS_BUCKET_NAME",
                                        "MATRIX_PROFILE_JOB_TAG",
                                        "MATRIX_PROFILE_QUEUE")),
                all.keySet().toString());
        assertEquals("api-pw", all.get("API_PASSWORD"));
        // Every variable the code location reads (moderate-workflows@3ec1d8e
        // moderate/moderate/enums.py Variables,
        // read in moderate/__init__.py and matrix_profile/__init__.py) reaches it through one of
        // its two Secrets.
        var token =
                model(
                                wired,
                                "kubernetes:core/v1:Secret",
                                "openmetadata-ingestion-bot-token",
                                V1Secret.class)
                        .getStringData()
                        .keySet();
        var everything = new TreeSet<>(all.keySet());
        everything.addAll(token);
        assertEquals(
                new TreeSet<>(
                        List.of(
                                "KEYCLOAK_SERVER_URL",
                                "KEYCLOAK_ADMIN_USERNAME",
                                "KEYCLOAK_ADMIN_PASSWORD",
                                "KEYCLOAK_MAIN_REALM_NAME",
                                "POSTGRES_HOST",
                                "POSTGRES_PORT",
                                "POSTGRES_USERNAME",
                                "POSTGRES_PASSWORD",
                                "OPEN_METADATA_HOST",
                                "OPEN_METADATA_PORT",
                                "OPEN_METADATA_TOKEN",
                                "S3_ACCESS_KEY_ID",
                                "S3_SECRET_ACCESS_KEY",
                                "S3_REGION",
                                "S3_BUCKET_NAME",
                                "S3_ENDPOINT_URL",
                                "S3_JOB_OUTPUTS_BUCKET_NAME",
                                "API_BASE_URL",
                                "API_USERNAME",
                                "API_PASSWORD",
                                "RABBIT_URL",
                                "MATRIX_PROFILE_QUEUE",
                                "MATRIX_PROFILE_JOB_IMAGE",
                                "MATRIX_PROFILE_JOB_TAG")),
                everything);
        assertEquals("main", all.get("MATRIX_PROFILE_JOB_TAG"));
        // The password is percent-encoded in the URL's user-info part.
        assertEquals(
                "amqp://rabbit:p%40ss%3Aw%2Frd%20%25x@rabbitmq.moderate.svc.cluster.local:5672/",
                all.get("RABBIT_URL"));
        assertEquals(
                "p@ss:w/rd %x",
                URLDecoder.decode(
                        all.get("RABBIT_URL")
                                .substring(
                                        "amqp://rabbit:".length(),
                                        all.get("RABBIT_URL").indexOf('@', 14))
                                .replace("+", "%2B"),
                        StandardCharsets.UTF_8));
    }

    @Test
    void everySecretHoldsTheKeysItsConsumersRead() {
        var run = run();
        Map<String, Set<String>> expected =
                Map.of(
                        "openmetadata-ingestion-bot-token", Set.of("OPEN_METADATA_TOKEN"),
                        "dagster-postgresql-secret", Set.of("postgresql-password"),
                        "openmetadata-postgres-secrets", Set.of("openmetadata-postgres-password"),
                        "openmetadata-fernet-key", Set.of("fernet-key"),
                        "postgres-credentials", Set.of("POSTGRES_PASSWORD"),
                        "keycloak-credentials",
                                Set.of(
                                        "KEYCLOAK_ADMIN",
                                        "KEYCLOAK_ADMIN_PASSWORD",
                                        "KC_DB_PASSWORD"),
                        "rabbitmq-credentials",
                                Set.of("RABBITMQ_DEFAULT_USER", "RABBITMQ_DEFAULT_PASS"));
        expected.forEach(
                (name, keys) ->
                        assertEquals(
                                keys,
                                model(run, "kubernetes:core/v1:Secret", name, V1Secret.class)
                                        .getStringData()
                                        .keySet(),
                                name));
        var jwt = model(run, "kubernetes:core/v1:Secret", "openmetadata-jwt-keys", V1Secret.class);
        assertEquals(Set.of("om_privkey.der", "om_pubkey.der"), jwt.getData().keySet());
        assertTrue(
                run.resources("kubernetes:core/v1:ConfigMap").stream()
                        .noneMatch(c -> c.inputs().toString().contains(PG_PASSWORD)),
                "no secret in a ConfigMap");
    }

    @Test
    void dependencyServicesArePinnedProbedSizedAndNonRoot() {
        var run = run();
        var expectations =
                Map.of(
                        "postgres", "postgres:14.13",
                        "keycloak", "quay.io/keycloak/keycloak:22.0.5",
                        "elasticsearch", "docker.elastic.co/elasticsearch/elasticsearch:7.17.13",
                        "rabbitmq", "rabbitmq:4.0.5-management");
        expectations.forEach(
                (name, image) -> {
                    var set =
                            model(run, "kubernetes:apps/v1:StatefulSet", name, V1StatefulSet.class);
                    var pod = set.getSpec().getTemplate().getSpec();
                    var container = pod.getContainers().get(0);
                    assertEquals(image, container.getImage(), name);
                    assertNotNull(container.getReadinessProbe(), name + " readiness");
                    assertNotNull(container.getLivenessProbe(), name + " liveness");
                    assertTrue(
                            container
                                    .getResources()
                                    .getLimits()
                                    .keySet()
                                    .containsAll(List.of("cpu", "memory")),
                            name);
                    assertTrue(
                            container
                                    .getResources()
                                    .getRequests()
                                    .keySet()
                                    .containsAll(List.of("cpu", "memory")),
                            name);
                    assertFalse(container.getSecurityContext().getAllowPrivilegeEscalation(), name);
                    assertTrue(
                            pod.getSecurityContext().getRunAsNonRoot(), name + " runs as non-root");
                });
        var keycloak =
                model(run, "kubernetes:apps/v1:StatefulSet", "keycloak", V1StatefulSet.class)
                        .getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .get(0);
        assertEquals(List.of("start-dev"), keycloak.getArgs());
        assertEquals("/health/ready", keycloak.getReadinessProbe().getHttpGet().getPath());
        var postgres =
                model(run, "kubernetes:apps/v1:StatefulSet", "postgres", V1StatefulSet.class);
        assertEquals(
                "5Gi",
                postgres.getSpec()
                        .getVolumeClaimTemplates()
                        .get(0)
                        .getSpec()
                        .getResources()
                        .getRequests()
                        .get("storage")
                        .toSuffixedString());
        // StatefulSets are governed by headless Services, so per-pod DNS names exist.
        for (var name : List.of("postgres", "keycloak", "elasticsearch", "rabbitmq")) {
            var set = model(run, "kubernetes:apps/v1:StatefulSet", name, V1StatefulSet.class);
            assertEquals(name + "-headless", set.getSpec().getServiceName(), name);
            var headless =
                    model(run, "kubernetes:core/v1:Service", name + "-headless", V1Service.class);
            assertEquals("None", headless.getSpec().getClusterIP(), name);
            assertEquals(
                    set.getSpec().getSelector().getMatchLabels(),
                    headless.getSpec().getSelector(),
                    name);
        }
        assertEquals(
                List.of("amqp", "management"),
                model(run, "kubernetes:core/v1:Service", "rabbitmq", V1Service.class)
                        .getSpec()
                        .getPorts()
                        .stream()
                        .map(p -> p.getName())
                        .toList());
    }

    @Test
    void networkPoliciesDenyByDefaultAndAllowOnlyTheNeededFlows() {
        var run = run();
        var policies =
                run.resources("kubernetes:networking.k8s.io/v1:NetworkPolicy").stream()
                        .map(PlannedResource::name)
                        .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(
                new TreeSet<>(
                        List.of(
                                "default-deny-ingress",
                                "postgres-clients",
                                "elasticsearch-clients",
                                "keycloak-clients",
                                "rabbitmq-clients",
                                "openmetadata-clients",
                                "dagster-internal",
                                "keycloak-from-node-port",
                                "openmetadata-from-node-port",
                                "dagster-webserver-from-node-port")),
                policies);
        var postgres =
                model(
                        run,
                        "kubernetes:networking.k8s.io/v1:NetworkPolicy",
                        "postgres-clients",
                        V1NetworkPolicy.class);
        var peers =
                postgres.getSpec().getIngress().get(0).getFrom().stream()
                        .map(p -> p.getPodSelector().getMatchLabels())
                        .toList();
        assertEquals(
                List.of(
                        Map.of("app.kubernetes.io/instance", "dagster"),
                        Map.of("app.kubernetes.io/instance", "openmetadata"),
                        Map.of("app.kubernetes.io/name", "keycloak"),
                        Map.of("app.kubernetes.io/name", "postgres-app-users"),
                        Map.of("app.kubernetes.io/name", "postgres-backup")),
                peers);
        assertEquals(
                5432,
                postgres.getSpec().getIngress().get(0).getPorts().get(0).getPort().getIntValue());
        // Server-side key fetches: OpenMetadata to Keycloak's and to its own Service.
        var keycloak =
                model(
                        run,
                        "kubernetes:networking.k8s.io/v1:NetworkPolicy",
                        "keycloak-clients",
                        V1NetworkPolicy.class);
        assertTrue(
                keycloak.getSpec().getIngress().get(0).getFrom().stream()
                        .anyMatch(
                                p ->
                                        Map.of("app.kubernetes.io/instance", "openmetadata")
                                                .equals(p.getPodSelector().getMatchLabels())));
        var openMetadata =
                model(
                        run,
                        "kubernetes:networking.k8s.io/v1:NetworkPolicy",
                        "openmetadata-clients",
                        V1NetworkPolicy.class);
        assertEquals(
                List.of(
                        Map.of("app.kubernetes.io/instance", "dagster"),
                        Map.of("app.kubernetes.io/instance", "openmetadata")),
                openMetadata.getSpec().getIngress().get(0).getFrom().stream()
                        .map(p -> p.getPodSelector().getMatchLabels())
                        .toList());
        var elastic =
                model(
                        run,
                        "kubernetes:networking.k8s.io/v1:NetworkPolicy",
                        "elasticsearch-clients",
                        V1NetworkPolicy.class);
        assertEquals(
                List.of(Map.of("app.kubernetes.io/instance", "openmetadata")),
                elastic.getSpec().getIngress().get(0).getFrom().stream()
                        .map(p -> p.getPodSelector().getMatchLabels())
                        .toList());
    }

    @Test
    void outputsGiveTheUrlsUsersOpenAndTheTokenSecret() {
        var run = run();
        assertEquals("moderate", run.output("namespace"));
        assertEquals("http://192.168.49.2:30181", run.output("dagster_url"));
        assertEquals("http://192.168.49.2:30585", run.output("openmetadata_url"));
        assertEquals("http://192.168.49.2:30080", run.output("keycloak_url"));
        @SuppressWarnings("unchecked")
        var keycloak = (Map<String, Object>) run.output("keycloak");
        assertEquals("http://192.168.49.2:30080/realms/moderate", keycloak.get("issuer"));
        assertEquals(
                Map.of(
                        "service",
                        "dagster-dagster-webserver",
                        "port",
                        80,
                        "port_forward",
                        "kubectl -n moderate port-forward svc/dagster-dagster-webserver 8181:80",
                        "local_url",
                        "http://localhost:8181"),
                run.output("dagster_ui"));
        assertFalse(
                run.outputs().containsKey("openmetadata_ui"),
                "no port-forward URL Keycloak would reject");
        var prod = prodRun();
        assertEquals("https://dagster.moderate.cloud", prod.output("dagster_url"));
        assertEquals("https://metadata.moderate.cloud", prod.output("openmetadata_url"));
        assertEquals("https://keycloak.moderate.cloud", prod.output("keycloak_url"));
        @SuppressWarnings("unchecked")
        var token = (Map<String, Object>) run.output("token_secret");
        assertEquals("openmetadata-ingestion-bot-token", token.get("name"));
        assertTrue(
                token.get("update_command")
                        .toString()
                        .startsWith("pulumi config set --secret moderate:openMetadataToken"));
    }

    @Test
    void theIngestionTokenComesFromConfigWhenSet() {
        var run = local().secret("moderate:openMetadataToken", "bot-jwt").run().assertSucceeded();
        assertEquals(
                "bot-jwt",
                model(
                                run,
                                "kubernetes:core/v1:Secret",
                                "openmetadata-ingestion-bot-token",
                                V1Secret.class)
                        .getStringData()
                        .get("OPEN_METADATA_TOKEN"));
    }

    @Test
    void prodDiffersOnlyInHowUsersReachTheUis() {
        var prod = prodRun();
        Function<StackRun, Set<String>> shape =
                r ->
                        r.resources().stream()
                                .filter(x -> !x.type().equals("pulumi:pulumi:Stack"))
                                .map(x -> x.type() + " " + x.name())
                                .collect(Collectors.toCollection(TreeSet::new));
        var onlyLocal = new TreeSet<>(shape.apply(run()));
        onlyLocal.removeAll(shape.apply(prod));
        var onlyProd = new TreeSet<>(shape.apply(prod));
        onlyProd.removeAll(shape.apply(run()));
        var np = "kubernetes:networking.k8s.io/v1:NetworkPolicy ";
        assertEquals(
                new TreeSet<>(
                        List.of(
                                "kubernetes:core/v1:Service keycloak-node-port",
                                "kubernetes:core/v1:Service openmetadata-node-port",
                                "kubernetes:core/v1:Service dagster-webserver-node-port",
                                np + "keycloak-from-node-port",
                                np + "openmetadata-from-node-port",
                                np + "dagster-webserver-from-node-port")),
                onlyLocal);
        assertEquals(
                new TreeSet<>(
                        List.of(
                                "kubernetes:networking.k8s.io/v1:Ingress keycloak",
                                "kubernetes:networking.k8s.io/v1:Ingress openmetadata",
                                "kubernetes:networking.k8s.io/v1:Ingress dagster-webserver",
                                np + "keycloak-from-ingress-controller",
                                np + "openmetadata-from-ingress-controller",
                                np + "dagster-webserver-from-ingress-controller",
                                // and the nightly backup, which needs the object store only prod
                                // configures (PostgresBackupTest)
                                "kubernetes:batch/v1:CronJob postgres-backup",
                                "kubernetes:core/v1:ServiceAccount postgres-backup",
                                PostgresBackup.TYPE + " postgres-backup")),
                onlyProd);
        var keycloak =
                model(prod, "kubernetes:apps/v1:StatefulSet", "keycloak", V1StatefulSet.class)
                        .getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .get(0);
        assertEquals(List.of("start", "--hostname=keycloak.moderate.cloud"), keycloak.getArgs());
        assertEquals(
                objects(prod).values().stream().mapToInt(List::size).sum(),
                KubernetesSchema.validateAll(prod.plan()),
                "every object was validated");
    }

    @Test
    void configMistakesAreReportedTogether() {
        var malformed =
                assertThrows(
                        StackConfigException.class,
                        () ->
                                local().config("moderate:codeLocationTag", "latest")
                                        .config("moderate:realm", "moderate")
                                        .run());
        assertEquals(
                List.of("moderate:codeLocationTag"),
                malformed.problems().stream().map(ConfigProblem::key).toList());

        // Rules across settings run once each setting parses, and report together.
        var inconsistent =
                assertThrows(
                        StackConfigException.class,
                        () ->
                                local().config("moderate:keycloakMode", "start")
                                        .config("moderate:apiBaseUrl", "https://api.example")
                                        .secret("moderate:s3AccessKeyId", "AK")
                                        .run());
        assertEquals(
                List.of(
                        "moderate:keycloakHostname",
                        "moderate:apiBaseUrl",
                        "moderate:s3AccessKeyId"),
                inconsistent.problems().stream().map(ConfigProblem::key).toList());
    }

    @Test
    void everyWorkloadRunsUnderItsOwnAccountWithoutAnApiToken() {
        var run = run();
        for (var name :
                List.of(
                        "postgres",
                        "keycloak",
                        "elasticsearch",
                        "rabbitmq",
                        "keycloak-init",
                        "postgres-app-users")) {
            var account = run.resource("kubernetes:core/v1:ServiceAccount", name);
            assertEquals(false, account.inputs().get("automountServiceAccountToken"), name);
        }
        for (var workload : run.resources()) {
            if (workload.type().equals("kubernetes:apps/v1:Deployment")
                    || workload.type().equals("kubernetes:apps/v1:StatefulSet")
                    || workload.type().equals("kubernetes:batch/v1:Job")) {
                assertEquals(
                        workload.name(),
                        workload.input("spec.template.spec.serviceAccountName"),
                        workload.name());
            }
        }
    }
}
