package labstacks.megatests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pulumi.resources.ComponentResourceOptions;
import java.util.List;
import java.util.Map;
import labstacks.offline.plan.PlanValues;
import labstacks.offline.testing.ProgramHarness;
import labstacks.offline.testing.StackRun;
import labstacks.shared.aws.LegacyBucket;
import labstacks.shared.providers.AwsAccess;
import labstacks.shared.providers.AwsProviders;
import org.junit.jupiter.api.Test;

class MegatestsBucketTest {
    private static final String BUCKET = "megatests-component-test";
    private static final String ROOT = "urn:pulumi:test::labstacks::";

    private static StackRun run() {
        return ProgramHarness.component(
                        "bucket",
                        stack -> {
                            var aws =
                                    AwsProviders.create("aws", AwsAccess.defaultChain("eu-west-1"));
                            var bucket =
                                    new MegatestsBucket(
                                            BUCKET,
                                            new MegatestsBucketArgs(BUCKET, aws),
                                            ComponentResourceOptions.Empty);
                            stack.pulumi().export("name", bucket.bucketName());
                            stack.pulumi().export("arn", bucket.bucketArn());
                        })
                .run()
                .assertSucceeded();
    }

    @Test
    void theExistingBucketIsImportedProtectedRetainedAndItsInlineSettingsLeftAlone() {
        var bucket = run().resource("aws:s3/bucket:Bucket", BUCKET);
        assertEquals(BUCKET, bucket.inputs().get("bucket"));
        assertEquals(
                BUCKET,
                bucket.importId(),
                "the import id of aws:s3/bucket:Bucket is the bucket's name");
        assertTrue(bucket.protect(), "data the project did not create");
        assertTrue(bucket.retainOnDelete());
        assertEquals(LegacyBucket.UNMANAGED_PROPERTIES, bucket.ignoreChanges());
        assertEquals("aws", bucket.provider());
        assertEquals(BUCKET, bucket.parent());
        assertTrue(
                bucket.parentUrn().endsWith("::" + MegatestsBucket.TYPE + "::" + BUCKET),
                bucket.parentUrn());
        // nf-core's program kept it at the stack root under its own name.
        assertEquals(List.of(ROOT + "aws:s3/bucket:Bucket::" + BUCKET), bucket.aliases());
    }

    @Test
    void lifecycleAndCorsTakeTheBucketsIdAndKeepThePythonProgramsNames() {
        var run = run();
        var lifecycle =
                run.resource(
                        "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2",
                        BUCKET + "-lifecycle");
        var cors =
                run.resource(
                        "aws:s3/bucketCorsConfigurationV2:BucketCorsConfigurationV2",
                        BUCKET + "-cors");
        for (var child : List.of(lifecycle, cors)) {
            assertEquals(BUCKET, child.inputs().get("bucket"));
            // Ordered after the import by the bucket's id, with no explicit dependsOn.
            assertEquals(List.of(BUCKET), child.dependsOn(), child.name());
            assertEquals(BUCKET, child.parent());
            assertEquals("aws", child.provider());
            assertFalse(child.protect(), "settings this project manages");
            assertEquals(List.of(ROOT + child.type() + "::" + child.name()), child.aliases());
        }
        @SuppressWarnings("unchecked")
        var rules = (List<Map<String, Object>>) PlanValues.reveal(lifecycle.input("rules"));
        assertEquals(
                List.of(
                        "preserve-metadata-files",
                        "cleanup-temporary-files",
                        "cleanup-work-directory",
                        "cleanup-scratch-directory",
                        "cleanup-cache-directories",
                        "cleanup-dot-cache-directories",
                        "cleanup-incomplete-multipart-uploads"),
                rules.stream().map(r -> r.get("id")).toList());
        @SuppressWarnings("unchecked")
        var corsRules = (List<Map<String, Object>>) PlanValues.reveal(cors.input("corsRules"));
        assertEquals(
                List.of("SeqeraDataExplorerAccess", "BrowserDirectAccess"),
                corsRules.stream().map(r -> r.get("id")).toList());
    }

    /** What TowerForgeIam and the megatests_bucket output read: the bucket's own name and ARN. */
    @Test
    void theComponentOutputsTheBucketsNameAndArn() {
        var run = run();
        assertEquals(BUCKET, run.output("name"));
        assertEquals("arn:aws:s3:::" + BUCKET, run.output("arn"));
        assertEquals(
                Map.of("name", BUCKET, "arn", "arn:aws:s3:::" + BUCKET),
                run.resource(MegatestsBucket.TYPE, BUCKET).outputs());
    }

    @Test
    void argsRefuseWhatIsNoBucketName() {
        var run =
                ProgramHarness.component(
                                "bucket",
                                stack ->
                                        new MegatestsBucketArgs(
                                                "Not_A_Bucket",
                                                AwsProviders.create(
                                                        "aws",
                                                        AwsAccess.defaultChain("eu-west-1"))))
                        .run();
        var refused =
                run.exceptions().stream()
                        .filter(e -> e instanceof IllegalArgumentException)
                        .toList();
        assertFalse(refused.isEmpty(), run.exceptions().toString());
        assertTrue(
                refused.get(0).getMessage().startsWith("bucketName Not_A_Bucket: "),
                refused.get(0).getMessage());
        assertTrue(run.resources("aws:s3/bucket:Bucket").isEmpty());
    }
}
