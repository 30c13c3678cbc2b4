package labstacks.offline.testing;

import io.kubernetes.client.custom.Quantity;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1Job;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1StatefulSet;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import labstacks.offline.plan.Plan;
import labstacks.offline.schema.KubernetesSchema;

/**
 * The local cluster both local stacks are sized for, as the READMEs state it: {@code minikube start --cpus=4
 * --memory=8g}, one node. What pods may request is that node less what kube-system requests and what the kubelet
 * keeps back, split between the two stacks so that each module's test proves its own share and the two shares
 * together fit ({@code LocalClusterTest}).
 *
 * <p>kube-system's requests on a kubeadm-built minikube node: kube-apiserver 250m, kube-controller-manager 200m,
 * kube-scheduler 100m (kubernetes/kubernetes cmd/kubeadm/app/phases/controlplane/manifests.go, ComponentResources),
 * etcd 100m / 100Mi (cmd/kubeadm/app/phases/etcd/local.go), CoreDNS 100m / 70Mi (kubeadm's CoreDNS manifest);
 * kube-proxy and storage-provisioner request nothing. 750m and 170Mi in all, as the 2026-12-07 audit measured. The
 * kubelet's default hard eviction threshold {@code memory.available<100Mi} (kubernetes.io, "Node-pressure
 * Eviction") comes off allocatable memory; 256Mi more is kept for the node's own OS, which an 8 GB VM driver shows
 * as less than 8192Mi capacity.
 */
public final class LocalCluster {
    public static final long NODE_CPU_MILLI = 4000;
    public static final long NODE_MEMORY_MI = 8192;
    public static final long KUBE_SYSTEM_CPU_MILLI = 750;
    public static final long KUBE_SYSTEM_MEMORY_MI = 170;
    public static final long EVICTION_MEMORY_MI = 100;
    public static final long NODE_OS_MEMORY_MI = 256;

    /** What pods may request in all. */
    public static final Requests SCHEDULABLE =
            new Requests(
                    NODE_CPU_MILLI - KUBE_SYSTEM_CPU_MILLI,
                    NODE_MEMORY_MI
                            - KUBE_SYSTEM_MEMORY_MI
                            - EVICTION_MEMORY_MI
                            - NODE_OS_MEMORY_MI);

    /** moderate-local's share: its services, both releases, one-off Jobs and its concurrent run pods. */
    public static final Requests MODERATE_SHARE = new Requests(2000, 5200);

    /** biositing-local's share: PostGIS, the Prefect server and worker (flows run inside it) and its Jobs. */
    public static final Requests BIOSITING_SHARE = new Requests(1250, 2400);

    private LocalCluster() {}

    /** CPU in millicores and memory in MiB. */
    public record Requests(long cpuMilli, long memoryMi) {
        public Requests plus(Requests other) {
            return new Requests(cpuMilli + other.cpuMilli, memoryMi + other.memoryMi);
        }

        public Requests times(long count) {
            return new Requests(cpuMilli * count, memoryMi * count);
        }

        public boolean fitsIn(Requests budget) {
            return cpuMilli <= budget.cpuMilli && memoryMi <= budget.memoryMi;
        }

        /** From a {@code requests} map as Kubernetes reads it (missing resources request nothing). */
        public static Requests of(Map<String, ?> requests) {
            if (requests == null) {
                return new Requests(0, 0);
            }
            return new Requests(milli(requests.get("cpu")), mebi(requests.get("memory")));
        }

        @Override
        public String toString() {
            return cpuMilli + "m CPU, " + memoryMi + "Mi";
        }
    }

    private static BigDecimal number(Object quantity) {
        if (quantity == null) {
            return BigDecimal.ZERO;
        }
        return quantity instanceof Quantity q
                ? q.getNumber()
                : new Quantity(quantity.toString()).getNumber();
    }

    private static long milli(Object quantity) {
        return number(quantity)
                .multiply(BigDecimal.valueOf(1000))
                .setScale(0, RoundingMode.CEILING)
                .longValueExact();
    }

    private static long mebi(Object quantity) {
        return number(quantity)
                .divide(BigDecimal.valueOf(1024L * 1024L), 0, RoundingMode.CEILING)
                .longValueExact();
    }

    /** A pod's effective request: the larger of its containers' sum and its largest init container. */
    public static Requests pod(V1PodSpec spec) {
        var containers = new Requests(0, 0);
        for (V1Container c : spec.getContainers()) {
            containers = containers.plus(container(c));
        }
        long cpu = containers.cpuMilli();
        long memory = containers.memoryMi();
        if (spec.getInitContainers() != null) {
            for (V1Container c : spec.getInitContainers()) {
                var init = container(c);
                cpu = Math.max(cpu, init.cpuMilli());
                memory = Math.max(memory, init.memoryMi());
            }
        }
        return new Requests(cpu, memory);
    }

    private static Requests container(V1Container c) {
        if (c.getResources() == null || c.getResources().getRequests() == null) {
            return new Requests(0, 0);
        }
        return Requests.of(c.getResources().getRequests());
    }

    /**
     * Every pod the plan's own workloads request, by "Kind name": StatefulSets and Deployments times their replicas,
     * each Job once (its pods run one at a time). Helm releases' pods are the caller's to add from their values.
     */
    public static Map<String, Requests> workloads(Plan plan) {
        var found = new LinkedHashMap<String, Requests>();
        for (var resource : plan.resources()) {
            switch (resource.type()) {
                case "kubernetes:apps/v1:StatefulSet" -> {
                    var set = (V1StatefulSet) KubernetesSchema.validate(resource);
                    int replicas =
                            set.getSpec().getReplicas() == null ? 1 : set.getSpec().getReplicas();
                    found.put(
                            "StatefulSet " + resource.name(),
                            pod(set.getSpec().getTemplate().getSpec()).times(replicas));
                }
                case "kubernetes:apps/v1:Deployment" -> {
                    var deployment = (V1Deployment) KubernetesSchema.validate(resource);
                    int replicas =
                            deployment.getSpec().getReplicas() == null
                                    ? 1
                                    : deployment.getSpec().getReplicas();
                    found.put(
                            "Deployment " + resource.name(),
                            pod(deployment.getSpec().getTemplate().getSpec()).times(replicas));
                }
                case "kubernetes:batch/v1:Job" -> {
                    var job = (V1Job) KubernetesSchema.validate(resource);
                    found.put("Job " + resource.name(), pod(job.getSpec().getTemplate().getSpec()));
                }
                case "kubernetes:core/v1:Pod",
                        "kubernetes:apps/v1:DaemonSet",
                        "kubernetes:apps/v1:ReplicaSet",
                        "kubernetes:batch/v1:CronJob" ->
                        throw new AssertionError(
                                resource.type() + " " + resource.name() + " is not counted yet");
                default -> {}
            }
        }
        return found;
    }

    /** The sum of {@code parts}. */
    public static Requests total(Map<String, Requests> parts) {
        var sum = new Requests(0, 0);
        for (var part : parts.values()) {
            sum = sum.plus(part);
        }
        return sum;
    }

    /** A table for failure messages. */
    public static String describe(Map<String, Requests> parts) {
        var lines = new ArrayList<String>();
        parts.forEach((name, requests) -> lines.add(name + ": " + requests));
        lines.add("total: " + total(parts));
        return String.join("\n", lines);
    }

    static List<Requests> shares() {
        return List.of(MODERATE_SHARE, BIOSITING_SHARE);
    }
}
