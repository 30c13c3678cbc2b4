package labstacks.biositing;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.core.v1.ServiceAccount;
import com.pulumi.kubernetes.core.v1.inputs.ConfigMapEnvSourceArgs;
import com.pulumi.kubernetes.core.v1.inputs.ContainerArgs;
import com.pulumi.kubernetes.core.v1.inputs.EnvFromSourceArgs;
import com.pulumi.kubernetes.core.v1.inputs.PodSecurityContextArgs;
import com.pulumi.kubernetes.core.v1.inputs.SecretEnvSourceArgs;
import com.pulumi.kubernetes.core.v1.inputs.SecurityContextArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.CustomResourceOptions;
import java.util.List;
import java.util.Map;
import labstacks.constructs.kubernetes.Containers;
import labstacks.constructs.kubernetes.ObjectMetadata;
import labstacks.constructs.kubernetes.ServiceAccounts;

/** Shared pieces of the ETL's pod specs: labels, the .env as envFrom, sizes, wait-for containers. */
final class Pods {
    static final String APP = "ca-biositing";
    static final String DATABASE = "database";
    static final String MIGRATION = "migration";
    static final String PREFECT_SERVER = "prefect-server";
    static final String PREFECT_WORKER = "prefect-worker";
    static final String FLOW_DEPLOYMENT = "flow-deployment";

    static final int PREFECT_PORT = 4200;
    static final String DB_SERVICE = "db";

    /**
     * The database Service's cluster name, which every client's URL and POSTGRES_HOST carry. Never the bare
     * {@code db}: the pipeline's engine (ca_biositing/pipeline/utils/engine.py at v2026.4.6) rewrites
     * {@code @db:} to {@code @localhost:} in any process that finds no {@code /.dockerenv}, which is every
     * container a containerd or CRI-O node starts (GKE, EKS, AKS), so a bare {@code db} loads nothing.
     */
    static String databaseHost(String namespace) {
        return DB_SERVICE + "." + namespace + ".svc.cluster.local";
    }

    private Pods() {}

    /** The labels selectors and NetworkPolicies match on. */
    static Map<String, String> selector(String component) {
        return Map.of("app.kubernetes.io/name", APP, "app.kubernetes.io/component", component);
    }

    static ObjectMetaArgs metadata(String name, String namespace, String component) {
        return ObjectMetadata.of(name, namespace, selector(component));
    }

    static ObjectMetaArgs podMetadata(String component) {
        return ObjectMetaArgs.builder().labels(selector(component)).build();
    }

    /** The compose {@code env_file: .env}: the ConfigMap and the Secret, by the names given. */
    static List<EnvFromSourceArgs> dotEnv(Output<String> configMap, Output<String> secret) {
        return List.of(
                EnvFromSourceArgs.builder()
                        .configMapRef(ConfigMapEnvSourceArgs.builder().name(configMap).build())
                        .build(),
                EnvFromSourceArgs.builder()
                        .secretRef(SecretEnvSourceArgs.builder().name(secret).build())
                        .build());
    }

    /**
     * The workload's own ServiceAccount, without an API token: none of the ETL's containers calls the
     * Kubernetes API, and the namespace's default account is shared by anything else placed there.
     */
    static ServiceAccount serviceAccount(
            String name, String namespace, String component, CustomResourceOptions options) {
        return ServiceAccounts.withoutToken(name, metadata(name, namespace, component), options);
    }

    /** Waits until PostgreSQL accepts connections: the compose {@code depends_on: db: service_healthy}. */
    static ContainerArgs waitForDatabase(
            String postgresImage, List<EnvFromSourceArgs> environment) {
        return ContainerArgs.builder()
                .name("wait-for-db")
                .image(postgresImage)
                .command(
                        "sh",
                        "-c",
                        "until pg_isready -h \"$POSTGRES_HOST\" -p \"$POSTGRES_PORT\" -U \"$POSTGRES_USER\";"
                                + " do echo waiting for the database; sleep 2; done")
                .envFrom(environment)
                .resources(Containers.size("10m", "16Mi", "100m", "64Mi"))
                // pg_isready needs no privileges: run it as the image's postgres user.
                .securityContext(
                        SecurityContextArgs.builder()
                                .runAsNonRoot(true)
                                .runAsUser(999)
                                .allowPrivilegeEscalation(false)
                                .build())
                .build();
    }

    /**
     * The pod security of every pipeline-image pod: the image's own {@code appuser} by number (so the kubelet can
     * verify runAsNonRoot), and volumes group-owned by it so the Prefect home on a fresh claim is writable.
     */
    static PodSecurityContextArgs asPipelineUser() {
        return Containers.runAs(UpstreamRelease.APP_UID);
    }

    /** Waits until the Prefect API answers: {@code depends_on: prefect-server: service_healthy}. */
    static ContainerArgs waitForPrefect(String pipelineImage, Output<String> apiUrl) {
        return ContainerArgs.builder()
                .name("wait-for-prefect")
                .image(pipelineImage)
                // The image's entrypoint activates the pixi environment and execs the arguments.
                .args(
                        apiUrl.applyValue(
                                url ->
                                        List.of(
                                                "sh",
                                                "-c",
                                                "until curl -fsS "
                                                        + url
                                                        + "/health; do echo waiting for prefect-server; sleep 3; done")))
                .resources(Containers.size("10m", "32Mi", "100m", "128Mi"))
                .securityContext(Containers.restricted())
                .build();
    }
}
