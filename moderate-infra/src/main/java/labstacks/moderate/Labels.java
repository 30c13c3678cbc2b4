package labstacks.moderate;

import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import java.util.Map;
import labstacks.constructs.kubernetes.ObjectMetadata;

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

    private Labels() {}

    /** The selector of one of the platform's own services. */
    static Map<String, String> service(String name) {
        return Map.of(NAME, name, "app.kubernetes.io/component", "moderate-dependency");
    }

    static ObjectMetaArgs metadata(String name, String namespace) {
        return ObjectMetadata.of(name, namespace, Map.of());
    }
}
