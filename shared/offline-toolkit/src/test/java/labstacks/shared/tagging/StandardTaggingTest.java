package labstacks.shared.tagging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import labstacks.offline.plan.SampleProgram;
import labstacks.offline.testing.ProgramHarness;
import org.junit.jupiter.api.Test;

/** One stack transformation tags every AWS resource and labels every Kubernetes object. */
class StandardTaggingTest {

    private static ProgramHarness sample() {
        return ProgramHarness.of(new SampleProgram())
                .stack("sample-prod")
                .config("labstacks:environment", "prod")
                .config("labstacks:tags", "{\"cost-center\":\"genomics\"}")
                .secret("sample:token", "t");
    }

    @Test
    void awsResourcesGetTheStandardTagsMergedWithTheirOwn() {
        var run = sample().run().assertSucceeded();
        @SuppressWarnings("unchecked")
        var tags =
                (Map<String, Object>)
                        run.resource("aws:s3/bucketV2:BucketV2", "store").inputs().get("tags");
        assertEquals(
                Map.of(
                        "project", "labstacks",
                        "stack", "sample-prod",
                        "managed-by", "pulumi",
                        "environment", "prod",
                        "system", "sample",
                        "owner", "platform",
                        "cost-center", "genomics",
                        "team", "data"),
                tags,
                "the resource's own tags stay; the standard four cannot be overridden");
        @SuppressWarnings("unchecked")
        var userTags =
                (Map<String, Object>)
                        run.resource("aws:iam/user:User", "robot").inputs().get("tags");
        assertEquals(
                "sample-prod", userTags.get("stack"), "resources that set no tags get them too");
    }

    @Test
    void importedResourcesAreLeftExactlyAsDeclared() {
        var run = sample().run().assertSucceeded();
        // Adding tags to an imported resource would make the import differ from what exists.
        assertNull(run.resource("aws:s3/bucketV2:BucketV2", "legacy").inputs().get("tags"));
    }

    @Test
    void untaggableResourcesAreNotTouched() {
        var run = sample().run().assertSucceeded();
        assertFalse(
                run.resource("aws:iam/accessKey:AccessKey", "robot-key")
                        .inputs()
                        .containsKey("tags"));
    }

    @Test
    void kubernetesObjectsGetTheRecommendedLabels() {
        var run = sample().run().assertSucceeded();
        @SuppressWarnings("unchecked")
        var metadata =
                (Map<String, Object>)
                        run.resource("kubernetes:core/v1:ConfigMap", "settings")
                                .inputs()
                                .get("metadata");
        @SuppressWarnings("unchecked")
        var labels = (Map<String, Object>) metadata.get("labels");
        assertEquals("sample", labels.get("app.kubernetes.io/part-of"));
        assertEquals("sample-prod", labels.get("app.kubernetes.io/instance"));
        assertEquals("pulumi", labels.get("app.kubernetes.io/managed-by"), "managed-by is fixed");
        assertEquals(
                "sample", labels.get("app.kubernetes.io/name"), "the object's own labels stay");
        assertEquals("prod", labels.get("labstacks.dev/environment"));
        assertEquals("genomics", labels.get("labstacks.dev/cost-center"));
        assertEquals("settings", metadata.get("name"));

        @SuppressWarnings("unchecked")
        var namespaceMetadata =
                (Map<String, Object>)
                        run.resource("kubernetes:core/v1:Namespace", "sample")
                                .inputs()
                                .get("metadata");
        @SuppressWarnings("unchecked")
        var namespaceLabels = (Map<String, Object>) namespaceMetadata.get("labels");
        assertEquals(
                "sample-prod",
                namespaceLabels.get("app.kubernetes.io/instance"),
                "objects declared without metadata get labels too");
    }
}
