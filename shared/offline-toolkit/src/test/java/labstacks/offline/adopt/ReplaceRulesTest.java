package labstacks.offline.adopt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import labstacks.offline.plan.PlanValues;
import labstacks.offline.plan.PlannedResource;
import org.junit.jupiter.api.Test;

/**
 * Kubernetes force-new paths (pulumi-kubernetes v4 provider/pkg/provider/diff.go, forceNewProperties) and
 * the comparison rules: a planned value against the state's old inputs, a secret never counted as equal.
 */
class ReplaceRulesTest {

    private static PlannedResource planned(String type, Map<String, Object> inputs) {
        return new PlannedResource(
                "urn:pulumi:s::p::" + type + "::x",
                type,
                "x",
                true,
                null,
                null,
                null,
                null,
                "ns/x",
                inputs,
                Map.of(),
                false,
                null,
                List.of(),
                List.of(),
                false,
                false,
                List.of(),
                List.of(),
                Map.of(),
                "",
                "");
    }

    private static StateExport.StateResource state(String type, Map<String, Object> inputs) {
        return new StateExport.StateResource(
                "urn:pulumi:s::p::" + type + "::x",
                type,
                true,
                "ns/x",
                null,
                null,
                null,
                false,
                inputs,
                Map.of("status", Map.of()));
    }

    private static List<String> reasons(
            String type, Map<String, Object> planned, Map<String, Object> old) {
        var reasons = new ArrayList<String>();
        var uncompared = new ArrayList<Adoption.Uncompared>();
        Adoption.replaceReasons(
                planned(type, planned), state(type, old), Set.of(), reasons, uncompared);
        uncompared.forEach(u -> reasons.add("uncompared " + u.path()));
        return reasons;
    }

    private static Map<String, Object> spec(Object... keysAndValues) {
        var spec = new LinkedHashMap<String, Object>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            spec.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return Map.of("metadata", Map.of("name", "x", "namespace", "ns"), "spec", spec);
    }

    @Test
    void statefulSetServiceNameSelectorAndClaimTemplatesReplace() {
        var type = "kubernetes:apps/v1:StatefulSet";
        assertEquals(
                List.of("spec.serviceName: \"db\" in the state, \"db-headless\" planned"),
                reasons(type, spec("serviceName", "db-headless"), spec("serviceName", "db")));
        assertEquals(
                1,
                reasons(
                                type,
                                spec("selector", Map.of("matchLabels", Map.of("app", "b"))),
                                spec("selector", Map.of("matchLabels", Map.of("app", "a"))))
                        .size());
        assertEquals(
                List.of(),
                reasons(type, spec("replicas", 3), spec("replicas", 1)),
                "scaling is an update");
    }

    @Test
    void aClaimsStorageClassReplacesItsSizeDoesNot() {
        var type = "kubernetes:core/v1:PersistentVolumeClaim";
        assertEquals(
                1,
                reasons(
                                type,
                                spec("storageClassName", "fast"),
                                spec("storageClassName", "standard"))
                        .size());
        assertEquals(
                List.of(),
                reasons(
                        type,
                        spec("resources", Map.of("requests", Map.of("storage", "10Gi"))),
                        spec("resources", Map.of("requests", Map.of("storage", "5Gi")))),
                "v4 resizes a claim in place");
    }

    @Test
    void aServicesClusterIpReplacesAndItsTypeIsAnUpdate() {
        var type = "kubernetes:core/v1:Service";
        assertEquals(
                1, reasons(type, spec("clusterIP", "None"), spec("clusterIP", "10.0.0.7")).size());
        // pulumi-kubernetes v4.0.0 diff.go: .spec.clusterIP is force-new, .spec.type is not.
        assertEquals(
                List.of(), reasons(type, spec("type", "ExternalName"), spec("type", "ClusterIP")));
        assertEquals(
                List.of(),
                reasons(type, spec("type", "NodePort"), spec("type", "ClusterIP")),
                "NodePort is an update");
    }

    @Test
    void aSecretsOrConfigMapsContentReplacesIt() {
        var metadata = Map.<String, Object>of("name", "x", "namespace", "ns");
        assertEquals(
                1,
                reasons(
                                "kubernetes:core/v1:ConfigMap",
                                Map.of("metadata", metadata, "data", Map.of("A", "2")),
                                Map.of("metadata", metadata, "data", Map.of("A", "1")))
                        .size());
        assertEquals(
                1,
                reasons(
                                "kubernetes:core/v1:Secret",
                                Map.of("metadata", metadata, "stringData", Map.of("A", "2")),
                                Map.of("metadata", metadata, "stringData", Map.of("A", "1")))
                        .size());
        assertEquals(
                List.of(),
                reasons(
                        "kubernetes:core/v1:ConfigMap",
                        Map.of(
                                "metadata",
                                Map.of("name", "x", "namespace", "ns", "labels", Map.of("a", "b")),
                                "data",
                                Map.of("A", "1")),
                        Map.of("metadata", metadata, "data", Map.of("A", "1"))),
                "a label is an update");
    }

    @Test
    void aJobsTemplateReplacesAndTheNamespaceAlways() {
        assertEquals(
                1,
                reasons(
                                "kubernetes:batch/v1:Job",
                                spec("template", Map.of("spec", Map.of("restartPolicy", "Never"))),
                                spec(
                                        "template",
                                        Map.of("spec", Map.of("restartPolicy", "OnFailure"))))
                        .size());
        var moved = Map.<String, Object>of("metadata", Map.of("name", "x", "namespace", "other"));
        assertEquals(
                List.of("metadata.namespace: \"ns\" in the state, \"other\" planned"),
                reasons(
                        "kubernetes:core/v1:ConfigMap",
                        moved,
                        Map.of("metadata", Map.of("name", "x", "namespace", "ns"))));
    }

    @Test
    void aSecretIsNeverEqualUnlessItCanBeCompared() {
        var type = "aws:s3/bucketV2:BucketV2";
        var reasons = new ArrayList<String>();
        var uncompared = new ArrayList<Adoption.Uncompared>();
        Adoption.replaceReasons(
                planned(type, Map.of("bucket", "b")),
                new StateExport.StateResource(
                        "u",
                        type,
                        true,
                        "b",
                        null,
                        null,
                        null,
                        false,
                        Map.of(),
                        Map.of("bucket", StateExport.Secret.VALUE)),
                Set.of(),
                reasons,
                uncompared);
        assertEquals(List.of(), reasons);
        assertEquals("bucket", uncompared.get(0).path());

        reasons.clear();
        uncompared.clear();
        Adoption.replaceReasons(
                planned(type, Map.of("bucket", new PlanValues.Secret(PlanValues.Unknown.VALUE))),
                new StateExport.StateResource(
                        "u",
                        type,
                        true,
                        "b",
                        null,
                        null,
                        null,
                        false,
                        Map.of(),
                        Map.of("bucket", "b")),
                Set.of(),
                reasons,
                uncompared);
        assertEquals(List.of(), reasons);
        assertEquals(
                1,
                uncompared.size(),
                "a secret known only at deploy time cannot be compared either");
    }

    @Test
    void onlyNamesTheOfflineRunInventsAreLeftUncompared() {
        var type = "aws:s3/bucketV2:BucketV2";
        var reasons = new ArrayList<String>();
        Adoption.replaceReasons(
                planned(type, Map.of("bucket", "x-1a2b3c4")),
                new StateExport.StateResource(
                        "u",
                        type,
                        true,
                        "b",
                        null,
                        null,
                        null,
                        false,
                        Map.of(),
                        Map.of("bucket", "live-7")),
                Set.of("x-1a2b3c4"),
                reasons,
                new ArrayList<>());
        assertEquals(List.of(), reasons, "an auto-name is random under the engine");
        Adoption.replaceReasons(
                planned(type, Map.of("bucket", "named")),
                new StateExport.StateResource(
                        "u",
                        type,
                        true,
                        "b",
                        null,
                        null,
                        null,
                        false,
                        Map.of(),
                        Map.of("bucket", "old")),
                Set.of("x-1a2b3c4"),
                reasons,
                new ArrayList<>());
        assertEquals(List.of("bucket: \"old\" in the state, \"named\" planned"), reasons);
    }
}
