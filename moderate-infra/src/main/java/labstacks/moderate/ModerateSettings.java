package labstacks.moderate;

import com.pulumi.core.Output;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import labstacks.shared.config.Setting;
import labstacks.shared.config.SettingsRules;
import labstacks.shared.validation.Format;

/**
 * The moderate-infra stack settings, one group per thing they configure. Passwords and keys are secrets; the
 * code location's optional services (Platform API, S3) are wired only when their settings are present, as in
 * the original. Each group checks its own rules; the groups are read in this order, so their problems and the
 * plan's warnings (credentials not set) are reported in it.
 *
 * @param cluster       the target cluster, namespace and storage class
 * @param dagster       the Dagster code location: its image, version and the jobs it launches
 * @param access        how browsers reach the three UIs, and the addresses Keycloak answers to
 * @param postgres      PostgreSQL's passwords and volume
 * @param keycloak      the Keycloak admin, realm and OpenMetadata's client in it
 * @param openMetadata  OpenMetadata's admins, keys and ingestion-bot token
 * @param elasticsearch Elasticsearch's volume
 * @param rabbitmq      RabbitMQ's password and volume
 * @param platformApi   the optional Platform API the code location calls
 * @param s3            the optional S3 storage of the code location
 */
public record ModerateSettings(
        Cluster cluster,
        Dagster dagster,
        Access access,
        Postgres postgres,
        Keycloak keycloak,
        OpenMetadata openMetadata,
        Elasticsearch elasticsearch,
        RabbitMq rabbitmq,
        PlatformApi platformApi,
        S3 s3) {

    /** The cluster and the namespace the whole platform lives in. */
    public record Cluster(
            @Setting(
                            key = "kubernetes:context",
                            description = "the kubeconfig context of the target cluster",
                            example = "minikube")
                    Optional<String> kubeContext,
            @Setting(
                            key = "moderate:namespace",
                            description = "the namespace of the whole platform",
                            defaultValue = "moderate",
                            format = Format.KUBERNETES_NAMESPACE)
                    String namespace,
            @Setting(
                            key = "moderate:storageClass",
                            description =
                                    "the storage class of every volume; empty for the default",
                            format = Format.KUBERNETES_OBJECT_NAME)
                    Optional<String> storageClass,
            @Setting(
                            key = "moderate:allowDataRelocation",
                            description =
                                    "outside local stacks, allow a namespace or storage class other than the one the"
                                            + " volumes were created with (a new stack, or data moved by hand)",
                            defaultValue = "false")
                    boolean allowDataRelocation) {

        /** The cluster DNS name of the platform's Service {@code service}, which pods in any namespace resolve. */
        String serviceHost(String service) {
            return service + "." + namespace + ".svc.cluster.local";
        }
    }

    /** The Dagster code location (its image must carry the chart's Dagster version) and the jobs it launches. */
    public record Dagster(
            @Setting(
                            key = "moderate:codeLocationImage",
                            description = "the moderate code location image, without tag",
                            format = Format.IMAGE_REPOSITORY,
                            example =
                                    "europe-west1-docker.pkg.dev/moderate-common/moderate-images/moderate-workflows")
                    String codeLocationImage,
            @Setting(
                            key = "moderate:codeLocationTag",
                            description = "the code location image tag (not latest)",
                            pattern = "(?!latest$)[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}",
                            rule =
                                    "an image tag other than latest: 1 to 128 letters, digits, '_', '.' and '-', not starting with '.' or '-'",
                            example = "2025-12-16")
                    String codeLocationTag,
            @Setting(
                            key = "moderate:codeLocationDagsterVersion",
                            description =
                                    "the dagster version installed in the code location image (dagster== in moderate/setup.py)",
                            pattern = "[0-9]+\\.[0-9]+\\.[0-9]+",
                            rule = "a version such as 1.12.8 (three numbers separated by dots)",
                            example = HelmCharts.DAGSTER_VERSION)
                    String codeLocationDagsterVersion,
            @Setting(
                            key = "moderate:codeLocationGrpcArgs",
                            description =
                                    "the arguments of dagster api grpc in the code location (the chart's dagsterApiGrpcArgs)",
                            defaultValue = "[\"--package-name\", \"moderate\"]")
                    List<String> codeLocationGrpcArgs,
            @Setting(
                            key = "moderate:imagePullSecrets",
                            description =
                                    "Secrets (type kubernetes.io/dockerconfigjson, made by the operators) with which pods pull"
                                            + " the code location and run images from a private registry; empty where nodes may pull",
                            defaultValue = "[]")
                    List<String> imagePullSecrets,
            @Setting(
                            key = "moderate:maxConcurrentRuns",
                            description =
                                    "how many Dagster runs (one pod each) may run at once; unset for no limit",
                            min = 1,
                            max = 100,
                            example = "1")
                    Optional<Integer> maxConcurrentRuns,
            @Setting(
                            key = "moderate:matrixProfileJobImage",
                            description =
                                    "MATRIX_PROFILE_JOB_IMAGE, the image of matrix-profile jobs",
                            defaultValue =
                                    "europe-west1-docker.pkg.dev/moderate-common/moderate-images/moderate-matrix-profile-workflow",
                            format = Format.IMAGE)
                    String matrixProfileJobImage,
            @Setting(
                            key = "moderate:matrixProfileJobTag",
                            description = "MATRIX_PROFILE_JOB_TAG; unset for the code's default",
                            example = "main")
                    Optional<String> matrixProfileJobTag,
            @Setting(
                            key = "moderate:matrixProfileQueue",
                            description =
                                    "MATRIX_PROFILE_QUEUE; unset for the code's default (matrix_profile)",
                            pattern = "[A-Za-z0-9_.:-]{1,255}",
                            rule = "a queue name: 1 to 255 letters, digits, '_', '.', ':' and '-'",
                            example = "matrix_profile")
                    Optional<String> matrixProfileQueue,
            @Setting(
                            key = "moderate:s3JobOutputsBucketName",
                            description =
                                    "S3_JOB_OUTPUTS_BUCKET_NAME; unset for the code's default (moderate-output-bucket)")
                    Optional<String> s3JobOutputsBucketName)
            implements SettingsRules {

        @Override
        public void check(Problems problems) {
            // Dagster's documented rule: the Helm chart and the Dagster Python library are used
            // together only when
            // their versions match (docs.dagster.io, "Deploying Dagster on Helm", Versioning). The
            // chart's webserver
            // and daemon run the chart's version, so the code location must too.
            if (!codeLocationDagsterVersion.equals(HelmCharts.DAGSTER_VERSION)) {
                problems.add(
                        "moderate:codeLocationDagsterVersion",
                        "is "
                                + codeLocationDagsterVersion
                                + ", but the Dagster chart, webserver"
                                + " and daemon are "
                                + HelmCharts.DAGSTER_VERSION
                                + "; Dagster supports only matching versions",
                        "rebuild the code location with dagster=="
                                + HelmCharts.DAGSTER_VERSION
                                + " and dagster-k8s/dagster-postgres=="
                                + HelmCharts.DAGSTER_LIBRARIES_VERSION
                                + " (moderate/setup.py), push it, then set moderate:codeLocationTag"
                                + " and moderate:codeLocationDagsterVersion "
                                + HelmCharts.DAGSTER_VERSION);
            }
        }
    }

    /**
     * How browsers reach Keycloak, OpenMetadata and the Dagster webserver, and therefore how Keycloak starts: its
     * issuer must be the address browsers use.
     */
    public record Access(
            @Setting(
                            key = "moderate:access",
                            description =
                                    "how browsers reach the UIs: node-port (local clusters) or ingress (production)",
                            defaultValue = "node-port")
                    PublicAccess mode,
            @Setting(
                            key = "moderate:keycloakMode",
                            description = "start-dev for local clusters, start for production",
                            defaultValue = "start-dev")
                    KeycloakMode keycloakMode,
            @Setting(
                            key = "moderate:keycloakHostname",
                            description =
                                    "Keycloak's public host name: its --hostname with start, and its Ingress host with ingress access",
                            format = Format.HOST,
                            example = "keycloak.moderate.cloud")
                    Optional<String> keycloakHostname,
            @Setting(
                            key = "moderate:nodeAddress",
                            description =
                                    "with node-port: the node address browsers and pods both reach (minikube ip), never localhost",
                            pattern =
                                    "(?!localhost$)(?!127\\.)[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?",
                            rule =
                                    "a host name or IP address other than localhost or 127.x (pods must reach it too)",
                            example = "192.168.49.2")
                    Optional<String> nodeAddress,
            @Setting(
                            key = "moderate:keycloakNodePort",
                            description = "with node-port: Keycloak's node port",
                            defaultValue = "30080",
                            min = 30000,
                            max = 32767)
                    int keycloakNodePort,
            @Setting(
                            key = "moderate:openMetadataNodePort",
                            description = "with node-port: OpenMetadata's node port",
                            defaultValue = "30585",
                            min = 30000,
                            max = 32767)
                    int openMetadataNodePort,
            @Setting(
                            key = "moderate:dagsterNodePort",
                            description = "with node-port: the Dagster webserver's node port",
                            defaultValue = "30181",
                            min = 30000,
                            max = 32767)
                    int dagsterNodePort,
            @Setting(
                            key = "moderate:openMetadataHostname",
                            description = "with ingress: OpenMetadata's public host name",
                            format = Format.HOST,
                            example = "metadata.moderate.cloud")
                    Optional<String> openMetadataHostname,
            @Setting(
                            key = "moderate:dagsterHostname",
                            description = "with ingress: the Dagster webserver's public host name",
                            format = Format.HOST,
                            example = "dagster.moderate.cloud")
                    Optional<String> dagsterHostname,
            @Setting(
                            key = "moderate:ingressClassName",
                            description = "with ingress: the IngressClass of the controller",
                            defaultValue = "nginx",
                            format = Format.KUBERNETES_OBJECT_NAME)
                    String ingressClassName,
            @Setting(
                            key = "moderate:ingressControllerNamespace",
                            description =
                                    "with ingress: the namespace of the ingress controller's pods (the only source admitted to the UIs)",
                            defaultValue = "ingress-nginx",
                            format = Format.KUBERNETES_NAME)
                    String ingressControllerNamespace,
            @Setting(
                            key = "moderate:certManagerClusterIssuer",
                            description =
                                    "with ingress: the cert-manager ClusterIssuer that issues one TLS secret per host",
                            format = Format.KUBERNETES_OBJECT_NAME,
                            example = "letsencrypt-prod")
                    Optional<String> certManagerClusterIssuer,
            @Setting(
                            key = "moderate:acmeChallenge",
                            description =
                                    "with a cert-manager issuer: the ACME challenge it solves, http-01 (the UIs' namespace"
                                            + " then admits the solver pods) or dns-01",
                            pattern = "http-01|dns-01",
                            rule = "http-01 or dns-01",
                            example = "dns-01")
                    Optional<String> acmeChallenge,
            @Setting(
                            key = "moderate:tlsSecretName",
                            description =
                                    "with ingress and no issuer: an existing TLS Secret covering all three hosts",
                            format = Format.KUBERNETES_OBJECT_NAME,
                            example = "moderate-tls")
                    Optional<String> tlsSecretName,
            @Setting(
                            key = "moderate:dagsterIngressAnnotations",
                            description =
                                    "extra annotations of the Dagster Ingress (Dagster has no login of its own: put an auth proxy here)",
                            example =
                                    "{\"nginx.ingress.kubernetes.io/auth-url\": \"https://auth.example/oauth2/auth\"}")
                    Optional<Map<String, String>> dagsterIngressAnnotations)
            implements SettingsRules {

        @Override
        public void check(Problems problems) {
            if (mode == PublicAccess.NODE_PORT
                    && keycloakMode == KeycloakMode.START
                    && keycloakHostname.isPresent()) {
                problems.add(
                        "moderate:keycloakMode",
                        "start fixes Keycloak's issuer to https://"
                                + keycloakHostname.get()
                                + ", but with moderate:access node-port browsers and OpenMetadata use the node address",
                        "use keycloakMode start-dev with node-port, or moderate:access ingress with the hostnames");
            }
            if (mode == PublicAccess.NODE_PORT && nodeAddress.isEmpty()) {
                problems.add(
                        "moderate:nodeAddress",
                        "is required when moderate:access is node-port: Keycloak's issuer,"
                                + " OpenMetadata's callback and the redirect URIs all use it",
                        "pulumi config set moderate:nodeAddress $(minikube ip)");
            }
            if (mode == PublicAccess.NODE_PORT) {
                var ports = new LinkedHashMap<Integer, String>();
                for (var port :
                        List.of(
                                Map.entry("moderate:keycloakNodePort", keycloakNodePort),
                                Map.entry("moderate:openMetadataNodePort", openMetadataNodePort),
                                Map.entry("moderate:dagsterNodePort", dagsterNodePort))) {
                    var other = ports.putIfAbsent(port.getValue(), port.getKey());
                    if (other != null) {
                        // The API server refuses a second Service on a node port, half-way through
                        // a deploy.
                        problems.add(
                                port.getKey(),
                                "is "
                                        + port.getValue()
                                        + ", the same node port as "
                                        + other
                                        + ": each UI needs its own",
                                "give "
                                        + port.getKey()
                                        + " a free port from 30000 to 32767 (defaults: Keycloak 30080,"
                                        + " OpenMetadata 30585, Dagster 30181)");
                    }
                }
            }
            if (mode == PublicAccess.INGRESS) {
                dagsterIngressAnnotations.ifPresent(
                        annotations -> authenticationProblems(annotations, problems));
                if (keycloakHostname.isEmpty()
                        || openMetadataHostname.isEmpty()
                        || dagsterHostname.isEmpty()) {
                    problems.add(
                            "moderate:openMetadataHostname",
                            "moderate:access ingress needs keycloakHostname,"
                                    + " openMetadataHostname and dagsterHostname",
                            "set the three public host names");
                }
                // Dagster has no login of its own, and its runs carry dagster-secrets: a public
                // host without an
                // authenticating annotation would hand them to anyone (upstream kept Dagster off
                // the Internet:
                // MODERATE-Project/moderate-infrastructure gcp_prod/main.tf, ingress_enabled =
                // false).
                if (dagsterHostname.isPresent()
                        && dagsterIngressAnnotations
                                .map(
                                        a ->
                                                a.keySet().stream()
                                                        .noneMatch(ModerateSettings::authenticates))
                                .orElse(true)) {
                    problems.add(
                            "moderate:dagsterIngressAnnotations",
                            "has no authentication annotation, so the Dagster"
                                    + " webserver (no login of its own) would be public at "
                                    + dagsterHostname.get(),
                            "set the controller's auth annotations, e.g. for ingress-nginx pulumi config set"
                                    + " moderate:dagsterIngressAnnotations '{\"nginx.ingress.kubernetes.io/auth-type\":"
                                    + " \"basic\", \"nginx.ingress.kubernetes.io/auth-secret\": \"dagster-basic-auth\"}',"
                                    + " for Traefik '{\""
                                    + TRAEFIK_MIDDLEWARES
                                    + "\": \"<namespace>-<middleware>@kubernetescrd\"}'"
                                    + " (see moderate-infra/README.md, Production)");
                }
                if (certManagerClusterIssuer.isPresent() && acmeChallenge.isEmpty()) {
                    problems.add(
                            "moderate:acmeChallenge",
                            "is required with moderate:certManagerClusterIssuer: with"
                                    + " http-01 the namespace's default-deny policy must admit cert-manager's solver pods",
                            "pulumi config set moderate:acmeChallenge http-01 (or dns-01, as the ClusterIssuer "
                                    + certManagerClusterIssuer.get()
                                    + " is configured)");
                }
                if (certManagerClusterIssuer.isEmpty() && tlsSecretName.isEmpty()) {
                    problems.add(
                            "moderate:certManagerClusterIssuer",
                            "moderate:access ingress serves HTTPS: it needs a"
                                    + " cert-manager ClusterIssuer or an existing TLS Secret",
                            "set moderate:certManagerClusterIssuer <issuer>, or moderate:tlsSecretName <secret>");
                }
            }
            if (keycloakMode == KeycloakMode.START && keycloakHostname.isEmpty()) {
                problems.add(
                        "moderate:keycloakHostname",
                        "is required when moderate:keycloakMode is start",
                        "pulumi config set moderate:keycloakHostname <host>, or use keycloakMode start-dev");
            }
        }

        /**
         * An authentication annotation that authenticates nobody: an empty or non-URL auth-url (ingress-nginx then
         * answers with an error or lets requests through, depending on the controller), or auth-type basic/digest
         * without the Secret holding the users.
         */
        private static void authenticationProblems(
                Map<String, String> annotations, Problems problems) {
            var key = "moderate:dagsterIngressAnnotations";
            var url = annotations.get(AUTH_URL);
            if (url != null && !url.strip().matches("https?://\\S+")) {
                problems.add(
                        key,
                        "sets "
                                + AUTH_URL
                                + " to \""
                                + url.strip()
                                + "\", which is not an http(s) URL:"
                                + " it authenticates nobody",
                        "set it to the URL of the authentication service (for example an oauth2-proxy's"
                                + " https://auth.example/oauth2/auth), or use basic auth (see moderate-infra/README.md)");
            }
            var middlewares = annotations.get(TRAEFIK_MIDDLEWARES);
            if (middlewares != null && !traefikMiddlewareList(middlewares)) {
                problems.add(
                        key,
                        "sets "
                                + TRAEFIK_MIDDLEWARES
                                + " to \""
                                + middlewares.strip()
                                + "\", which names no"
                                + " middleware (or an empty one): it authenticates nobody",
                        "set it to the comma-separated Traefik Middlewares that log users in, each"
                                + " <namespace>-<name>@kubernetescrd (a basicAuth or forwardAuth Middleware, see"
                                + " moderate-infra/README.md)");
            }
            var type = annotations.get(AUTH_TYPE);
            if (type != null && type.isBlank()) {
                problems.add(
                        key,
                        "sets " + AUTH_TYPE + " to an empty value: it authenticates nobody",
                        "set it to basic (with " + AUTH_SECRET + ", see moderate-infra/README.md)");
            } else if (type != null && annotations.getOrDefault(AUTH_SECRET, "").isBlank()) {
                problems.add(
                        key,
                        "sets "
                                + AUTH_TYPE
                                + " "
                                + type.strip()
                                + " without "
                                + AUTH_SECRET
                                + ", the Secret holding the users: it authenticates nobody",
                        "add \""
                                + AUTH_SECRET
                                + "\": \"dagster-basic-auth\" (an htpasswd Secret with the key auth,"
                                + " see moderate-infra/README.md)");
            }
        }

        /**
         * The one public URL of each UI, or empty when the settings do not name the addresses it needs (the
         * rules above report that).
         */
        Optional<PublicEndpoints> endpoints() {
            if (mode == PublicAccess.INGRESS) {
                if (keycloakHostname.isEmpty()
                        || openMetadataHostname.isEmpty()
                        || dagsterHostname.isEmpty()) {
                    return Optional.empty();
                }
                return Optional.of(
                        new PublicEndpoints(
                                "https://" + keycloakHostname.get(),
                                "https://" + openMetadataHostname.get(),
                                "https://" + dagsterHostname.get()));
            }
            return nodeAddress.map(
                    node ->
                            new PublicEndpoints(
                                    "http://" + node + ":" + keycloakNodePort,
                                    "http://" + node + ":" + openMetadataNodePort,
                                    "http://" + node + ":" + dagsterNodePort));
        }

        /**
         * The node ports or Ingresses of the UIs.
         *
         * @throws IllegalArgumentException when the settings lack what the chosen access needs (the rules above
         *                                  report that first)
         */
        PlatformAccess.Exposure exposure() {
            if (mode == PublicAccess.INGRESS) {
                return new PlatformAccess.Ingresses(
                        keycloakHostname.orElseThrow(
                                () -> new IllegalArgumentException("no moderate:keycloakHostname")),
                        openMetadataHostname.orElseThrow(
                                () ->
                                        new IllegalArgumentException(
                                                "no moderate:openMetadataHostname")),
                        dagsterHostname.orElseThrow(
                                () -> new IllegalArgumentException("no moderate:dagsterHostname")),
                        ingressClassName,
                        ingressControllerNamespace,
                        certManagerClusterIssuer,
                        tlsSecretName,
                        dagsterIngressAnnotations.orElse(Map.of()),
                        certManagerClusterIssuer.isPresent()
                                && acmeChallenge.equals(Optional.of("http-01")));
            }
            return new PlatformAccess.NodePorts(
                    keycloakNodePort, openMetadataNodePort, dagsterNodePort);
        }

        /** The host name Keycloak fixes as its own with {@code start}; empty with {@code start-dev}. */
        Optional<String> keycloakStrictHostname() {
            return keycloakMode == KeycloakMode.START ? keycloakHostname : Optional.empty();
        }
    }

    /** The Keycloak admin, the realm and OpenMetadata's OIDC client in it. */
    public record Keycloak(
            @Setting(
                            key = "moderate:keycloakAdminUser",
                            description = "the Keycloak admin user",
                            defaultValue = "admin")
                    String adminUser,
            @Setting(
                            key = "moderate:keycloakAdminPassword",
                            description = "the Keycloak admin password",
                            env = "KEYCLOAK_ADMIN_PASSWORD",
                            secret = true,
                            credential = true)
                    Output<String> adminPassword,
            @Setting(
                            key = "moderate:realm",
                            description = "the Keycloak realm",
                            defaultValue = "moderate",
                            pattern = "[A-Za-z0-9_-]{1,255}",
                            rule =
                                    "a realm name: letters, digits, '_' and '-' (it becomes a URL path segment)")
                    String realm,
            @Setting(
                            key = "moderate:oidcClientId",
                            description = "OpenMetadata's OIDC client in the realm",
                            defaultValue = "openmetadata")
                    String oidcClientId) {}

    /** OpenMetadata's admins, its signing and encryption keys and the ingestion bot's token. */
    public record OpenMetadata(
            @Setting(
                            key = "moderate:initialAdmins",
                            description = "OpenMetadata's initial admins (user names)",
                            defaultValue = "[\"admin\"]")
                    List<String> initialAdmins,
            @Setting(
                            key = "moderate:principalDomain",
                            description = "the e-mail domain of OpenMetadata principals",
                            pattern = "[a-z0-9]([a-z0-9.-]*[a-z0-9])?",
                            rule = "a lower-case e-mail domain such as moderate.cloud",
                            example = "moderate.cloud")
                    String principalDomain,
            @Setting(
                            key = "moderate:openMetadataJwtPrivateKey",
                            description =
                                    "base64 of OpenMetadata's RSA private key, PKCS#8 DER (see the README for the openssl command)",
                            secret = true,
                            credential = true)
                    Output<String> jwtPrivateKey,
            @Setting(
                            key = "moderate:openMetadataJwtPublicKey",
                            description = "base64 of OpenMetadata's RSA public key, DER",
                            credential = true,
                            pattern = "[A-Za-z0-9+/]+={0,2}",
                            rule = "base64 text (letters, digits, '+', '/', '=' padding)")
                    String jwtPublicKey,
            @Setting(
                            key = "moderate:openMetadataJwtKeyId",
                            description = "the key id OpenMetadata puts in its JWTs",
                            defaultValue = "5756d057-114e-4ecb-8b00-afdb4740f47a",
                            pattern =
                                    "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}",
                            rule = "a lower-case UUID such as 5756d057-114e-4ecb-8b00-afdb4740f47a")
                    String jwtKeyId,
            @Setting(
                            key = "moderate:openMetadataFernetKey",
                            description = "OpenMetadata's Fernet key",
                            env = "OPEN_METADATA_FERNET_KEY",
                            secret = true,
                            credential = true)
                    Output<String> fernetKey,
            @Setting(
                            key = "moderate:openMetadataToken",
                            description =
                                    "the ingestion-bot JWT (empty until created in the OpenMetadata UI)",
                            secret = true)
                    Optional<Output<String>> ingestionBotToken)
            implements SettingsRules {

        @Override
        public void check(Problems problems) {
            // OpenMetadata makes these users admins on first start; with none, or a blank name,
            // nobody can administer it.
            if (initialAdmins.isEmpty() || initialAdmins.stream().anyMatch(String::isBlank)) {
                problems.add(
                        "moderate:initialAdmins",
                        "is "
                                + (initialAdmins.isEmpty()
                                        ? "an empty list"
                                        : "a list" + " with an empty name")
                                + ": OpenMetadata would start without an administrator",
                        "list the user names, e.g. pulumi config set moderate:initialAdmins '[\"admin\"]'"
                                + " (or remove the key for the default admin)");
            }
        }
    }

    /** PostgreSQL: the superuser's password, each application user's, and the volume. */
    public record Postgres(
            @Setting(
                            key = "moderate:postgresPassword",
                            description = "the PostgreSQL superuser password",
                            env = "POSTGRES_PASSWORD",
                            secret = true,
                            credential = true)
                    Output<String> superuserPassword,
            // moderate-workflows@3ec1d8e moderate/moderate/resources.py builds
            // f"postgresql://{self.username}:{self.password}@{self.host}:{self.port}" without
            // quoting the password.
            @Setting(
                            key = "moderate:dagsterDbPassword",
                            description =
                                    "the password of PostgreSQL user dagster (Dagster and the code location)",
                            env = "DAGSTER_DB_PASSWORD",
                            secret = true,
                            credential = true,
                            format = Format.URL_SAFE_PASSWORD)
                    Output<String> dagsterPassword,
            @Setting(
                            key = "moderate:keycloakDbPassword",
                            description = "the password of PostgreSQL user keycloak",
                            env = "KEYCLOAK_DB_PASSWORD",
                            secret = true,
                            credential = true)
                    Output<String> keycloakPassword,
            @Setting(
                            key = "moderate:openMetadataDbPassword",
                            description = "the password of PostgreSQL user openmetadata",
                            env = "OPEN_METADATA_DB_PASSWORD",
                            secret = true,
                            credential = true)
                    Output<String> openMetadataPassword,
            @Setting(
                            key = "moderate:postgresStorage",
                            description = "size of the PostgreSQL volume",
                            defaultValue = "10Gi",
                            format = Format.STORAGE_SIZE)
                    String storage,
            @Setting(
                            key = "moderate:postgresBackups",
                            description =
                                    "whether a CronJob pg_dumps every database to the object store; unset: on where"
                                            + " moderate:s3BucketName is set (moderate-prod requires it), off otherwise",
                            example = "true")
                    Optional<Boolean> backups,
            @Setting(
                            key = "moderate:postgresBackupSchedule",
                            description =
                                    "the backup CronJob's schedule (cron, in the controller's time zone, usually UTC)",
                            defaultValue = "30 2 * * *",
                            pattern =
                                    "(@(hourly|daily|weekly|monthly))|([0-9*/,-]+ [0-9*/,-]+ [0-9*/,-]+ [0-9*/,A-Za-z-]+ [0-9*/,A-Za-z-]+)",
                            rule =
                                    "five cron fields such as 30 2 * * *, or @hourly, @daily, @weekly, @monthly")
                    String backupSchedule,
            @Setting(
                            key = "moderate:postgresBackupBucket",
                            description =
                                    "the bucket of the backups; unset: moderate:s3BucketName (same keys and endpoint)",
                            pattern = "[a-z0-9][a-z0-9._-]{1,61}[a-z0-9]",
                            rule =
                                    "a bucket name: 3 to 63 lower-case letters,"
                                            + " digits, '.', '_' and '-'",
                            example = "moderate-europe-west1-backups")
                    Optional<String> backupBucket,
            @Setting(
                            key = "moderate:postgresBackupPrefix",
                            description =
                                    "the key prefix of the backups: s3://<bucket>/<prefix>/<UTC time>/<database>.dump",
                            defaultValue = "postgres-backups",
                            pattern = "[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*",
                            rule =
                                    "path segments of letters, digits, '.', '_' and '-', separated by '/'")
                    String backupPrefix) {}

    /** Elasticsearch, OpenMetadata's search backend. */
    public record Elasticsearch(
            @Setting(
                            key = "moderate:elasticsearchStorage",
                            description = "size of the Elasticsearch volume",
                            defaultValue = "10Gi",
                            format = Format.STORAGE_SIZE)
                    String storage) {}

    /** RabbitMQ, the code location's broker. */
    public record RabbitMq(
            @Setting(
                            key = "moderate:rabbitPassword",
                            description = "the RabbitMQ password of user rabbit",
                            env = "RABBITMQ_DEFAULT_PASS",
                            secret = true,
                            credential = true)
                    Output<String> password,
            @Setting(
                            key = "moderate:rabbitStorage",
                            description = "size of the RabbitMQ volume",
                            defaultValue = "1Gi",
                            format = Format.STORAGE_SIZE)
                    String storage) {}

    /** The Platform API the code location calls; wired only when all three are set, as the code expects. */
    public record PlatformApi(
            @Setting(
                            key = "moderate:apiBaseUrl",
                            description = "API_BASE_URL of the Platform API",
                            example = "https://api.moderate.cloud",
                            format = Format.HTTP_URL)
                    Optional<String> baseUrl,
            @Setting(key = "moderate:apiUsername", description = "API_USERNAME")
                    Optional<String> username,
            @Setting(key = "moderate:apiPassword", description = "API_PASSWORD", secret = true)
                    Optional<Output<String>> password)
            implements SettingsRules {

        @Override
        public void check(Problems problems) {
            // The code location treats each service as configured only when all of its settings
            // are. A password
            // missing beside a URL is ModerateProgram#prepare's to report: an offline plan may lack
            // every secret.
            if (baseUrl.isPresent() != username.isPresent()
                    || (password.isPresent() && baseUrl.isEmpty())) {
                problems.add(
                        "moderate:apiBaseUrl",
                        "the Platform API needs apiBaseUrl, apiUsername and apiPassword together",
                        "set all three, or none to leave the Platform API unwired");
            }
        }
    }

    /** The code location's S3 storage; wired only when key, secret and bucket are all set. */
    public record S3(
            @Setting(
                            key = "moderate:s3AccessKeyId",
                            description = "S3_ACCESS_KEY_ID",
                            secret = true)
                    Optional<Output<String>> accessKeyId,
            @Setting(
                            key = "moderate:s3SecretAccessKey",
                            description = "S3_SECRET_ACCESS_KEY",
                            secret = true)
                    Optional<Output<String>> secretAccessKey,
            @Setting(
                            key = "moderate:s3Region",
                            description = "S3_REGION",
                            example = "auto",
                            pattern = "[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?",
                            rule =
                                    "a region name: lower-case letters, digits and '-', such as auto or eu-west-1")
                    Optional<String> region,
            @Setting(key = "moderate:s3BucketName", description = "S3_BUCKET_NAME")
                    Optional<String> bucketName,
            @Setting(
                            key = "moderate:s3EndpointUrl",
                            description = "S3_ENDPOINT_URL",
                            example = "https://storage.googleapis.com",
                            format = Format.HTTP_URL)
                    Optional<String> endpointUrl)
            implements SettingsRules {

        @Override
        public void check(Problems problems) {
            // Keys missing beside a bucket are ModerateProgram#prepare's to report: an offline plan
            // may lack every secret.
            if (accessKeyId.isPresent() != secretAccessKey.isPresent()
                    || (accessKeyId.isPresent() && bucketName.isEmpty())) {
                problems.add(
                        "moderate:s3AccessKeyId",
                        "S3 needs s3AccessKeyId, s3SecretAccessKey and s3BucketName together",
                        "set all three (and s3Region, s3EndpointUrl as needed), or none to leave S3 unwired");
            }
        }
    }

    /** Whether the backup CronJob runs: as set, or wherever the code location's bucket is configured. */
    boolean postgresBackupsOn() {
        return postgres.backups().orElse(s3.bucketName().isPresent());
    }

    /** The backups' bucket: its own setting, else the code location's. */
    Optional<String> postgresBackupBucket() {
        return postgres.backupBucket().or(s3::bucketName);
    }

    static final String AUTH_URL = "nginx.ingress.kubernetes.io/auth-url";
    static final String AUTH_TYPE = "nginx.ingress.kubernetes.io/auth-type";
    static final String AUTH_SECRET = "nginx.ingress.kubernetes.io/auth-secret";

    /**
     * Traefik's router middlewares on an Ingress: the prefix {@code traefik.ingress.kubernetes.io/} and the router
     * option {@code middlewares} (traefik/traefik pkg/provider/kubernetes/ingress/annotations.go: annotationsPrefix,
     * RouterIng.Middlewares under {@code router}), a comma-separated list of {@code <namespace>-<name>@kubernetescrd}.
     */
    static final String TRAEFIK_MIDDLEWARES = "traefik.ingress.kubernetes.io/router.middlewares";

    /**
     * Whether an annotation of the Dagster Ingress is one that puts a login in front of it: ingress-nginx's auth-url
     * or auth-type, or Traefik's router middlewares. Its value is checked by the access rules, which refuse one that
     * names nothing. Which Middleware Traefik runs is the operator's to make a basicAuth or forwardAuth one; the plan
     * cannot see inside it.
     */
    static boolean authenticates(String annotation) {
        return annotation.equals(AUTH_URL)
                || annotation.equals(AUTH_TYPE)
                || annotation.equals(TRAEFIK_MIDDLEWARES);
    }

    /** A comma-separated list of one or more middleware references, none of them empty. */
    private static boolean traefikMiddlewareList(String value) {
        var names = value.split(",", -1);
        for (var name : names) {
            if (!name.strip().matches("[A-Za-z0-9][A-Za-z0-9._-]*(@[A-Za-z0-9-]+)?")) {
                return false;
            }
        }
        return true;
    }
}
