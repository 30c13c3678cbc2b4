package labstacks.constructs.kubernetes;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.apps.v1.StatefulSet;
import com.pulumi.kubernetes.apps.v1.StatefulSetArgs;
import com.pulumi.kubernetes.apps.v1.inputs.StatefulSetSpecArgs;
import com.pulumi.kubernetes.core.v1.Service;
import com.pulumi.kubernetes.core.v1.ServiceAccount;
import com.pulumi.kubernetes.core.v1.ServiceArgs;
import com.pulumi.kubernetes.core.v1.inputs.ContainerArgs;
import com.pulumi.kubernetes.core.v1.inputs.PersistentVolumeClaimArgs;
import com.pulumi.kubernetes.core.v1.inputs.PersistentVolumeClaimSpecArgs;
import com.pulumi.kubernetes.core.v1.inputs.PodSecurityContextArgs;
import com.pulumi.kubernetes.core.v1.inputs.PodSpecArgs;
import com.pulumi.kubernetes.core.v1.inputs.PodTemplateSpecArgs;
import com.pulumi.kubernetes.core.v1.inputs.ResourceRequirementsArgs;
import com.pulumi.kubernetes.core.v1.inputs.ServicePortArgs;
import com.pulumi.kubernetes.core.v1.inputs.ServiceSpecArgs;
import com.pulumi.kubernetes.core.v1.inputs.VolumeArgs;
import com.pulumi.kubernetes.meta.v1.inputs.LabelSelectorArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A one-replica stateful server (a database, a broker, a search engine): a StatefulSet whose pod runs under
 * its own ServiceAccount without an API token, its volumes claimed per replica, the headless Service that
 * governs it ({@code <name>-0.<name>-headless} resolves to the pod) and the client Service the other workloads
 * connect to. The container must come probed (readiness and liveness), sized and with a security context:
 * the construct refuses one without.
 *
 * <p>Not a component: the objects register under whatever parent the options name, so adopting it changes no
 * URN.
 */
public final class StatefulService {

    /**
     * A named TCP port of the container, published by both Services.
     *
     * @param name          the container port's name; both Services target it by name
     * @param containerPort the port the server listens on; the headless Service publishes it as is
     * @param servicePort   the client Service's port (may differ from where the server listens)
     */
    public record Port(String name, int containerPort, int servicePort) {
        public Port {
            if (name == null
                    || !name.matches("[a-z0-9]([-a-z0-9]{0,13}[a-z0-9])?")
                    || !name.matches(".*[a-z].*")) {
                throw new IllegalArgumentException(
                        "a port name is an IANA service name (1 to 15 lower-case letters,"
                                + " digits and '-', with a letter), got "
                                + name);
            }
            for (var port : List.of(containerPort, servicePort)) {
                if (port < 1 || port > 65535) {
                    throw new IllegalArgumentException(name + ": " + port + " is not a TCP port");
                }
            }
        }

        /** A port the client Service publishes under the number the server listens on. */
        public Port(String name, int number) {
            this(name, number, number);
        }
    }

    /**
     * Inputs of {@link StatefulService}; build with {@link #builder}.
     */
    public static final class Args {
        private final String name;
        private final String namespace;
        private final Map<String, String> labels;
        private final Map<String, String> selector;
        private final ContainerArgs container;
        private final List<Port> ports;
        private final List<VolumeArgs> volumes;
        private final List<PersistentVolumeClaimArgs> volumeClaims;
        private final Optional<PodSecurityContextArgs> podSecurity;
        private final boolean publishNotReadyAddresses;
        private final boolean awaitHeadlessService;
        private final List<Resource> startAfter;
        private final DataRetention retention;

        private Args(
                String name,
                String namespace,
                Map<String, String> labels,
                Map<String, String> selector,
                ContainerArgs container,
                List<Port> ports,
                List<VolumeArgs> volumes,
                List<PersistentVolumeClaimArgs> volumeClaims,
                Optional<PodSecurityContextArgs> podSecurity,
                boolean publishNotReadyAddresses,
                boolean awaitHeadlessService,
                List<Resource> startAfter,
                DataRetention retention) {
            ObjectMetadata.requireName("a stateful service's name", name);
            ObjectMetadata.requireName("namespace", namespace);
            if (selector.isEmpty()) {
                throw new IllegalArgumentException(
                        name + ": an empty selector would match every pod of the namespace");
            }
            Objects.requireNonNull(container, "container");
            var missing = new ArrayList<String>();
            if (container.readinessProbe().isEmpty()) {
                missing.add("a readiness probe");
            }
            if (container.livenessProbe().isEmpty()) {
                missing.add("a liveness probe");
            }
            if (container.resources().isEmpty()) {
                missing.add("resources");
            }
            if (container.securityContext().isEmpty()) {
                missing.add("a security context");
            }
            if (!missing.isEmpty()) {
                throw new IllegalArgumentException(
                        name + ": the container lacks " + String.join(", ", missing));
            }
            if (ports.isEmpty()) {
                throw new IllegalArgumentException(name + ": a service needs at least one port");
            }
            var names = new HashSet<String>();
            for (var port : ports) {
                if (!names.add(port.name())) {
                    throw new IllegalArgumentException(name + ": two ports named " + port.name());
                }
            }
            labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
            selector = Collections.unmodifiableMap(new LinkedHashMap<>(selector));
            ports = List.copyOf(ports);
            volumes = List.copyOf(volumes);
            volumeClaims = List.copyOf(volumeClaims);
            startAfter = List.copyOf(startAfter);
            Objects.requireNonNull(retention, "retention");
            this.name = name;
            this.namespace = namespace;
            this.labels = labels;
            this.selector = selector;
            this.container = container;
            this.ports = ports;
            this.volumes = volumes;
            this.volumeClaims = volumeClaims;
            this.podSecurity = podSecurity;
            this.publishNotReadyAddresses = publishNotReadyAddresses;
            this.awaitHeadlessService = awaitHeadlessService;
            this.startAfter = startAfter;
            this.retention = retention;
        }

        /**
         * The StatefulSet, client Service and ServiceAccount name; the headless Service is {@code
         * <name>-headless}.
         */
        public String name() {
            return name;
        }

        /** The namespace of every object. */
        public String namespace() {
            return namespace;
        }

        /** Labels of the objects themselves; empty for none. */
        public Map<String, String> labels() {
            return labels;
        }

        /** The pod's labels, which the StatefulSet and both Services select on. */
        public Map<String, String> selector() {
            return selector;
        }

        /**
         * The server container, with readiness and liveness probes, resources and a security context (the
         * construct adds nothing to it).
         */
        public ContainerArgs container() {
            return container;
        }

        /** The ports both Services publish (the container must declare them by name). */
        public List<Port> ports() {
            return ports;
        }

        /** The pod's volumes (config files, memory); may be empty. */
        public List<VolumeArgs> volumes() {
            return volumes;
        }

        /** Claims made per replica (see {@link #volumeClaim}); empty for none. */
        public List<PersistentVolumeClaimArgs> volumeClaims() {
            return volumeClaims;
        }

        /** The pod's security context; empty where the image must start as root. */
        public Optional<PodSecurityContextArgs> podSecurity() {
            return podSecurity;
        }

        /**
         * Whether the headless Service resolves a pod before it is ready (for servers that find their peers
         * through it while starting).
         */
        public boolean publishNotReadyAddresses() {
            return publishNotReadyAddresses;
        }

        /**
         * Whether the StatefulSet waits for its headless Service, so the pod's DNS record exists from its
         * first start.
         */
        public boolean awaitHeadlessService() {
            return awaitHeadlessService;
        }

        /** Resources the StatefulSet must wait for although none of its inputs names them. */
        public List<Resource> startAfter() {
            return startAfter;
        }

        /** Whether the StatefulSet, which owns the claims, is protected and retained. */
        public DataRetention retention() {
            return retention;
        }

        /** The headless Service's name. */
        public String headlessName() {
            return StatefulService.headlessName(name);
        }

        /** A builder for the server {@code name} in {@code namespace}, its pods labelled {@code selector}. */
        public static Builder builder(
                String name,
                String namespace,
                Map<String, String> selector,
                ContainerArgs container,
                List<Port> ports) {
            return new Builder(name, namespace, selector, container, ports);
        }
    }

    /**
     * Builds {@link Args}: no object labels, volumes, claims or pod security; not-ready pods unpublished; the
     * StatefulSet waits for its headless Service.
     */
    public static final class Builder {
        private final String name;
        private final String namespace;
        private final Map<String, String> selector;
        private final ContainerArgs container;
        private final List<Port> ports;
        private Map<String, String> labels = Map.of();
        private List<VolumeArgs> volumes = List.of();
        private List<PersistentVolumeClaimArgs> volumeClaims = List.of();
        private Optional<PodSecurityContextArgs> podSecurity = Optional.empty();
        private boolean publishNotReadyAddresses = false;
        private boolean awaitHeadlessService = true;
        private List<Resource> startAfter = List.of();
        private DataRetention retention = DataRetention.DISPOSABLE;

        private Builder(
                String name,
                String namespace,
                Map<String, String> selector,
                ContainerArgs container,
                List<Port> ports) {
            this.name = name;
            this.namespace = namespace;
            this.selector = selector;
            this.container = container;
            this.ports = ports;
        }

        public Builder labels(Map<String, String> value) {
            this.labels = value;
            return this;
        }

        public Builder volumes(List<VolumeArgs> value) {
            this.volumes = value;
            return this;
        }

        public Builder volumeClaims(List<PersistentVolumeClaimArgs> value) {
            this.volumeClaims = value;
            return this;
        }

        public Builder podSecurity(PodSecurityContextArgs value) {
            this.podSecurity = Optional.of(value);
            return this;
        }

        public Builder podSecurity(Optional<PodSecurityContextArgs> value) {
            this.podSecurity = value;
            return this;
        }

        public Builder publishNotReadyAddresses(boolean value) {
            this.publishNotReadyAddresses = value;
            return this;
        }

        public Builder awaitHeadlessService(boolean value) {
            this.awaitHeadlessService = value;
            return this;
        }

        public Builder startAfter(List<? extends Resource> value) {
            this.startAfter = List.copyOf(value);
            return this;
        }

        /** Whether the StatefulSet keeps its data through destroy and replacement (see {@link DataRetention}). */
        public Builder retention(DataRetention value) {
            this.retention = value;
            return this;
        }

        public Args build() {
            return new Args(
                    name,
                    namespace,
                    labels,
                    selector,
                    container,
                    ports,
                    volumes,
                    volumeClaims,
                    podSecurity,
                    publishNotReadyAddresses,
                    awaitHeadlessService,
                    startAfter,
                    retention);
        }
    }

    private final ServiceAccount serviceAccount;
    private final StatefulSet statefulSet;
    private final Service service;
    private final Service headlessService;

    /**
     * Registers the ServiceAccount, the StatefulSet and both Services with {@code options} (provider, parent,
     * dependencies). The headless Service is registered first when the StatefulSet waits for it, last otherwise.
     */
    public StatefulService(Args args, CustomResourceOptions options) {
        Objects.requireNonNull(options, "options");
        var name = args.name();
        this.serviceAccount =
                ServiceAccounts.withoutToken(
                        name, ObjectMetadata.of(name, args.namespace(), args.labels()), options);
        var headless = args.awaitHeadlessService() ? headless(args, options) : null;
        Output<String> governingService =
                headless != null
                        ? ObjectMetadata.nameOf(headless.metadata())
                        : Output.of(args.headlessName());

        var pod =
                PodSpecArgs.builder()
                        // Through the account's output, so the pod waits for the account it runs
                        // under.
                        .serviceAccountName(ObjectMetadata.nameOf(serviceAccount.metadata()))
                        .containers(args.container())
                        .volumes(args.volumes());
        args.podSecurity().ifPresent(pod::securityContext);
        var spec =
                StatefulSetSpecArgs.builder()
                        .serviceName(governingService)
                        .replicas(1)
                        .selector(LabelSelectorArgs.builder().matchLabels(args.selector()).build())
                        .template(
                                PodTemplateSpecArgs.builder()
                                        .metadata(ObjectMetadata.pod(args.selector()))
                                        .spec(pod.build())
                                        .build());
        if (!args.volumeClaims().isEmpty()) {
            spec.volumeClaimTemplates(args.volumeClaims());
        }
        // Its claims outlive it (no persistentVolumeClaimRetentionPolicy), but a replaced or
        // destroyed database is
        // still an outage and, with its namespace, lost data: a stack that keeps data protects it.
        var statefulOptions =
                args.volumeClaims().isEmpty() ? options : args.retention().apply(options);
        if (!args.startAfter().isEmpty()) {
            statefulOptions =
                    CustomResourceOptions.merge(
                            statefulOptions,
                            CustomResourceOptions.builder()
                                    .dependsOn(new ArrayList<>(args.startAfter()))
                                    .build());
        }
        this.statefulSet =
                new StatefulSet(
                        name,
                        StatefulSetArgs.builder()
                                .metadata(ObjectMetadata.of(name, args.namespace(), args.labels()))
                                .spec(spec.build())
                                .build(),
                        statefulOptions);

        this.service =
                new Service(
                        name,
                        ServiceArgs.builder()
                                .metadata(ObjectMetadata.of(name, args.namespace(), args.labels()))
                                .spec(
                                        ServiceSpecArgs.builder()
                                                .selector(args.selector())
                                                .ports(
                                                        args.ports().stream()
                                                                .map(
                                                                        port ->
                                                                                servicePort(
                                                                                        port,
                                                                                        port
                                                                                                .servicePort()))
                                                                .toList())
                                                .build())
                                .build(),
                        options);
        this.headlessService = headless != null ? headless : headless(args, options);
    }

    private static Service headless(Args args, CustomResourceOptions options) {
        var spec =
                ServiceSpecArgs.builder()
                        .clusterIP("None")
                        .selector(args.selector())
                        .ports(
                                args.ports().stream()
                                        .map(port -> servicePort(port, port.containerPort()))
                                        .toList());
        if (args.publishNotReadyAddresses()) {
            spec.publishNotReadyAddresses(true);
        }
        return new Service(
                args.headlessName(),
                ServiceArgs.builder()
                        .metadata(
                                ObjectMetadata.of(
                                        args.headlessName(), args.namespace(), args.labels()))
                        .spec(spec.build())
                        .build(),
                options);
    }

    private static ServicePortArgs servicePort(Port port, int number) {
        return ServicePortArgs.builder()
                .name(port.name())
                .port(number)
                .targetPort(port.name())
                .build();
    }

    /** The headless Service's name for a server {@code name}. */
    public static String headlessName(String name) {
        return name + "-headless";
    }

    /** A claim of {@code size} per replica, mounted by the container as volume {@code name}. */
    public static PersistentVolumeClaimArgs volumeClaim(
            String name, String size, Optional<String> storageClass) {
        return PersistentVolumeClaimArgs.builder()
                .metadata(ObjectMetaArgs.builder().name(name).build())
                .spec(readWriteOnce(size, storageClass))
                .build();
    }

    /** One node reads and writes it; the cluster's default storage class unless one is named. */
    public static PersistentVolumeClaimSpecArgs readWriteOnce(
            String size, Optional<String> storageClass) {
        var spec =
                PersistentVolumeClaimSpecArgs.builder()
                        .accessModes("ReadWriteOnce")
                        .resources(
                                ResourceRequirementsArgs.builder()
                                        .requests(Map.of("storage", size))
                                        .build());
        storageClass.ifPresent(spec::storageClassName);
        return spec.build();
    }

    public ServiceAccount serviceAccount() {
        return serviceAccount;
    }

    public StatefulSet statefulSet() {
        return statefulSet;
    }

    /** The client Service. */
    public Service service() {
        return service;
    }

    public Service headlessService() {
        return headlessService;
    }

    /** The client Service's name, as an output: a workload given it waits for the Service. */
    public Output<String> serviceName() {
        return ObjectMetadata.nameOf(service.metadata());
    }
}
