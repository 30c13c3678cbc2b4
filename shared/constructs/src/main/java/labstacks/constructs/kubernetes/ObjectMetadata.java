package labstacks.constructs.kubernetes;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.kubernetes.meta.v1.outputs.ObjectMeta;
import java.util.Map;

/** The metadata the constructs put on the objects they create, and an object's name read back from it. */
public final class ObjectMetadata {

    private ObjectMetadata() {}

    /**
     * An object's name from its metadata output: passed where another object names it (a Secret a pod mounts,
     * the account a RoleBinding binds), so Pulumi orders the two without a hand-written dependsOn.
     */
    public static Output<String> nameOf(Output<ObjectMeta> metadata) {
        return metadata.applyValue(m -> m.name().orElseThrow());
    }

    /**
     * Name, namespace and, only when there are any, labels: an object without labels sends no {@code labels}
     * key at all, so a program that never labelled its objects plans the same through a construct.
     */
    public static ObjectMetaArgs of(String name, String namespace, Map<String, String> labels) {
        var metadata = ObjectMetaArgs.builder().name(name).namespace(namespace);
        if (!labels.isEmpty()) {
            metadata.labels(labels);
        }
        return metadata.build();
    }

    /** Pod template metadata: the labels selectors and NetworkPolicies match on. */
    static ObjectMetaArgs pod(Map<String, String> labels) {
        return ObjectMetaArgs.builder().labels(labels).build();
    }

    static void requireName(String what, String name) {
        if (name == null || !name.matches("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?")) {
            throw new IllegalArgumentException(
                    what
                            + " must be a DNS label (1 to 63 lower-case letters, digits"
                            + " and '-', starting and ending with a letter or digit), got "
                            + name);
        }
    }
}
