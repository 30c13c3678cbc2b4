package labstacks.moderate;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.apps.v1.StatefulSet;
import com.pulumi.kubernetes.core.v1.Service;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import java.util.Map;
import java.util.Objects;
import labstacks.constructs.kubernetes.StatefulService;
import labstacks.shared.program.ChildOptions;

/**
 * A dependency service (PostgreSQL, Keycloak, Elasticsearch, RabbitMQ; {@link DependencyServices} holds their
 * inputs): a {@link StatefulService} (its own token-less account, the StatefulSet with its volume claim, the
 * client Service and the headless Service that governs it) under a component of the service's name.
 */
public final class DependencyService extends ComponentResource {
    public static final String TYPE = "labstacks:moderate:DependencyService";

    /**
     * Inputs of {@link DependencyService}.
     *
     * @param server     the server's container, ports, claims and retention, built with
     *                   {@link StatefulService.Args#builder}
     * @param kubernetes the options of every Kubernetes object the component makes: the explicit provider and
     *                   what they start after; the component adds itself as their parent
     */
    public record Args(StatefulService.Args server, CustomResourceOptions kubernetes) {
        public Args {
            Objects.requireNonNull(server, "server");
            Objects.requireNonNull(kubernetes, "kubernetes");
        }
    }

    private final StatefulService server;

    public DependencyService(String name, Args args, ComponentResourceOptions options) {
        super(TYPE, name, options);
        this.server = new StatefulService(args.server(), ChildOptions.of(this, args.kubernetes()));
        registerOutputs(Map.of());
    }

    public StatefulSet statefulSet() {
        return server.statefulSet();
    }

    public Service service() {
        return server.service();
    }

    public Service headless() {
        return server.headlessService();
    }

    /** The client Service's name, as an output: a workload given it waits for the Service. */
    public Output<String> serviceName() {
        return server.serviceName();
    }
}
