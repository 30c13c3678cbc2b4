package labstacks.offline.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import labstacks.offline.plan.PlannedResource;
import org.junit.jupiter.api.Test;

/** The validator must reject what the API server would, or the module tests prove nothing. */
class KubernetesSchemaTest {

    private static PlannedResource object(String type, Map<String, Object> inputs) {
        return new PlannedResource(
                "urn:x", type, "x", true, null, null, null, null, "id", inputs, Map.of(), false,
                null, List.of(), List.of(), false, false, List.of(), List.of(), Map.of(), "4.0.0",
                "");
    }

    private static Map<String, Object> deployment(Map<String, Object> container) {
        return Map.of(
                "metadata",
                Map.of("name", "web"),
                "spec",
                Map.of(
                        "selector", Map.of("matchLabels", Map.of("app", "web")),
                        "template",
                                Map.of(
                                        "metadata",
                                        Map.of("labels", Map.of("app", "web")),
                                        "spec",
                                        Map.of("containers", List.of(container)))));
    }

    @Test
    void aValidObjectParsesIntoItsModel() {
        var model =
                KubernetesSchema.validate(
                        object(
                                "kubernetes:apps/v1:Deployment",
                                deployment(Map.of("name", "web", "image", "nginx:1.27"))));
        assertEquals(
                "io.kubernetes.client.openapi.models.V1Deployment", model.getClass().getName());
        assertEquals(
                "v1",
                KubernetesSchema.manifest(object("kubernetes:core/v1:ConfigMap", Map.of()))
                        .get("apiVersion"));
    }

    @Test
    void unknownFieldsMissingRequiredFieldsAndWrongTypesAreRejected() {
        var typo =
                assertThrows(
                        AssertionError.class,
                        () ->
                                KubernetesSchema.validate(
                                        object(
                                                "kubernetes:apps/v1:Deployment",
                                                deployment(
                                                        Map.of(
                                                                "name",
                                                                "web",
                                                                "image",
                                                                "nginx:1.27",
                                                                "imagePullPolice",
                                                                "Always")))));
        assertTrue(typo.getMessage().contains("imagePullPolice"), typo.getMessage());
        var noName =
                assertThrows(
                        AssertionError.class,
                        () ->
                                KubernetesSchema.validate(
                                        object(
                                                "kubernetes:apps/v1:Deployment",
                                                deployment(Map.of("image", "nginx:1.27")))));
        assertTrue(noName.getMessage().contains("`name`"), noName.getMessage());
        assertThrows(
                AssertionError.class,
                () ->
                        KubernetesSchema.validate(
                                object(
                                        "kubernetes:networking.k8s.io/v1:NetworkPolicy",
                                        Map.of(
                                                "metadata",
                                                Map.of("name", "p"),
                                                "spec",
                                                Map.of(
                                                        "podSelector",
                                                        Map.of(),
                                                        "ingres",
                                                        List.of())))));
        assertThrows(
                AssertionError.class,
                () ->
                        KubernetesSchema.validate(
                                object(
                                        "kubernetes:core/v1:Service",
                                        Map.of(
                                                "metadata",
                                                Map.of("name", "s"),
                                                "spec",
                                                Map.of(
                                                        "ports",
                                                        List.of(Map.of("name", "http")))))));
    }
}
