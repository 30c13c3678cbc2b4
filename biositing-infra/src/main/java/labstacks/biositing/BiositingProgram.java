package labstacks.biositing;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.core.v1.Namespace;
import com.pulumi.kubernetes.core.v1.NamespaceArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import labstacks.shared.program.StackContext;
import labstacks.shared.program.StackProgram;
import labstacks.shared.providers.KubernetesAccess;
import labstacks.shared.providers.KubernetesProviders;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * ca-biositing's Docker Compose ETL stack on Kubernetes: PostgreSQL, the Alembic migration, the
 * Prefect server and worker, and the registration of the flow deployment, in the compose order.
 */
public final class BiositingProgram implements StackProgram<BiositingSettings> {
    /** The deployment prefect.yaml defines. */
    static final String FLOW_DEPLOYMENT = "master-etl-deployment";

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

    /** Why the pipeline and Prefect images cannot be forced to a non-root user. */
    static final String ROOT_IMAGE_REASON = "the pipeline image built from pipeline.dockerfile at the compose snapshot"
            + " runs as root (newer builds add appuser; set runAsNonRoot once the stack pins one), and"
            + " prefecthq/prefect images start as root; privilege escalation is still off";

    @Override
    public java.util.List<labstacks.shared.check.PolicyException> policyExceptions() {
        return java.util.List.of(
                new labstacks.shared.check.PolicyException("k8s-non-root", "kubernetes:batch/v1:Job", "setup-db", ROOT_IMAGE_REASON),
                new labstacks.shared.check.PolicyException("k8s-non-root", "kubernetes:batch/v1:Job", "prefect-deploy", ROOT_IMAGE_REASON),
                new labstacks.shared.check.PolicyException("k8s-non-root", "kubernetes:apps/v1:Deployment", "prefect-server", ROOT_IMAGE_REASON),
                new labstacks.shared.check.PolicyException("k8s-non-root", "kubernetes:apps/v1:Deployment", "prefect-worker", ROOT_IMAGE_REASON));
    }

    @Override
    public void define(StackContext stack, BiositingSettings settings) {
        var namespaceName = settings.namespace();
        var provider = KubernetesProviders.create("k8s",
                new KubernetesAccess(Optional.empty(), settings.kubeContext(), namespaceName));
        var namespace = new Namespace(namespaceName, NamespaceArgs.builder()
                .metadata(ObjectMetaArgs.builder().name(namespaceName).build())
                .build(), CustomResourceOptions.builder().provider(provider).build());
        var k8s = CustomResourceOptions.builder().provider(provider).dependsOn(namespace).build();

        var configuration = new EtlConfiguration("configuration", settings, k8s, ComponentResourceOptions.Empty);
        new EtlNetworkPolicies("network", settings, k8s, ComponentResourceOptions.Empty);
        var database = new PostgresDatabase("database", settings, configuration, k8s, ComponentResourceOptions.Empty);
        var migration = OneOffJob.migration(settings, configuration, database.statefulSet(), k8s);
        var server = new PrefectServer("prefect-server", settings, configuration, List.of(database.statefulSet(),
                migration.job()), k8s, ComponentResourceOptions.Empty);
        var worker = new PrefectWorker("prefect-worker", settings, configuration, server.deployment(), k8s,
                ComponentResourceOptions.Empty);
        OneOffJob.flowDeployment(settings, configuration, List.of(server.deployment(), worker.deployment()), k8s);

        var ctx = stack.pulumi();
        ctx.export("namespace", Output.of(namespaceName));
        var ui = new LinkedHashMap<String, Object>();
        ui.put("service", PrefectServer.NAME);
        ui.put("port", Pods.PREFECT_PORT);
        ui.put("in_cluster_url", "http://" + PrefectServer.NAME + "." + namespaceName + ".svc.cluster.local:" + Pods.PREFECT_PORT);
        ui.put("port_forward", "kubectl -n " + namespaceName + " port-forward svc/" + PrefectServer.NAME + " "
                + Pods.PREFECT_PORT + ":" + Pods.PREFECT_PORT);
        ui.put("local_url", "http://localhost:" + Pods.PREFECT_PORT);
        ctx.export("prefect_ui", Output.of(ui));
        ctx.export("database_service", Output.of(Map.of(
                "service", Pods.DB_SERVICE,
                "host", Pods.DB_SERVICE + "." + namespaceName + ".svc.cluster.local",
                "port", settings.postgresPort())));
        ctx.export("migration_job", Output.of(migration.jobName()));
        ctx.export("work_pool", Output.of(settings.workPool()));
    }
}
