package labstacks.pipeweave.rgw;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Random;
import labstacks.offline.testing.ProgramHarness;
import labstacks.pipeweave.DatasetBucketPolicy;
import labstacks.pipeweave.DatasetEnvironment;
import labstacks.pipeweave.PipeweaveProgram;
import labstacks.pipeweave.StoragePolicy;
import labstacks.pipeweave.storage.DatasetStorage;
import labstacks.pipeweave.storage.DatasetStorageException;
import labstacks.pipeweave.storage.StorageSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * The production stack's planned bucket policy, applied to a bucket of the same name on Ceph RGW, which
 * enforces it for every principal, the bucket owner included (the owner stands in for a same-account admin
 * with {@code s3:*}). The policy text is taken from the plan of {@code Pulumi.pipeweave-production.yaml},
 * not rebuilt here, so what is tested is what would be deployed.
 *
 * <p>What RGW 16 cannot show, and where it is covered instead: bucket default encryption (PutBucketEncryption
 * answers 400 there; the plan test checks the resource), the {@code s3:x-amz-server-side-encryption} and
 * {@code aws:SecureTransport} conditions (RGW does not put these keys into the policy environment;
 * IamPolicySimulationTest evaluates them), the break-glass {@code aws:PrincipalArn} exemption (RGW users are
 * not IAM roles; the plan test and the simulation check it).
 */
@NeedsCephRgw
class ProductionPolicyOnRgwTest {
    private static CephRgw rgw;
    private static S3Client owner;
    private static String bucket;

    @TempDir Path temp;

    @BeforeAll
    static void applyThePlannedProductionPolicy() {
        rgw = CephRgw.shared();
        var plan =
                ProgramHarness.forStackFile(new PipeweaveProgram(), "pipeweave-production")
                        .run()
                        .assertSucceeded();
        bucket = (String) plan.output("bucket_name");
        var policy =
                (String)
                        plan.resource("aws:s3/bucketPolicy:BucketPolicy", "datasets-policy")
                                .inputs()
                                .get("policy");
        owner = rgw.ownerClient();
        owner.createBucket(b -> b.bucket(bucket));
        owner.putBucketVersioning(
                b ->
                        b.bucket(bucket)
                                .versioningConfiguration(
                                        v -> v.status(BucketVersioningStatus.ENABLED)));
        owner.putBucketPolicy(b -> b.bucket(bucket).policy(policy));
    }

    @AfterAll
    static void closeClient() {
        if (owner != null) {
            owner.close();
        }
    }

    private DatasetStorage storage() {
        return DatasetStorage.open(
                new StorageSettings(
                        bucket,
                        false,
                        Optional.of("us-east-1"),
                        Optional.of(rgw.endpoint()),
                        Optional.of(rgw.ownerCredentials())),
                DatasetStorage.MIN_PART_SIZE);
    }

    private static byte[] text(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    private static void assertAccessDenied(Executable call, String what) {
        var error = assertThrows(S3Exception.class, call, what);
        assertEquals(403, error.statusCode(), what + ": " + error.getMessage());
        assertEquals("AccessDenied", error.awsErrorDetails().errorCode(), what);
    }

    @Test
    void aVersionCannotBeDeletedButStaysReadable() {
        try (var storage = storage()) {
            var first =
                    storage.put("guarded/table.csv", text("v1"), "text/csv")
                            .versionId()
                            .orElseThrow();
            storage.put("guarded/table.csv", text("v2"), "text/csv");
            assertAccessDenied(
                    () ->
                            owner.deleteObject(
                                    b ->
                                            b.bucket(bucket)
                                                    .key("guarded/table.csv")
                                                    .versionId(first)),
                    "DeleteObjectVersion by the bucket owner");
            assertArrayEquals(
                    text("v1"),
                    storage.get("guarded/table.csv", first),
                    "the version is still there");
            assertEquals(2, storage.versions("guarded/table.csv").size());
        }
    }

    @Test
    void theBucketAndItsPolicyCannotBeDeleted() {
        assertAccessDenied(() -> owner.deleteBucket(b -> b.bucket(bucket)), "DeleteBucket");
        assertAccessDenied(
                () -> owner.deleteBucketPolicy(b -> b.bucket(bucket)), "DeleteBucketPolicy");
        assertAccessDenied(
                () ->
                        owner.putBucketPolicy(
                                b ->
                                        b.bucket(bucket)
                                                .policy(
                                                        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"*\"},"
                                                                + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::"
                                                                + bucket
                                                                + "/*\"}]}")),
                "PutBucketPolicy");
        assertTrue(
                owner.getBucketPolicy(b -> b.bucket(bucket))
                        .policy()
                        .contains("DenyVersionDeletion"),
                "the guard is still in place");
    }

    @Test
    void aPlainDeleteOnlyAddsAMarker() {
        // s3:DeleteObject is not guarded: on a versioned bucket it hides the key and keeps every
        // version.
        try (var storage = storage()) {
            var version =
                    storage.put("marked.csv", text("kept"), "text/csv").versionId().orElseThrow();
            owner.deleteObject(b -> b.bucket(bucket).key("marked.csv"));
            var history = storage.versions("marked.csv");
            assertTrue(history.get(0).deleteMarker(), history.toString());
            assertArrayEquals(text("kept"), storage.get("marked.csv", version));
        }
    }

    @Test
    void aMultipartUploadOfMoreThanOnePartSucceeds() throws IOException {
        var content = new byte[2 * DatasetStorage.MIN_PART_SIZE + 4321];
        new Random(15).nextBytes(content);
        var file = temp.resolve("dataset.bin");
        Files.write(file, content);
        try (var storage = storage()) {
            var result = storage.upload("large/dataset.bin", file, "application/octet-stream");
            assertEquals(3, result.parts());
            assertArrayEquals(content, storage.get("large/dataset.bin"));
            assertArrayEquals(
                    content, storage.get("large/dataset.bin", result.versionId().orElseThrow()));
        }
    }

    @Test
    void uploadsWithoutTheHeaderOrWithAes256AreAllowed() {
        // What the encryption statement must let through: a PUT without the header (the bucket
        // default
        // encrypts it) and one that names AES256. That another algorithm is denied cannot be shown
        // here:
        // RGW 16 puts no s3:x-amz-server-side-encryption key into the policy environment (ceph/ceph
        // src/rgw/rgw_op.cc, rgw_build_iam_environment, pacific), so IamPolicySimulationTest covers
        // it.
        owner.putObject(
                b -> b.bucket(bucket).key("plain.txt"), RequestBody.fromString("no header"));
        owner.putObject(
                b ->
                        b.bucket(bucket)
                                .key("aes.txt")
                                .serverSideEncryption(ServerSideEncryption.AES256),
                RequestBody.fromString("AES256"));
        assertEquals(
                "no header",
                owner.getObjectAsBytes(b -> b.bucket(bucket).key("plain.txt")).asUtf8String());
        assertEquals(
                "AES256",
                owner.getObjectAsBytes(b -> b.bucket(bucket).key("aes.txt")).asUtf8String());
    }

    @Test
    void stagingHasNoDeleteGuard() {
        // The same server, the planned staging policy: the owner may delete a version there.
        var staging = "pipeweave-staging-" + Long.toHexString(System.nanoTime());
        owner.createBucket(b -> b.bucket(staging));
        owner.putBucketVersioning(
                b ->
                        b.bucket(staging)
                                .versioningConfiguration(
                                        v -> v.status(BucketVersioningStatus.ENABLED)));
        owner.putBucketPolicy(
                b ->
                        b.bucket(staging)
                                .policy(
                                        DatasetBucketPolicy.document(
                                                "arn:aws:s3:::" + staging,
                                                StoragePolicy.defaultsFor(
                                                        DatasetEnvironment.STAGING))));
        var version =
                owner.putObject(b -> b.bucket(staging).key("x"), RequestBody.fromString("x"))
                        .versionId();
        owner.deleteObject(b -> b.bucket(staging).key("x").versionId(version));
        assertTrue(owner.listObjectVersions(b -> b.bucket(staging)).versions().isEmpty());
    }

    @Test
    void anotherUserIsDeniedAndTheErrorSaysSo() {
        try (var storage = storage()) {
            storage.put("private.csv", text("x"), "text/csv");
        }
        try (var stranger =
                DatasetStorage.open(
                        new StorageSettings(
                                bucket,
                                false,
                                Optional.of("us-east-1"),
                                Optional.of(rgw.endpoint()),
                                Optional.of(
                                        rgw.credentials(
                                                CephRgw.OTHER_KEY, CephRgw.OTHER_SECRET))))) {
            var error =
                    assertThrows(DatasetStorageException.class, () -> stranger.get("private.csv"));
            assertTrue(
                    error.getMessage()
                            .contains("cannot read 'private.csv' in " + bucket + ": access denied"),
                    error.getMessage());
        }
    }
}
