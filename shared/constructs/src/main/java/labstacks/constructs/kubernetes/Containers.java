package labstacks.constructs.kubernetes;

import com.pulumi.kubernetes.core.v1.inputs.CapabilitiesArgs;
import com.pulumi.kubernetes.core.v1.inputs.PodSecurityContextArgs;
import com.pulumi.kubernetes.core.v1.inputs.ResourceRequirementsArgs;
import com.pulumi.kubernetes.core.v1.inputs.SecurityContextArgs;
import java.util.Map;

/** The pieces every container of the Kubernetes programs needs: sizes and a locked-down security context. */
public final class Containers {

    private Containers() {}

    /** Requests and limits for CPU and memory; both are always set, so no pod runs unbounded. */
    public static ResourceRequirementsArgs size(
            String cpuRequest, String memoryRequest, String cpuLimit, String memoryLimit) {
        return ResourceRequirementsArgs.builder()
                .requests(Map.of("cpu", cpuRequest, "memory", memoryRequest))
                .limits(Map.of("cpu", cpuLimit, "memory", memoryLimit))
                .build();
    }

    /** No privilege escalation: for images that must start as root but need nothing more. */
    public static SecurityContextArgs noEscalation() {
        return SecurityContextArgs.builder().allowPrivilegeEscalation(false).build();
    }

    /** No escalation and all capabilities dropped: for images that run as their own non-root user. */
    public static SecurityContextArgs restricted() {
        return SecurityContextArgs.builder()
                .allowPrivilegeEscalation(false)
                .capabilities(CapabilitiesArgs.builder().drop("ALL").build())
                .build();
    }

    /** Runs every container of the pod as {@code uid}, with volumes group-owned by it. */
    public static PodSecurityContextArgs runAs(int uid) {
        return PodSecurityContextArgs.builder()
                .runAsNonRoot(true)
                .runAsUser(uid)
                .runAsGroup(uid)
                .fsGroup(uid)
                .build();
    }
}
