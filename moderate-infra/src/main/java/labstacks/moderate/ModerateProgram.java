package labstacks.moderate;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.core.v1.Namespace;
import com.pulumi.kubernetes.core.v1.NamespaceArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import labstacks.constructs.kubernetes.DataLocation;
import labstacks.constructs.kubernetes.DataRetention;
import labstacks.shared.config.RunMode;
import labstacks.shared.config.StackConfig;
import labstacks.shared.config.StackIdentity;
import labstacks.shared.program.OrderedMap;
import labstacks.shared.program.PolicyException;
import labstacks.shared.program.Preflight;
import labstacks.shared.program.StackContext;
import labstacks.shared.program.StackProgram;
import labstacks.shared.providers.KubernetesAccess;
import labstacks.shared.providers.KubernetesProviders;

/** The MODERATE data platform on Kubernetes: Dagster and OpenMetadata releases and the services they use. */
public final class ModerateProgram implements StackProgram<ModerateSettings, ModerateInputs> {
    static final String DAGSTER_WEBSERVER = PlatformAccess.DAGSTER_WEBSERVER_SERVICE;
    static final int DAGSTER_UI_LOCAL_PORT = 8181;

    /**
     * The Namespace's logical name: the default namespace, under which every existing stack registered it (the
     * logical name used to be the setting's value), so their URNs stay as they are.
     */
    static final String NAMESPACE_RESOURCE = "moderate";

    @Override
    public String name() {
        return "moderate-infra";
    }

    @Override
    public String description() {
        return "MODERATE data platform on Kubernetes: Dagster and OpenMetadata Helm releases and their services.";
    }

    @Override
    public Class<ModerateSettings> settingsType() {
        return ModerateSettings.class;
    }

    @Override
    public Map<String, String> systemTags() {
        return Map.of("system", "moderate");
    }

    @Override
    public List<PolicyException> policyExceptions() {
        return List.of(KeycloakRealmJob.ROOT_IMAGE);
    }

    /**
     * Derives, once, what several components need from the access settings (the public URL of each UI, and their
     * node ports or Ingresses), and reports here, before anything registers, what the settings cannot give.
     */
    @Override
    public ModerateInputs prepare(
            ModerateSettings settings, StackConfig config, RunMode mode, Preflight report) {
        var access = settings.access();
        var endpoints = access.endpoints();
        if (endpoints.isEmpty()) {
            report.problem(
                    "moderate:access",
                    "names no address for the UIs: node-port needs moderate:nodeAddress,"
                            + " ingress the three host names",
                    "set them in "
                            + config.stackFile()
                            + " (see moderate-infra/README.md, Reaching the UIs)");
        }
        PlatformAccess.Exposure exposure = null;
        try {
            exposure = access.exposure();
        } catch (IllegalArgumentException e) {
            report.problem(
                    "moderate:access",
                    "cannot expose the UIs: " + e.getMessage(),
                    "set the access settings in "
                            + config.stackFile()
                            + " (see moderate-infra/README.md, Reaching the UIs)");
        }
        var cluster = settings.cluster();
        new DataLocation(
                        "moderate:namespace",
                        NAMESPACE_RESOURCE,
                        cluster.namespace(),
                        "moderate:storageClass",
                        cluster.storageClass(),
                        "moderate:allowDataRelocation",
                        cluster.allowDataRelocation(),
                        "PostgreSQL, Elasticsearch and RabbitMQ volumes")
                .check(config, report);
        requireCodeLocationServices(settings, config, mode, report);
        if (settings.postgresBackupsOn() && settings.postgresBackupBucket().isEmpty()) {
            report.problem(
                    "moderate:postgresBackups",
                    "is true, but no bucket is set for the backups",
                    "set moderate:postgresBackupBucket (or moderate:s3BucketName) with moderate:s3AccessKeyId and"
                            + " s3SecretAccessKey in "
                            + config.stackFile()
                            + ", or set moderate:postgresBackups false");
        }
        // Either problem above stops the run before define, which needs both.
        return endpoints.isPresent() && exposure != null
                ? new ModerateInputs(settings, endpoints.get(), exposure)
                : null;
    }

    /**
     * Production runs every job and sensor of moderate-workflows, and those read the Platform API and S3 settings
     * at resource initialisation (moderate-workflows@3ec1d8e moderate/moderate/__init__.py: EnvVar(API_BASE_URL,
     * API_USERNAME, API_PASSWORD) and EnvVar(S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY, S3_REGION, S3_BUCKET_NAME),
     * without defaults; upstream's production sets them all, moderate-infrastructure@2d340f0
     * modules/dagster/main.tf). So a prod stack without them is refused; the secrets, like every credential, may be
     * missing from an offline plan only.
     */
    static void requireCodeLocationServices(
            ModerateSettings settings, StackConfig config, RunMode mode, Preflight report) {
        var production = StackIdentity.isProduction(config.get("labstacks:environment").orElse(""));
        var api = settings.platformApi();
        var s3 = settings.s3();
        var why =
                "moderate-workflows' Platform API and S3 jobs and sensors fail at resource initialisation without it";
        if (production) {
            var plain = new LinkedHashMap<String, Boolean>();
            plain.put("moderate:apiBaseUrl", api.baseUrl().isPresent());
            plain.put("moderate:apiUsername", api.username().isPresent());
            plain.put("moderate:s3BucketName", s3.bucketName().isPresent());
            plain.put("moderate:s3Region", s3.region().isPresent());
            plain.put("moderate:s3EndpointUrl", s3.endpointUrl().isPresent());
            plain.forEach(
                    (key, set) -> {
                        if (!set) {
                            report.problem(
                                    key,
                                    "is required in production: " + why,
                                    "set it in "
                                            + config.stackFile()
                                            + " (see moderate-infra/README.md, \"Jobs that need the Platform API and S3\")");
                        }
                    });
        }
        // A secret is needed where production runs, or where its service's plain settings say it is
        // wired.
        var secrets = new LinkedHashMap<String, Boolean>();
        if (production || api.baseUrl().isPresent()) {
            secrets.put("moderate:apiPassword", api.password().isPresent());
        }
        // The backup CronJob reads the same keys from dagster-secrets.
        if (production || s3.bucketName().isPresent() || settings.postgresBackupsOn()) {
            secrets.put("moderate:s3AccessKeyId", s3.accessKeyId().isPresent());
            secrets.put("moderate:s3SecretAccessKey", s3.secretAccessKey().isPresent());
        }
        secrets.forEach(
                (key, set) -> {
                    if (set) {
                        return;
                    }
                    var how = "pulumi config set --secret " + key + " <value> -s " + config.stack();
                    if (mode == RunMode.PLAN) {
                        report.warning(
                                key
                                        + " is not set; the offline plan goes on without it, a real deployment would stop"
                                        + " here. "
                                        + how);
                    } else {
                        report.problem(key, "is required: " + why, how);
                    }
                });
    }

    @Override
    public void define(StackContext stack, ModerateInputs inputs) {
        var settings = inputs.settings();
        var cluster = settings.cluster();
        var ns = cluster.namespace();
        var endpoints = inputs.endpoints();
        var keycloakSettings = settings.keycloak();
        var realmName = keycloakSettings.realm();
        var provider =
                KubernetesProviders.create(
                        "k8s", new KubernetesAccess(Optional.empty(), cluster.kubeContext(), ns));
        // The volumes live in the namespace: it keeps one logical name whatever moderate:namespace
        // says, and is
        // protected and retained with the StatefulSets outside local stacks (DataRetention).
        var retention = DataRetention.of(stack);
        var namespace =
                new Namespace(
                        NAMESPACE_RESOURCE,
                        NamespaceArgs.builder()
                                .metadata(ObjectMetaArgs.builder().name(ns).build())
                                .build(),
                        retention.namespaceOptions(
                                CustomResourceOptions.builder().provider(provider).build(),
                                NAMESPACE_RESOURCE,
                                ns));
        var k8s = CustomResourceOptions.builder().provider(provider).dependsOn(namespace).build();

        var secrets =
                new PlatformSecrets(
                        "secrets",
                        secretsArgs(settings).kubernetes(k8s).build(),
                        ComponentResourceOptions.Empty);
        // Every workload that reads credentials waits for all of the platform's Secrets, as it
        // always has (its
        // plan records that order). The Secrets each one reads arrive as outputs too, so the order
        // Pulumi infers
        // would stay right without this list.
        var afterSecrets =
                CustomResourceOptions.merge(
                        k8s,
                        CustomResourceOptions.builder()
                                .dependsOn(new ArrayList<Resource>(secrets.secrets()))
                                .build());
        new PlatformNetworkPolicies(
                "network",
                new PlatformNetworkPolicies.Args(ns, k8s),
                ComponentResourceOptions.Empty);
        var rbac =
                new DagsterRbac(
                        "dagster-rbac",
                        new DagsterRbac.Args(ns, k8s),
                        ComponentResourceOptions.Empty);

        new PlatformAccess(
                "access",
                new PlatformAccess.Args(ns, inputs.exposure(), k8s),
                ComponentResourceOptions.Empty);
        var postgres =
                new DependencyService(
                        Labels.POSTGRES,
                        new DependencyService.Args(
                                DependencyServices.postgres(
                                                ns,
                                                secrets.postgres(),
                                                settings.postgres().storage(),
                                                cluster.storageClass())
                                        .retention(retention)
                                        .build(),
                                afterSecrets),
                        ComponentResourceOptions.Empty);
        var appUsers =
                new PostgresAppUsers(
                        PostgresAppUsers.NAME,
                        PostgresAppUsers.Args.builder()
                                .namespace(ns)
                                .image(DependencyServices.POSTGRES_IMAGE)
                                .server(postgres.serviceName())
                                .postgres(postgres.statefulSet())
                                .superuserSecret(secrets.postgres())
                                .passwordSecrets(
                                        Map.of(
                                                PostgresAppUsers.DAGSTER, secrets.dagsterPostgres(),
                                                PostgresAppUsers.KEYCLOAK, secrets.keycloak(),
                                                PostgresAppUsers.OPENMETADATA,
                                                        secrets.openMetadataPostgres()))
                                .kubernetes(afterSecrets)
                                .build(),
                        ComponentResourceOptions.Empty);
        // Keycloak logs in as its own user, which the users Job creates: nothing in Keycloak's
        // inputs names the Job.
        var afterPostgres =
                CustomResourceOptions.merge(
                        afterSecrets,
                        CustomResourceOptions.builder()
                                .dependsOn(postgres.statefulSet(), appUsers.job())
                                .build());
        if (settings.postgresBackupsOn()) {
            var s3 = settings.s3();
            var databases =
                    PostgresAppUsers.USERS.stream()
                            .flatMap(user -> user.databases().stream())
                            .toList();
            new PostgresBackup(
                    PostgresBackup.NAME,
                    PostgresBackup.Args.builder()
                            .namespace(ns)
                            .schedule(settings.postgres().backupSchedule())
                            .postgresImage(DependencyServices.POSTGRES_IMAGE)
                            .server(postgres.serviceName())
                            .superuserSecret(secrets.postgres())
                            .databases(databases)
                            .bucket(settings.postgresBackupBucket().orElseThrow())
                            .prefix(settings.postgres().backupPrefix())
                            .region(s3.region())
                            .endpointUrl(s3.endpointUrl())
                            .s3KeysSecret(secrets.dagsterSecrets())
                            .kubernetes(afterPostgres)
                            .build(),
                    ComponentResourceOptions.Empty);
        }
        var keycloak =
                new DependencyService(
                        Labels.KEYCLOAK,
                        new DependencyService.Args(
                                DependencyServices.keycloak(
                                                ns,
                                                settings.access().keycloakStrictHostname(),
                                                endpoints.keycloak(),
                                                postgres.serviceName(),
                                                secrets.keycloak())
                                        .build(),
                                afterPostgres),
                        ComponentResourceOptions.Empty);
        var elasticsearch =
                new DependencyService(
                        Labels.ELASTICSEARCH,
                        new DependencyService.Args(
                                DependencyServices.elasticsearch(
                                                ns,
                                                settings.elasticsearch().storage(),
                                                cluster.storageClass())
                                        .retention(retention)
                                        .build(),
                                k8s),
                        ComponentResourceOptions.Empty);
        var rabbitmq =
                new DependencyService(
                        Labels.RABBITMQ,
                        new DependencyService.Args(
                                DependencyServices.rabbitmq(
                                                ns,
                                                secrets.rabbitmq(),
                                                settings.rabbitmq().storage(),
                                                cluster.storageClass())
                                        .retention(retention)
                                        .build(),
                                afterSecrets),
                        ComponentResourceOptions.Empty);
        var realm =
                new KeycloakRealmJob(
                        "keycloak-init",
                        KeycloakRealmJob.Args.builder()
                                .namespace(ns)
                                .keycloakService(keycloak.serviceName())
                                .keycloak(keycloak.statefulSet())
                                .adminUser(keycloakSettings.adminUser())
                                .credentialsSecret(secrets.keycloak())
                                .realm(realmName)
                                .oidcClientId(keycloakSettings.oidcClientId())
                                .openMetadataUrl(endpoints.openMetadata())
                                .kubernetes(afterSecrets)
                                .build(),
                        ComponentResourceOptions.Empty);

        var secretResources = new ArrayList<Resource>(secrets.secrets());
        var openMetadataAfter = new ArrayList<>(secretResources);
        openMetadataAfter.addAll(
                List.of(
                        postgres.statefulSet(),
                        appUsers.job(),
                        elasticsearch.statefulSet(),
                        realm.job()));
        var openMetadataSettings = settings.openMetadata();
        var openMetadata =
                new HelmRelease(
                        Labels.OPENMETADATA,
                        HelmRelease.Args.builder()
                                .releaseName(Labels.OPENMETADATA)
                                .repository(HelmCharts.OPENMETADATA_REPOSITORY)
                                .chart(HelmCharts.OPENMETADATA_CHART)
                                .version(HelmCharts.OPENMETADATA_VERSION)
                                .namespace(ns)
                                .values(
                                        HelmCharts.openMetadataValues(
                                                new HelmCharts.OpenMetadataInputs(
                                                        endpoints.realm(realmName),
                                                        endpoints.openMetadataCallback(),
                                                        // The server fetches both key sets itself:
                                                        // through the cluster's Services, never a
                                                        // browser address.
                                                        List.of(
                                                                "http://"
                                                                        + cluster.serviceHost(
                                                                                Labels.OPENMETADATA)
                                                                        + ":8585/api/v1/system/config/jwks",
                                                                "http://"
                                                                        + cluster.serviceHost(
                                                                                Labels.KEYCLOAK)
                                                                        + ":8080/realms/"
                                                                        + realmName
                                                                        + "/protocol/openid-connect/certs"),
                                                        keycloakSettings.oidcClientId(),
                                                        openMetadataSettings.initialAdmins(),
                                                        openMetadataSettings.principalDomain(),
                                                        openMetadataSettings.jwtKeyId())))
                                .startAfter(openMetadataAfter)
                                .kubernetes(k8s)
                                .build(),
                        ComponentResourceOptions.Empty);
        var dagsterAfter = new ArrayList<>(secretResources);
        dagsterAfter.addAll(
                List.of(
                        postgres.statefulSet(),
                        appUsers.job(),
                        rabbitmq.statefulSet(),
                        rbac.serviceAccount(),
                        openMetadata.release()));
        var dagster = settings.dagster();
        var versionCheck =
                new DagsterVersionCheck(
                        "code-location-version",
                        new DagsterVersionCheck.Args(
                                ns,
                                dagster.codeLocationImage() + ":" + dagster.codeLocationTag(),
                                HelmCharts.DAGSTER_VERSION,
                                dagster.imagePullSecrets(),
                                k8s),
                        ComponentResourceOptions.Empty);
        dagsterAfter.add(versionCheck.job());
        new HelmRelease(
                Labels.DAGSTER,
                HelmRelease.Args.builder()
                        .releaseName(Labels.DAGSTER)
                        .repository(HelmCharts.DAGSTER_REPOSITORY)
                        .chart(HelmCharts.DAGSTER_CHART)
                        .version(HelmCharts.DAGSTER_VERSION)
                        .namespace(ns)
                        .values(
                                HelmCharts.dagsterValues(
                                        new HelmCharts.DagsterInputs(
                                                ns,
                                                dagster.codeLocationImage(),
                                                dagster.codeLocationTag(),
                                                dagster.codeLocationGrpcArgs(),
                                                dagster.imagePullSecrets(),
                                                dagster.maxConcurrentRuns())))
                        .startAfter(dagsterAfter)
                        .kubernetes(k8s)
                        .build(),
                ComponentResourceOptions.Empty);

        var ctx = stack.pulumi();
        ctx.export("namespace", Output.of(ns));
        ctx.export("dagster_url", Output.of(endpoints.dagster()));
        ctx.export("openmetadata_url", Output.of(endpoints.openMetadata()));
        ctx.export("keycloak_url", Output.of(endpoints.keycloak()));
        ctx.export(
                "keycloak",
                Output.of(
                        OrderedMap.of(
                                "realm",
                                realmName,
                                "issuer",
                                endpoints.realm(realmName),
                                "admin_console",
                                endpoints.keycloakAdminConsole(),
                                "service",
                                Labels.KEYCLOAK,
                                "port",
                                8080)));
        ctx.export("dagster_ui", Output.of(ui(DAGSTER_WEBSERVER, 80, DAGSTER_UI_LOCAL_PORT, ns)));
        ctx.export(
                "token_secret",
                Output.of(
                        Map.of(
                                "name",
                                PlatformSecrets.INGESTION_BOT_TOKEN,
                                "key",
                                "OPEN_METADATA_TOKEN",
                                "update_command",
                                "pulumi config set --secret moderate:openMetadataToken <token> -s "
                                        + stack.stackName()
                                        + " && pulumi up -s "
                                        + stack.stackName())));
    }

    /** The platform's Secrets from the settings that hold them; the caller adds the Kubernetes options. */
    static PlatformSecrets.Args.Builder secretsArgs(ModerateSettings settings) {
        var postgres = settings.postgres();
        var keycloak = settings.keycloak();
        var openMetadata = settings.openMetadata();
        return PlatformSecrets.Args.builder()
                .namespace(settings.cluster().namespace())
                .codeLocationSettings(CodeLocationEnvironment.of(settings))
                .ingestionBotToken(openMetadata.ingestionBotToken())
                .postgresPassword(postgres.superuserPassword())
                .dagsterDbPassword(postgres.dagsterPassword())
                .keycloakDbPassword(postgres.keycloakPassword())
                .openMetadataDbPassword(postgres.openMetadataPassword())
                .keycloakAdminUser(keycloak.adminUser())
                .keycloakAdminPassword(keycloak.adminPassword())
                .rabbitPassword(settings.rabbitmq().password())
                .openMetadataFernetKey(openMetadata.fernetKey())
                .openMetadataJwtPrivateKey(openMetadata.jwtPrivateKey())
                .openMetadataJwtPublicKey(openMetadata.jwtPublicKey());
    }

    private static Map<String, Object> ui(
            String service, int port, int localPort, String namespace) {
        var ui = new LinkedHashMap<String, Object>();
        ui.put("service", service);
        ui.put("port", port);
        ui.put(
                "port_forward",
                "kubectl -n "
                        + namespace
                        + " port-forward svc/"
                        + service
                        + " "
                        + localPort
                        + ":"
                        + port);
        // Dagster has no login and no redirects, so a port-forward works alongside the public URL.
        ui.put("local_url", "http://localhost:" + localPort);
        return ui;
    }
}
