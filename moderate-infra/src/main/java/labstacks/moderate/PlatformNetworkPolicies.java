package labstacks.moderate;

import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import labstacks.constructs.kubernetes.DefaultDenyIngress;
import labstacks.shared.program.ChildOptions;

/**
 * Default deny for ingress in the namespace, then only the flows the platform needs. Dagster pods (the
 * chart's and the runs it launches) carry {@code app.kubernetes.io/instance=dagster}, OpenMetadata's
 * {@code app.kubernetes.io/instance=openmetadata}. What reaches the UIs from outside is admitted by
 * {@link PlatformAccess}.
 */
public final class PlatformNetworkPolicies extends ComponentResource {
    public static final String TYPE = "labstacks:moderate:PlatformNetworkPolicies";

    /** A flow: who may reach which pods on which ports. */
    record Flow(String name, Map<String, String> target, List<Peer> from, List<Integer> ports) {}

    /** Pods selected by one label. */
    record Peer(String label, String value) {}

    static final Peer DAGSTER = new Peer(Labels.INSTANCE, Labels.DAGSTER);
    static final Peer OPENMETADATA = new Peer(Labels.INSTANCE, Labels.OPENMETADATA);
    static final Peer KEYCLOAK = new Peer(Labels.NAME, Labels.KEYCLOAK);
    static final Peer KEYCLOAK_INIT = new Peer(Labels.NAME, Labels.KEYCLOAK_INIT);
    static final Peer POSTGRES_APP_USERS = new Peer(Labels.NAME, PostgresAppUsers.NAME);
    static final Peer POSTGRES_BACKUP = new Peer(Labels.NAME, PostgresBackup.NAME);

    static List<Flow> flows() {
        return List.of(
                new Flow(
                        "postgres-clients",
                        Labels.service(Labels.POSTGRES),
                        List.of(
                                DAGSTER,
                                OPENMETADATA,
                                KEYCLOAK,
                                POSTGRES_APP_USERS,
                                POSTGRES_BACKUP),
                        List.of(5432)),
                new Flow(
                        "elasticsearch-clients",
                        Labels.service(Labels.ELASTICSEARCH),
                        List.of(OPENMETADATA),
                        List.of(9200)),
                new Flow(
                        "keycloak-clients",
                        Labels.service(Labels.KEYCLOAK),
                        List.of(DAGSTER, OPENMETADATA, KEYCLOAK_INIT),
                        List.of(8080)),
                new Flow(
                        "rabbitmq-clients",
                        Labels.service(Labels.RABBITMQ),
                        List.of(DAGSTER),
                        List.of(5672)),
                // OpenMetadata reads its own signing keys through its Service
                // (authentication.publicKeys), which
                // arrives from its own pod address.
                new Flow(
                        "openmetadata-clients",
                        Map.of(Labels.INSTANCE, Labels.OPENMETADATA),
                        List.of(DAGSTER, OPENMETADATA),
                        List.of(8585)),
                // Webserver and daemon call the code location's gRPC server; runs report back the
                // same way.
                new Flow(
                        "dagster-internal",
                        Map.of(Labels.INSTANCE, Labels.DAGSTER),
                        List.of(DAGSTER),
                        List.of()));
    }

    /**
     * Inputs of {@link PlatformNetworkPolicies}.
     *
     * @param namespace the platform's namespace, whose pods the policies select
     * @param kubernetes The options of every Kubernetes object the component makes: the explicit provider and what they start after. The component adds itself as their parent (ChildOptions).
     */
    public record Args(String namespace, CustomResourceOptions kubernetes) {
        public Args {
            Objects.requireNonNull(kubernetes, "kubernetes");
            Objects.requireNonNull(namespace, "namespace");
        }
    }

    private final DefaultDenyIngress policies;

    public PlatformNetworkPolicies(String name, Args args, ComponentResourceOptions options) {
        super(TYPE, name, options);
        var child = ChildOptions.of(this, args.kubernetes());
        var allows =
                flows().stream()
                        .map(
                                flow ->
                                        new DefaultDenyIngress.Allow(
                                                flow.name(),
                                                flow.target(),
                                                flow.from().stream()
                                                        .map(
                                                                peer ->
                                                                        DefaultDenyIngress.pods(
                                                                                Map.of(
                                                                                        peer
                                                                                                .label(),
                                                                                        peer
                                                                                                .value())))
                                                        .toList(),
                                                flow.ports()))
                        .toList();
        this.policies =
                new DefaultDenyIngress(
                        new DefaultDenyIngress.Args(args.namespace(), Map.of(), allows), child);
        registerOutputs(Map.of());
    }

    /** The default deny and the allow rules. */
    public DefaultDenyIngress policies() {
        return policies;
    }
}
