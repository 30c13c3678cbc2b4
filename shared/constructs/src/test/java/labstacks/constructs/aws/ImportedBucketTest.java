package labstacks.constructs.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pulumi.resources.ComponentResourceOptions;
import java.util.List;
import java.util.function.UnaryOperator;
import labstacks.offline.check.PlanCheck;
import labstacks.offline.check.Violation;
import labstacks.offline.testing.ProgramHarness;
import labstacks.offline.testing.StackRun;
import labstacks.shared.aws.LegacyBucket;
import labstacks.shared.providers.AwsAccess;
import labstacks.shared.providers.AwsProviders;
import org.junit.jupiter.api.Test;

class ImportedBucketTest {
    private static final String BUCKET = "someone-elses-data";
    private static final String ROOT = "urn:pulumi:test::labstacks::";

    private static StackRun run(UnaryOperator<ImportedBucketArgs.Builder> caller) {
        return ProgramHarness.component(
                        "imported",
                        stack -> {
                            var aws =
                                    AwsProviders.create("aws", AwsAccess.defaultChain("eu-west-1"));
                            var bucket =
                                    new ImportedBucket(
                                            "tracked",
                                            caller.apply(
                                                            ImportedBucketArgs.builder()
                                                                    .bucketName(BUCKET)
                                                                    .provider(aws))
                                                    .build(),
                                            ComponentResourceOptions.Empty);
                            stack.pulumi().export("name", bucket.bucketName());
                        })
                .run()
                .assertSucceeded();
    }

    private static List<String> violatedRules(StackRun run) {
        return PlanCheck.run(run.plan(), List.of()).violations().stream()
                .map(Violation::rule)
                .distinct()
                .toList();
    }

    @Test
    void byDefaultTheBucketIsImportedByNameProtectedRetainedAndNoneOfItsSettingsWritten() {
        var run = run(args -> args);
        var bucket = run.resource(ImportedBucket.BUCKET_TYPE, BUCKET);
        assertEquals(BUCKET, bucket.inputs().get("bucket"));
        assertEquals(
                BUCKET,
                bucket.importId(),
                "the import id of aws:s3/bucket:Bucket is the bucket's name");
        assertTrue(bucket.protect());
        assertTrue(bucket.retainOnDelete());
        assertEquals(LegacyBucket.UNMANAGED_PROPERTIES, bucket.ignoreChanges());
        assertEquals("aws", bucket.provider());
        assertTrue(
                bucket.parentUrn().endsWith("::" + ImportedBucket.TYPE + "::tracked"),
                bucket.parentUrn());
        assertEquals(List.of(), bucket.aliases());
        assertTrue(run.resources(ImportedBucket.VERSIONING_TYPE).isEmpty());
        assertTrue(run.resources(ImportedBucket.PUBLIC_ACCESS_BLOCK_TYPE).isEmpty());
        assertEquals(BUCKET, run.output("name"));
    }

    @Test
    void versioningAndPublicAccessBlockAreImportedTheSameWayAfterTheBucket() {
        var run = run(args -> args.importVersioning(true).importPublicAccessBlock(true));
        var versioning = run.resource(ImportedBucket.VERSIONING_TYPE, BUCKET + "-versioning");
        var block =
                run.resource(ImportedBucket.PUBLIC_ACCESS_BLOCK_TYPE, BUCKET + "-public-access");
        assertEquals(ImportedBucket.VERSIONING_UNMANAGED_PROPERTIES, versioning.ignoreChanges());
        assertEquals(
                ImportedBucket.PUBLIC_ACCESS_BLOCK_UNMANAGED_PROPERTIES, block.ignoreChanges());
        for (var child : List.of(versioning, block)) {
            assertEquals(BUCKET, child.importId(), child.name());
            assertEquals(BUCKET, child.inputs().get("bucket"), child.name());
            assertTrue(child.protect() && child.retainOnDelete(), child.name());
            assertEquals(List.of(BUCKET), child.dependsOn(), child.name());
        }
    }

    /**
     * Every rule of {@code ./labstacks check}, which also holds each ignored name against the SDK's own
     * properties ({@code pulumi-ignore-changes-real}): a misspelled name there would ignore nothing.
     */
    @Test
    void everyCheckRulePassesAndAnUnprotectedImportOrAMisspelledNameIsReported() {
        assertEquals(
                List.of(),
                violatedRules(
                        run(args -> args.importVersioning(true).importPublicAccessBlock(true))));
        assertEquals(
                List.of("pulumi-import-protected"),
                violatedRules(run(args -> args.protect(false))));
        assertEquals(
                List.of("pulumi-ignore-changes-real"),
                violatedRules(run(args -> args.ignoreChanges(List.of("corsRule")))));
    }

    @Test
    void resourcesFormerlyAtTheStackRootAnswerToTheirRootUrns() {
        var run =
                run(
                        args ->
                                args.importVersioning(true)
                                        .importPublicAccessBlock(true)
                                        .formerlyAtStackRoot(true));
        for (var type :
                List.of(
                        ImportedBucket.BUCKET_TYPE,
                        ImportedBucket.VERSIONING_TYPE,
                        ImportedBucket.PUBLIC_ACCESS_BLOCK_TYPE)) {
            var child = run.resources(type).get(0);
            assertEquals(List.of(ROOT + type + "::" + child.name()), child.aliases(), type);
        }
    }

    @Test
    void aNameThatIsNoBucketNameIsRefusedBeforeAnythingRegisters() {
        var error =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> ImportedBucketArgs.builder().bucketName("Not_A_Bucket").build());
        assertTrue(error.getMessage().contains("Not_A_Bucket"), error.getMessage());
    }
}
