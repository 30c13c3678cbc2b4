package labstacks.moderate;

import com.pulumi.kubernetes.apps.v1.StatefulSet;
import com.pulumi.kubernetes.apps.v1.StatefulSetArgs;
import com.pulumi.kubernetes.apps.v1.inputs.StatefulSetSpecArgs;
import com.pulumi.kubernetes.core.v1.Service;
import com.pulumi.kubernetes.core.v1.ServiceArgs;
import com.pulumi.kubernetes.core.v1.inputs.ContainerArgs;
import com.pulumi.kubernetes.core.v1.inputs.ContainerPortArgs;
import com.pulumi.kubernetes.core.v1.inputs.PersistentVolumeClaimArgs;
import com.pulumi.kubernetes.core.v1.inputs.PersistentVolumeClaimSpecArgs;
import com.pulumi.kubernetes.core.v1.inputs.PodSpecArgs;
import com.pulumi.kubernetes.core.v1.inputs.PodTemplateSpecArgs;
import com.pulumi.kubernetes.core.v1.inputs.ResourceRequirementsArgs;
import com.pulumi.kubernetes.core.v1.inputs.ServicePortArgs;
import com.pulumi.kubernetes.core.v1.inputs.ServiceSpecArgs;
import com.pulumi.kubernetes.core.v1.inputs.VolumeMountArgs;
import com.pulumi.kubernetes.meta.v1.inputs.LabelSelectorArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import labstacks.shared.kubernetes.Containers;
import labstacks.shared.kubernetes.ServiceAccounts;

import java.util.ArrayList;
import java.util.Map;

/** A dependency service from its {@link DependencyServiceSpec}: StatefulSet, optional volume claim, Service. */
public final class DependencyService extends ComponentResource {
    public static final String TYPE = "labstacks:moderate:DependencyService";

    private final StatefulSet statefulSet;
    private final Service service;
    private final Service headless;

    public DependencyService(DependencyServiceSpec spec, String namespace, CustomResourceOptions k8s,
                             ComponentResourceOptions options) {
        super(TYPE, spec.name(), options);
        var child = CustomResourceOptions.merge(k8s, CustomResourceOptions.builder().parent(this).build());
        var selector = Labels.service(spec.name());

        // Its own account, without an API token: none of these services calls the Kubernetes API.
        var account = ServiceAccounts.withoutToken(spec.name(), Labels.metadata(spec.name(), namespace), child);
        var mounts = new ArrayList<VolumeMountArgs>(spec.extraMounts());
        var statefulSpec = StatefulSetSpecArgs.builder()
                // The governing Service must be headless for the per-pod DNS names (postgres-0.postgres-headless).
                .serviceName(headlessName(spec.name()))
                .replicas(1)
                .selector(LabelSelectorArgs.builder().matchLabels(selector).build());
        spec.data().ifPresent(data -> {
            mounts.add(VolumeMountArgs.builder().name("data").mountPath(data.mountPath()).build());
            var claim = PersistentVolumeClaimSpecArgs.builder()
                    .accessModes("ReadWriteOnce")
                    .resources(ResourceRequirementsArgs.builder().requests(Map.of("storage", data.size())).build());
            data.storageClass().ifPresent(claim::storageClassName);
            statefulSpec.volumeClaimTemplates(PersistentVolumeClaimArgs.builder()
                    .metadata(ObjectMetaArgs.builder().name("data").build())
                    .spec(claim.build())
                    .build());
        });

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
        var pod = PodSpecArgs.builder()
                .serviceAccountName(spec.name())
                .containers(container.build())
                .volumes(spec.volumes());
        spec.uid().ifPresent(uid -> pod.securityContext(Containers.runAs(uid)));

        this.statefulSet = new StatefulSet(spec.name(), StatefulSetArgs.builder()
                .metadata(Labels.metadata(spec.name(), namespace))
                .spec(statefulSpec.template(PodTemplateSpecArgs.builder()
                                .metadata(ObjectMetaArgs.builder().labels(selector).build())
                                .spec(pod.build())
                                .build())
                        .build())
                .build(), CustomResourceOptions.merge(child, CustomResourceOptions.builder().dependsOn(account).build()));

        var servicePorts = spec.ports().stream().map(port -> ServicePortArgs.builder()
                .name(port.name())
                .port(port.number())
                .targetPort(port.name())
                .build()).toList();
        this.service = new Service(spec.name(), ServiceArgs.builder()
                .metadata(Labels.metadata(spec.name(), namespace))
                .spec(ServiceSpecArgs.builder().selector(selector).ports(servicePorts).build())
                .build(), child);
        this.headless = new Service(headlessName(spec.name()), ServiceArgs.builder()
                .metadata(Labels.metadata(headlessName(spec.name()), namespace))
                .spec(ServiceSpecArgs.builder().clusterIP("None").publishNotReadyAddresses(true)
                        .selector(selector).ports(servicePorts).build())
                .build(), child);
        registerOutputs(Map.of());
    }

    public StatefulSet statefulSet() {
        return statefulSet;
    }

    public Service service() {
        return service;
    }

    public Service headless() {
        return headless;
    }

    static String headlessName(String name) {
        return name + "-headless";
    }
}
