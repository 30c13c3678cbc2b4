package labstacks.moderate;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.kubernetes.meta.v1.outputs.ObjectMeta;

import java.util.Map;

/** Names and labels shared by the platform's objects, NetworkPolicies and outputs. */
final class Labels {
    static final String NAME = "app.kubernetes.io/name";
    static final String INSTANCE = "app.kubernetes.io/instance";

    /** Helm release names: the charts label their pods with {@code app.kubernetes.io/instance=<release>}. */
    static final String DAGSTER = "dagster";
    static final String OPENMETADATA = "openmetadata";

    static final String POSTGRES = "postgres";
    static final String KEYCLOAK = "keycloak";
    static final String ELASTICSEARCH = "elasticsearch";
    static final String RABBITMQ = "rabbitmq";
    static final String KEYCLOAK_INIT = "keycloak-init";

    private Labels() {
    }

    /** The selector of one of the platform's own services. */
    static Map<String, String> service(String name) {
        return Map.of(NAME, name, "app.kubernetes.io/component", "moderate-dependency");
    }

    static ObjectMetaArgs metadata(String name, String namespace) {
        return ObjectMetaArgs.builder().name(name).namespace(namespace).build();
    }

    /**
     * An object's name from its metadata output: passed where another object names it, so Pulumi orders the
     * two without a hand-written dependsOn.
     */
    static Output<String> nameOf(Output<ObjectMeta> metadata) {
        return metadata.applyValue(m -> m.name().orElseThrow());
    }
}
