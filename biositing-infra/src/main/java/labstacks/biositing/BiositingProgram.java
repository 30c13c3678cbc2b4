package labstacks.biositing;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.core.v1.Namespace;
import com.pulumi.kubernetes.core.v1.NamespaceArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import labstacks.constructs.kubernetes.DataLocation;
import labstacks.constructs.kubernetes.DataRetention;
import labstacks.constructs.kubernetes.ObjectMetadata;
import labstacks.shared.config.RunMode;
import labstacks.shared.config.StackConfig;
import labstacks.shared.program.DirectProgram;
import labstacks.shared.program.Preflight;
import labstacks.shared.program.StackContext;
import labstacks.shared.providers.KubernetesAccess;
import labstacks.shared.providers.KubernetesProviders;

/**
 * ca-biositing's Docker Compose ETL stack on Kubernetes: PostgreSQL, the Alembic migration, the
 * Prefect server and worker, and the registration of the flow deployment, in the compose order.
 */
public final class BiositingProgram implements DirectProgram<BiositingSettings> {
    /** The deployment prefect.yaml defines. */
    static final String FLOW_DEPLOYMENT = "master-etl-deployment";

    /**
     * The Namespace's logical name: the default namespace, under which every existing stack registered it (the
     * logical name used to be the setting's value), so their URNs stay as they are.
     */
    static final String NAMESPACE_RESOURCE = "ca-biositing";

    @Override
    public String name() {
        return "biositing-infra";
    }

    @Override
    public String description() {
        return "ca-biositing ETL (Postgres, migrations, Prefect server and worker) on Kubernetes.";
    }

    @Override
    public Class<BiositingSettings> settingsType() {
        return BiositingSettings.class;
    }

    @Override
    public Map<String, String> systemTags() {
        return Map.of("system", "ca-biositing");
    }

    /** The secret setting that holds the Google service-account key. */
    static final String CREDENTIALS_KEY = "biositing:googleCredentials";

    /** A stack whose flows read Google Sheets without a key is told before anything registers. */
    @Override
    public BiositingSettings prepare(
            BiositingSettings settings, StackConfig config, RunMode mode, Preflight report) {
        new DataLocation(
                        "biositing:namespace",
                        NAMESPACE_RESOURCE,
                        settings.namespace(),
                        "biositing:storageClass",
                        settings.storageClass(),
                        "biositing:allowDataRelocation",
                        settings.allowDataRelocation(),
                        "the PostGIS database and the Prefect volume")
                .check(config, report);
        if (settings.sheetsExtraction() && settings.googleCredentials().isEmpty()) {
            report.warning(
                    CREDENTIALS_KEY
                            + " is not set: the worker gets no credentials.json, so the Master ETL Flow's"
                            + " Google Sheets and Drive extraction will fail to authenticate. pulumi config set --secret "
                            + CREDENTIALS_KEY
                            + " -s "
                            + config.stack()
                            + " < credentials.json (or export"
                            + " BIOSITING_GOOGLE_CREDENTIALS); set biositing:sheetsExtraction false if this stack runs no"
                            + " such flow");
        }
        return settings;
    }

    @Override
    public void define(StackContext stack, BiositingSettings settings) {
        var namespaceName = settings.namespace();
        var provider =
                KubernetesProviders.create(
                        "k8s",
                        new KubernetesAccess(
                                Optional.empty(), settings.kubeContext(), namespaceName));
        // The volumes live in the namespace: it keeps one logical name whatever biositing:namespace
        // says, and is
        // protected and retained with the database and the Prefect volume outside local stacks
        // (DataRetention).
        var retention = DataRetention.of(stack);
        var namespace =
                new Namespace(
                        NAMESPACE_RESOURCE,
                        NamespaceArgs.builder()
                                .metadata(ObjectMetaArgs.builder().name(namespaceName).build())
                                .build(),
                        retention.namespaceOptions(
                                CustomResourceOptions.builder().provider(provider).build(),
                                NAMESPACE_RESOURCE,
                                namespaceName));
        var k8s = CustomResourceOptions.builder().provider(provider).dependsOn(namespace).build();

        // Each component gets its own inputs; where one needs another's object it gets that
        // object's output, so
        // the engine orders them. Only ordering without a name in between (the server after the
        // migration) is
        // written as startAfter.
        var configuration =
                new EtlConfiguration(
                        "configuration",
                        EtlConfiguration.Args.of(settings).kubernetes(k8s).build(),
                        ComponentResourceOptions.Empty);
        new EtlNetworkPolicies(
                "network",
                new EtlNetworkPolicies.Args(namespaceName, k8s),
                ComponentResourceOptions.Empty);
        var database =
                new PostgresDatabase(
                        "database",
                        PostgresDatabase.Args.builder()
                                .namespace(namespaceName)
                                .image(settings.postgresImage())
                                .servicePort(settings.postgresPort())
                                .storage(settings.postgresStorage())
                                .storageClass(settings.storageClass())
                                .environment(configuration.envFrom())
                                .retention(retention)
                                .kubernetes(k8s)
                                .build(),
                        ComponentResourceOptions.Empty);
        // The workloads below start after the database, which already waits for the .env objects.
        var environment = EtlConfiguration.envFromByName();
        var migration =
                new EtlJob(
                        EtlJob.MIGRATION_JOB,
                        EtlJob.Args.migration(
                                        namespaceName,
                                        settings.pipelineImage(),
                                        settings.postgresImage(),
                                        environment,
                                        database.statefulSet())
                                .kubernetes(k8s)
                                .build(),
                        ComponentResourceOptions.Empty);
        var server =
                new PrefectServer(
                        "prefect-server",
                        PrefectServer.Args.builder()
                                .namespace(namespaceName)
                                .pipelineImage(settings.pipelineImage())
                                .postgresImage(settings.postgresImage())
                                .apiHost(settings.prefectServerApiHost())
                                .storage(settings.prefectStorage())
                                .storageClass(settings.storageClass())
                                .environment(environment)
                                .startAfter(List.of(database.statefulSet(), migration.job()))
                                .retention(retention)
                                .kubernetes(k8s)
                                .build(),
                        ComponentResourceOptions.Empty);
        var worker =
                new PrefectWorker(
                        "prefect-worker",
                        PrefectWorker.Args.builder()
                                .namespace(namespaceName)
                                .pipelineImage(settings.pipelineImage())
                                .workPool(settings.workPool())
                                .googleCredentials(settings.googleCredentials())
                                .apiUrl(server.apiUrl())
                                .environment(environment)
                                .startAfter(List.of(server.deployment()))
                                .kubernetes(k8s)
                                .build(),
                        ComponentResourceOptions.Empty);
        new EtlJob(
                EtlJob.FLOW_DEPLOYMENT_JOB,
                EtlJob.Args.flowDeployment(
                                namespaceName,
                                settings.pipelineImage(),
                                server.apiUrl(),
                                environment,
                                List.of(server.deployment(), worker.deployment()))
                        .kubernetes(k8s)
                        .build(),
                ComponentResourceOptions.Empty);

        var ctx = stack.pulumi();
        ctx.export("namespace", Output.of(namespaceName));
        var port = Pods.PREFECT_PORT;
        ctx.export(
                "prefect_ui",
                ObjectMetadata.nameOf(server.service().metadata())
                        .applyValue(
                                service -> {
                                    var ui = new LinkedHashMap<String, Object>();
                                    ui.put("service", service);
                                    ui.put("port", port);
                                    ui.put(
                                            "in_cluster_url",
                                            "http://"
                                                    + service
                                                    + "."
                                                    + namespaceName
                                                    + ".svc.cluster.local:"
                                                    + port);
                                    ui.put(
                                            "port_forward",
                                            "kubectl -n "
                                                    + namespaceName
                                                    + " port-forward svc/"
                                                    + service
                                                    + " "
                                                    + port
                                                    + ":"
                                                    + port);
                                    ui.put("local_url", "http://localhost:" + port);
                                    return ui;
                                }));
        ctx.export(
                "database_service",
                database.serviceName()
                        .applyValue(
                                service ->
                                        Map.of(
                                                "service",
                                                service,
                                                "host",
                                                service
                                                        + "."
                                                        + namespaceName
                                                        + ".svc.cluster.local",
                                                "port",
                                                settings.postgresPort())));
        ctx.export("migration_job", Output.of(migration.jobName()));
        ctx.export("work_pool", Output.of(settings.workPool()));
    }
}
