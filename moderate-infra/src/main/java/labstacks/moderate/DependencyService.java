package labstacks.moderate;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.apps.v1.StatefulSet;
import com.pulumi.kubernetes.core.v1.Service;
import com.pulumi.kubernetes.core.v1.inputs.ContainerArgs;
import com.pulumi.kubernetes.core.v1.inputs.ContainerPortArgs;
import com.pulumi.kubernetes.core.v1.inputs.VolumeMountArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import labstacks.constructs.kubernetes.Containers;
import labstacks.constructs.kubernetes.DataRetention;
import labstacks.constructs.kubernetes.StatefulService;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A dependency service from its {@link DependencyServiceSpec}: a {@link StatefulService} (its own token-less
 * account, the StatefulSet with its volume claim, the client Service and the headless Service that governs it).
 */
public final class DependencyService extends ComponentResource {
    public static final String TYPE = "labstacks:moderate:DependencyService";

    private final StatefulService server;

    public DependencyService(DependencyServiceSpec spec, String namespace, CustomResourceOptions k8s,
                             ComponentResourceOptions options) {
        this(spec, namespace, k8s, options, DataRetention.DISPOSABLE);
    }

    /** With {@code retention} for the StatefulSet that owns the data volume (a service without one has none). */
    public DependencyService(DependencyServiceSpec spec, String namespace, CustomResourceOptions k8s,
                             ComponentResourceOptions options, DataRetention retention) {
        super(TYPE, spec.name(), options);
        var child = CustomResourceOptions.merge(k8s, CustomResourceOptions.builder().parent(this).build());

        var mounts = new ArrayList<VolumeMountArgs>(spec.extraMounts());
        spec.data().ifPresent(data -> mounts.add(VolumeMountArgs.builder().name("data").mountPath(data.mountPath()).build()));
        var container = ContainerArgs.builder()
                .name(spec.name())
                .image(spec.image())
                .ports(spec.ports().stream().map(port -> ContainerPortArgs.builder()
                        .name(port.name()).containerPort(port.number()).build()).toList())
                .env(spec.env())
                .envFrom(spec.envFrom())
                .volumeMounts(mounts)
                .readinessProbe(spec.readiness())
                .livenessProbe(spec.liveness())
                .resources(spec.resources())
                .securityContext(spec.uid().isPresent() ? Containers.restricted() : Containers.noEscalation());
        if (!spec.args().isEmpty()) {
            container.args(spec.args());
        }
        var args = StatefulService.Args.builder(spec.name(), namespace, Labels.service(spec.name()), container.build(),
                        spec.ports().stream().map(port -> new StatefulService.Port(port.name(), port.number())).toList())
                .volumes(spec.volumes())
                .volumeClaims(spec.data().map(data -> List.of(StatefulService.volumeClaim("data", data.size(),
                        data.storageClass()))).orElse(List.of()))
                .podSecurity(spec.uid().map(Containers::runAs))
                // Clients (Keycloak's and OpenMetadata's pods, the users Job) retry until the server is ready; the
                // headless Service publishes the pod's DNS name before that (postgres-0.postgres-headless).
                .publishNotReadyAddresses(true)
                // The headless Service registers after the StatefulSet, as it did before this construct existed:
                // waiting for it would add a dependency and change the plan of every existing stack.
                .awaitHeadlessService(false)
                .retention(retention)
                .build();
        this.server = new StatefulService(args, child);
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
