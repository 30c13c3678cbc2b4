package labstacks.moderate;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import labstacks.shared.program.OrderedMap;

/**
 * The values of the two Helm releases. Values never hold a secret: every credential is referenced by the
 * name of a Secret from {@link PlatformSecrets}, so the release state has none in plain text.
 */
final class HelmCharts {
    static final String DAGSTER_REPOSITORY = "https://dagster-io.github.io/helm";
    static final String DAGSTER_CHART = "dagster";

    /**
     * The first chart release whose values.schema.json no longer points at the dead kubernetesjsonschema.dev
     * (dagster-io/dagster#33135, listed under "1.12.8 (core) / 0.28.8 (libraries)" in CHANGES.md). Chart 1.8.7
     * cannot pass Helm's schema validation any more, and helm.sh/v3:Release of pulumi-kubernetes 4.0.0 cannot
     * skip it. The webserver and daemon images run this version too, and so must the code location.
     */
    static final String DAGSTER_VERSION = "1.12.8";

    /** The version of dagster-k8s and dagster-postgres released with {@link #DAGSTER_VERSION}. */
    static final String DAGSTER_LIBRARIES_VERSION = "0.28.8";

    /** The image of the webserver and the daemon (chart default repository), pinned to the chart's own version. */
    static final String DAGSTER_SYSTEM_IMAGE = "docker.io/dagster/dagster-celery-k8s";

    static final String POSTGRES_DAGSTER_USER = "dagster";
    static final String POSTGRES_OPENMETADATA_USER = "openmetadata";
    static final String OPENMETADATA_REPOSITORY = "https://helm.open-metadata.org/";
    static final String OPENMETADATA_CHART = "openmetadata";
    static final String OPENMETADATA_VERSION = "1.5.4";
    static final String CODE_LOCATION = "moderate";
    static final String JWT_KEYS_DIR = "/etc/openmetadata/jwtkeys";

    private HelmCharts() {}

    /**
     * What the Dagster release's values depend on.
     *
     * @param namespace         the namespace the run launcher starts runs in
     * @param codeLocationImage the code location's image repository
     * @param codeLocationTag   its tag
     * @param grpcArgs          the arguments of {@code dagster api grpc} in the code location
     * @param imagePullSecrets  the Secrets pods pull private images with; empty for none
     * @param maxConcurrentRuns how many runs may run at once; empty for the chart's default (no limit)
     */
    record DagsterInputs(
            String namespace,
            String codeLocationImage,
            String codeLocationTag,
            List<String> grpcArgs,
            List<String> imagePullSecrets,
            Optional<Integer> maxConcurrentRuns) {
        DagsterInputs {
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(codeLocationImage, "codeLocationImage");
            Objects.requireNonNull(codeLocationTag, "codeLocationTag");
            grpcArgs = List.copyOf(grpcArgs);
            imagePullSecrets = List.copyOf(imagePullSecrets);
            Objects.requireNonNull(maxConcurrentRuns, "maxConcurrentRuns");
        }

        DagsterInputs(String namespace, String codeLocationImage, String codeLocationTag) {
            this(
                    namespace,
                    codeLocationImage,
                    codeLocationTag,
                    List.of("--package-name", "moderate"),
                    List.of(),
                    Optional.empty());
        }
    }

    /**
     * The size of the code location's server and of every run pod, one map for both. dagster-k8s
     * {@code K8sContainerContext.merge} (python_modules/libraries/dagster-k8s/dagster_k8s/container_context.py)
     * takes {@code other.resources if other.resources else self.resources}, and a run's context merges the
     * code location's ({@code includeConfigInLaunchedRuns}) over the run launcher's: with two different maps the
     * launcher's never applied. Requests stay small (scheduling, a local cluster's budget); limits give
     * pandas-heavy ingestion room.
     */
    static Map<String, Object> runPodResources() {
        return OrderedMap.of(
                "requests", OrderedMap.of("cpu", "200m", "memory", "256Mi"),
                "limits", OrderedMap.of("cpu", "2", "memory", "4Gi"));
    }

    /**
     * What the OpenMetadata release's values depend on.
     *
     * @param issuer        the realm's issuer as browsers and tokens see it (the OIDC authority and the JWT issuer)
     * @param callbackUrl   where Keycloak sends users back after login
     * @param publicKeyUrls the key sets the server fetches itself, through the cluster's Services
     * @param clientId      OpenMetadata's OIDC client in the realm
     * @param initialAdmins the initial admins' user names
     * @param principalDomain the e-mail domain of principals
     * @param jwtKeyId      the key id OpenMetadata puts in its JWTs
     */
    record OpenMetadataInputs(
            String issuer,
            String callbackUrl,
            List<String> publicKeyUrls,
            String clientId,
            List<String> initialAdmins,
            String principalDomain,
            String jwtKeyId) {
        OpenMetadataInputs {
            Objects.requireNonNull(issuer, "issuer");
            Objects.requireNonNull(callbackUrl, "callbackUrl");
            publicKeyUrls = List.copyOf(publicKeyUrls);
            Objects.requireNonNull(clientId, "clientId");
            initialAdmins = List.copyOf(initialAdmins);
            Objects.requireNonNull(principalDomain, "principalDomain");
            Objects.requireNonNull(jwtKeyId, "jwtKeyId");
        }
    }

    static Map<String, Object> dagsterValues(DagsterInputs inputs) {
        var codeLocation =
                OrderedMap.of(
                        "name", CODE_LOCATION,
                        "image",
                                OrderedMap.of(
                                        "repository",
                                        inputs.codeLocationImage(),
                                        "tag",
                                        inputs.codeLocationTag(),
                                        "pullPolicy",
                                        "Always"),
                        "dagsterApiGrpcArgs", inputs.grpcArgs(),
                        "port", 3030,
                        "envSecrets",
                                List.of(
                                        OrderedMap.of("name", PlatformSecrets.DAGSTER_SECRETS),
                                        OrderedMap.of("name", PlatformSecrets.INGESTION_BOT_TOKEN)),
                        "includeConfigInLaunchedRuns", OrderedMap.of("enabled", true),
                        "resources", runPodResources(),
                        "securityContext", OrderedMap.of("allowPrivilegeEscalation", false));
        var pullSecrets =
                inputs.imagePullSecrets().stream()
                        .map(name -> OrderedMap.of("name", name))
                        .toList();
        var daemon =
                OrderedMap.of(
                        "image",
                                OrderedMap.of(
                                        "repository", DAGSTER_SYSTEM_IMAGE, "tag", DAGSTER_VERSION),
                        "resources",
                                OrderedMap.of(
                                        "requests",
                                        OrderedMap.of("cpu", "100m", "memory", "256Mi"),
                                        "limits",
                                        OrderedMap.of("cpu", "1", "memory", "1Gi")),
                        "securityContext", OrderedMap.of("allowPrivilegeEscalation", false));
        inputs.maxConcurrentRuns()
                .ifPresent(
                        max ->
                                daemon.put(
                                        "runCoordinator",
                                        OrderedMap.of(
                                                "enabled",
                                                true,
                                                "type",
                                                "QueuedRunCoordinator",
                                                "config",
                                                OrderedMap.of(
                                                        "queuedRunCoordinator",
                                                        OrderedMap.of("maxConcurrentRuns", max)))));
        var values =
                OrderedMap.of(
                        "global",
                                OrderedMap.of(
                                        "serviceAccountName",
                                        DagsterRbac.SERVICE_ACCOUNT,
                                        "postgresqlSecretName",
                                        PlatformSecrets.DAGSTER_POSTGRES),
                        // The Role and ServiceAccount come from DagsterRbac, narrower than the
                        // chart's own. The chart would
                        // otherwise render its own ServiceAccount "dagster" (serviceAccount.create
                        // defaults to true), which
                        // Helm refuses to take over from the stack.
                        "serviceAccount", OrderedMap.of("create", false),
                        "rbacEnabled", false,
                        "generatePostgresqlPasswordSecret", false,
                        "dagsterWebserver",
                                OrderedMap.of(
                                        "image",
                                                OrderedMap.of(
                                                        "repository",
                                                        DAGSTER_SYSTEM_IMAGE,
                                                        "tag",
                                                        DAGSTER_VERSION),
                                        "service", OrderedMap.of("port", 80),
                                        "resources",
                                                OrderedMap.of(
                                                        "requests",
                                                        OrderedMap.of(
                                                                "cpu", "100m", "memory", "256Mi"),
                                                        "limits",
                                                        OrderedMap.of("cpu", "1", "memory", "1Gi")),
                                        "securityContext",
                                                OrderedMap.of("allowPrivilegeEscalation", false)),
                        "dagsterDaemon", daemon,
                        "dagster-user-deployments",
                                OrderedMap.of(
                                        "enabled", true,
                                        "enableSubchart", true,
                                        // The subchart has its own rbacEnabled (default true) that
                                        // the parent's does not reach.
                                        "rbacEnabled", false,
                                        "serviceAccount", OrderedMap.of("create", false),
                                        "deployments", List.of(codeLocation)),
                        "runLauncher",
                                OrderedMap.of(
                                        "type",
                                        "K8sRunLauncher",
                                        "config",
                                        OrderedMap.of(
                                                "k8sRunLauncher",
                                                OrderedMap.of(
                                                        "jobNamespace", inputs.namespace(),
                                                        "imagePullPolicy", "Always",
                                                        "envSecrets",
                                                                List.of(
                                                                        OrderedMap.of(
                                                                                "name",
                                                                                PlatformSecrets
                                                                                        .DAGSTER_SECRETS),
                                                                        OrderedMap.of(
                                                                                "name",
                                                                                PlatformSecrets
                                                                                        .INGESTION_BOT_TOKEN)),
                                                        "resources", runPodResources()))),
                        "postgresql",
                                OrderedMap.of(
                                        // External: the platform's own PostgreSQL.
                                        "enabled",
                                        false,
                                        "postgresqlHost",
                                        Labels.POSTGRES,
                                        "postgresqlUsername",
                                        POSTGRES_DAGSTER_USER,
                                        "postgresqlDatabase",
                                        "dagster",
                                        "service",
                                        OrderedMap.of("port", 5432)),
                        // The chart's default sends usage telemetry from the webserver and daemon.
                        "telemetry", OrderedMap.of("enabled", false));
        if (!pullSecrets.isEmpty()) {
            // The parent's list reaches the run launcher (instance image_pull_secrets), the
            // subchart's the code
            // location's pods and its container context
            // (templates/helpers/instance/_run-launcher.tpl,
            // charts/dagster-user-deployments/templates/deployment-user.yaml).
            values.put("imagePullSecrets", pullSecrets);
            @SuppressWarnings("unchecked")
            var subchart = (Map<String, Object>) values.get("dagster-user-deployments");
            subchart.put("imagePullSecrets", pullSecrets);
        }
        return values;
    }

    static Map<String, Object> openMetadataValues(OpenMetadataInputs inputs) {
        var keycloakRealm = inputs.issuer();
        var config =
                OrderedMap.of(
                        "logLevel", "INFO",
                        "elasticsearch",
                                OrderedMap.of(
                                        "host",
                                        Labels.ELASTICSEARCH,
                                        "port",
                                        9200,
                                        "scheme",
                                        "http",
                                        "searchType",
                                        "elasticsearch",
                                        "trustStore",
                                        OrderedMap.of("enabled", false),
                                        "auth",
                                        OrderedMap.of("enabled", false)),
                        "database",
                                OrderedMap.of(
                                        "host", Labels.POSTGRES,
                                        "port", 5432,
                                        "driverClass", "org.postgresql.Driver",
                                        "dbScheme", "postgresql",
                                        "databaseName", "openmetadata",
                                        "dbParams", "sslmode=disable",
                                        "auth",
                                                OrderedMap.of(
                                                        "username",
                                                        POSTGRES_OPENMETADATA_USER,
                                                        "password",
                                                        OrderedMap.of(
                                                                "secretRef",
                                                                PlatformSecrets
                                                                        .OPENMETADATA_POSTGRES,
                                                                "secretKey",
                                                                "openmetadata-postgres-password"))),
                        "pipelineServiceClientConfig", OrderedMap.of("enabled", false),
                        "authentication",
                                OrderedMap.of(
                                        "provider",
                                        "custom-oidc",
                                        "publicKeys",
                                        inputs.publicKeyUrls(),
                                        "authority",
                                        keycloakRealm,
                                        "clientId",
                                        inputs.clientId(),
                                        "callbackUrl",
                                        inputs.callbackUrl(),
                                        "enableSelfSignup",
                                        false),
                        "authorizer",
                                OrderedMap.of(
                                        "className",
                                        "org.openmetadata.service.security.DefaultAuthorizer",
                                        "containerRequestFilter",
                                        "org.openmetadata.service.security.JwtFilter",
                                        "initialAdmins",
                                        inputs.initialAdmins(),
                                        "principalDomain",
                                        inputs.principalDomain()),
                        "jwtTokenConfiguration",
                                OrderedMap.of(
                                        "enabled",
                                        true,
                                        "rsapublicKeyFilePath",
                                        JWT_KEYS_DIR + "/om_pubkey.der",
                                        "rsaprivateKeyFilePath",
                                        JWT_KEYS_DIR + "/om_privkey.der",
                                        "jwtissuer",
                                        keycloakRealm,
                                        "keyId",
                                        inputs.jwtKeyId()),
                        "fernetkey",
                                OrderedMap.of(
                                        "secretRef",
                                        PlatformSecrets.OPENMETADATA_FERNET,
                                        "secretKey",
                                        "fernet-key"));
        return OrderedMap.of(
                "fullnameOverride", Labels.OPENMETADATA,
                // The chart's own ServiceAccount "openmetadata" (nothing in the stack has that
                // name). The server never
                // calls the Kubernetes API with pipelineServiceClientConfig off, so its pods get no
                // token.
                "serviceAccount", OrderedMap.of("create", true),
                "automountServiceAccountToken", false,
                "openmetadata", OrderedMap.of("config", config),
                "extraVolumes",
                        List.of(
                                OrderedMap.of(
                                        "name",
                                        "jwt-keys",
                                        "secret",
                                        OrderedMap.of(
                                                "secretName",
                                                PlatformSecrets.OPENMETADATA_JWT_KEYS))),
                "extraVolumeMounts",
                        List.of(
                                OrderedMap.of(
                                        "name",
                                        "jwt-keys",
                                        "mountPath",
                                        JWT_KEYS_DIR,
                                        "readOnly",
                                        true)),
                "resources",
                        OrderedMap.of(
                                "requests",
                                OrderedMap.of("cpu", "500m", "memory", "1Gi"),
                                "limits",
                                OrderedMap.of("cpu", "2", "memory", "3Gi")),
                "securityContext", OrderedMap.of("allowPrivilegeEscalation", false));
    }
}
