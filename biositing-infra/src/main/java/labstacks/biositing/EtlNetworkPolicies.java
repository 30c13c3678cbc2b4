package labstacks.biositing;

import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import labstacks.constructs.kubernetes.DefaultDenyIngress;
import labstacks.constructs.kubernetes.DefaultDenyIngress.Allow;
import labstacks.shared.program.ChildOptions;

/**
 * The compose {@code prefect-network}, made strict: nothing reaches a pod of the namespace unless a
 * rule lets it; the database only from the migration Job, the server and the worker; the Prefect API
 * only from the worker and the flow-deployment Job. (Port-forwarding goes through the kubelet and is
 * not affected.)
 */
public final class EtlNetworkPolicies extends ComponentResource {
    public static final String TYPE = "labstacks:biositing:EtlNetworkPolicies";
    static final List<String> DATABASE_CLIENTS =
            List.of(Pods.MIGRATION, Pods.PREFECT_SERVER, Pods.PREFECT_WORKER);
    static final List<String> PREFECT_CLIENTS = List.of(Pods.PREFECT_WORKER, Pods.FLOW_DEPLOYMENT);

    /**
     * A NetworkPolicy port is the pod's port, not the Service's: PostgreSQL listens on 5432 whatever
     * biositing:postgresPort maps it to.
     */
    static final int POSTGRES_POD_PORT = 5432;

    /**
     * Inputs of {@link EtlNetworkPolicies}.
     *
     * @param namespace the ETL's namespace, whose pods the policies govern
     * @param kubernetes The options of every Kubernetes object the component makes: the explicit provider and what they start after. The component adds itself as their parent (ChildOptions).
     */
    public record Args(String namespace, CustomResourceOptions kubernetes) {
        public Args {
            Objects.requireNonNull(kubernetes, "kubernetes");
            Objects.requireNonNull(namespace, "namespace");
        }
    }

    private final DefaultDenyIngress policies;

    public EtlNetworkPolicies(String name, Args args, ComponentResourceOptions options) {
        super(TYPE, name, options);
        var child = ChildOptions.of(this, args.kubernetes());
        this.policies =
                new DefaultDenyIngress(
                        new DefaultDenyIngress.Args(
                                args.namespace(),
                                Pods.selector("network"),
                                List.of(
                                        allow(
                                                "database-clients",
                                                Pods.DATABASE,
                                                DATABASE_CLIENTS,
                                                POSTGRES_POD_PORT),
                                        allow(
                                                "prefect-api-clients",
                                                Pods.PREFECT_SERVER,
                                                PREFECT_CLIENTS,
                                                Pods.PREFECT_PORT))),
                        child);
        registerOutputs(Map.of());
    }

    /** Admits the ETL's pods of the {@code clients} components to the {@code target} component's port. */
    private static Allow allow(String name, String target, List<String> clients, int port) {
        return new Allow(
                name,
                Pods.selector(target),
                List.of(
                        DefaultDenyIngress.podsIn(
                                Map.of("app.kubernetes.io/name", Pods.APP),
                                "app.kubernetes.io/component",
                                clients)),
                List.of(port));
    }

    public DefaultDenyIngress policies() {
        return policies;
    }
}
