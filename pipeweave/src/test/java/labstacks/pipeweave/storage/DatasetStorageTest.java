package labstacks.pipeweave.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.gaul.s3proxy.junit.S3ProxyExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;

/** DatasetStorage against a real S3-compatible server (S3Proxy, in-process on loopback). */
class DatasetStorageTest {

    @RegisterExtension
    static final S3ProxyExtension S3 =
            S3ProxyExtension.builder()
                    .withBlobStoreProvider("transient-nio2")
                    .withCredentials("access", "secret")
                    .build();

    private static final String BUCKET = "pipeweave-datasets-test-unit";

    private final List<DatasetStorage> opened = new ArrayList<>();

    private StorageSettings settings(String bucket, boolean deleteAllowed) {
        return new StorageSettings(
                bucket,
                deleteAllowed,
                Optional.of("us-east-1"),
                Optional.of(S3.getUri()),
                Optional.of(
                        StaticCredentialsProvider.create(
                                AwsBasicCredentials.create("access", "secret"))));
    }

    private DatasetStorage storage(boolean deleteAllowed) {
        var storage =
                DatasetStorage.open(settings(BUCKET, deleteAllowed), DatasetStorage.MIN_PART_SIZE);
        opened.add(storage);
        return storage;
    }

    private static S3Client admin() {
        return S3Client.builder()
                .region(Region.US_EAST_1)
                .endpointOverride(S3.getUri())
                .forcePathStyle(true)
                .credentialsProvider(
                        StaticCredentialsProvider.create(
                                AwsBasicCredentials.create("access", "secret")))
                .build();
    }

    @BeforeEach
    void createVersionedBucket() {
        try (var admin = admin()) {
            admin.createBucket(b -> b.bucket(BUCKET));
            admin.putBucketVersioning(
                    b ->
                            b.bucket(BUCKET)
                                    .versioningConfiguration(
                                            v -> v.status(BucketVersioningStatus.ENABLED)));
        }
    }

    /** A storage on its own client builder, whose requests {@code spy} sees. */
    private DatasetStorage storageSeenBy(ExecutionInterceptor spy) {
        return DatasetStorage.open(
                settings(BUCKET, true),
                DatasetStorage.MIN_PART_SIZE,
                S3AsyncClient.builder().overrideConfiguration(c -> c.addExecutionInterceptor(spy)));
    }

    @AfterEach
    void close() {
        opened.forEach(DatasetStorage::close);
    }

    private static byte[] text(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void uploadsEncryptedAndReadsBack() {
        var storage = storage(true);
        var put = storage.put("runs/2026/sample.csv", text("id,value\n1,2\n"), "text/csv");
        assertEquals(
                Optional.of("AES256"), put.serverSideEncryption(), "every upload asks for SSE-S3");
        assertArrayEquals(text("id,value\n1,2\n"), storage.get("runs/2026/sample.csv"));
    }

    @Test
    void listsByPrefixInKeyOrder() {
        var storage = storage(true);
        storage.put("b/2.txt", text("22"), "text/plain");
        storage.put("a/1.txt", text("1"), "text/plain");
        storage.put("b/1.txt", text("333"), "text/plain");
        assertEquals(
                List.of("a/1.txt", "b/1.txt", "b/2.txt"),
                storage.list("").stream().map(StoredDataset::key).toList());
        var underB = storage.list("b/");
        assertEquals(
                List.of("b/1.txt", "b/2.txt"), underB.stream().map(StoredDataset::key).toList());
        assertEquals(3, underB.get(0).size());
        assertTrue(underB.stream().allMatch(d -> !d.eTag().contains("\"") && !d.eTag().isEmpty()));
    }

    @Test
    void anOverwriteKeepsTheOldVersion() {
        var storage = storage(true);
        var first = storage.put("model.bin", text("v1"), "application/octet-stream");
        var second = storage.put("model.bin", text("v2"), "application/octet-stream");
        assertTrue(
                first.versionId().isPresent() && second.versionId().isPresent(),
                "the bucket is versioned");
        assertNotEquals(first.versionId(), second.versionId());
        assertArrayEquals(text("v2"), storage.get("model.bin"));
        assertArrayEquals(text("v1"), storage.get("model.bin", first.versionId().orElseThrow()));
    }

    @Test
    void aMissingKeyIsANotFoundNamingKeyAndBucket() {
        var error =
                assertThrows(DatasetNotFoundException.class, () -> storage(true).get("nope.csv"));
        assertTrue(error.getMessage().contains("'nope.csv'"), error.getMessage());
        assertTrue(error.getMessage().contains(BUCKET), error.getMessage());
    }

    @Test
    void aMissingBucketSaysSo() {
        try (var storage = DatasetStorage.open(settings("pipeweave-datasets-absent", true))) {
            var error =
                    assertThrows(
                            DatasetNotFoundException.class,
                            () -> storage.put("a", text("x"), "text/plain"));
            assertTrue(
                    error.getMessage().contains("bucket pipeweave-datasets-absent does not exist"),
                    error.getMessage());
        }
    }

    @Test
    void aMalformedBucketNameIsRefusedBeforeAnyRequest() {
        for (var bad :
                List.of(
                        "Pipeweave_Datasets",
                        "ab",
                        "-leading-dash",
                        "a..b",
                        "192.168.1.1",
                        "x".repeat(64))) {
            var error =
                    assertThrows(IllegalArgumentException.class, () -> settings(bad, true), bad);
            assertTrue(
                    error.getMessage().contains("not a valid S3 bucket name"), error.getMessage());
        }
    }

    @Test
    void deletesAreRefusedWhereTheEnvironmentForbidsThem() {
        var production = storage(false);
        production.put("keep.csv", text("k"), "text/csv");
        var error =
                assertThrows(DeleteNotAllowedException.class, () -> production.delete("keep.csv"));
        assertTrue(error.getMessage().contains("not allowed"), error.getMessage());
        assertArrayEquals(text("k"), production.get("keep.csv"), "nothing was deleted");

        var development = storage(true);
        development.delete("keep.csv");
        assertThrows(DatasetNotFoundException.class, () -> development.get("keep.csv"));
    }

    @Test
    void wrongCredentialsAreAccessDenied() {
        var wrong =
                new StorageSettings(
                        BUCKET,
                        true,
                        Optional.of("us-east-1"),
                        Optional.of(S3.getUri()),
                        Optional.of(
                                StaticCredentialsProvider.create(
                                        AwsBasicCredentials.create("access", "not-the-secret"))));
        try (var storage = DatasetStorage.open(wrong)) {
            var error = assertThrows(DatasetStorageException.class, () -> storage.get("x"));
            assertTrue(error.getMessage().contains("access denied"), error.getMessage());
        }
    }

    @TempDir Path temp;

    @Test
    void aFileLargerThanOnePartGoesUpInPartsAndReadsBack() throws IOException {
        var content = StorageFixtures.pseudoRandom(2 * DatasetStorage.MIN_PART_SIZE + 12345, 7);
        var file = temp.resolve("big.bin");
        Files.write(file, content);
        var storage = storage(true);
        var result = storage.upload("runs/big.bin", file, "application/octet-stream");
        assertEquals(3, result.parts(), "two full parts and the rest");
        assertTrue(result.versionId().isPresent(), "the bucket is versioned");
        assertArrayEquals(content, storage.get("runs/big.bin"));
        assertArrayEquals(content, storage.get("runs/big.bin", result.versionId().orElseThrow()));
    }

    @Test
    void aStreamIsReadOnePartAtATime() {
        var size = DatasetStorage.MIN_PART_SIZE * 3L + 1;
        var stream = new StorageFixtures.CountingStream(size, 3);
        var readWhenSent = new ArrayList<Long>();
        var partsSeen = new ArrayList<Integer>();
        // Records, as each part is sent, how far the stream has been read: never more than that
        // part.
        ExecutionInterceptor spy =
                new ExecutionInterceptor() {
                    @Override
                    public void beforeExecution(
                            Context.BeforeExecution context, ExecutionAttributes attributes) {
                        if (context.request() instanceof UploadPartRequest part) {
                            partsSeen.add(part.partNumber());
                            readWhenSent.add(stream.maxRead());
                        }
                    }
                };
        try (var storage = storageSeenBy(spy)) {
            var result = storage.upload("runs/stream.bin", stream, "application/octet-stream");
            assertEquals(4, result.parts());
            assertEquals(List.of(1, 2, 3, 4), partsSeen);
            // The SDK reads a second part before it starts a multipart upload and reads on while it
            // sends:
            // never more than the parts it may buffer ahead of the one it sends.
            for (int i = 0; i < readWhenSent.size(); i++) {
                assertTrue(
                        readWhenSent.get(i)
                                <= (long) (i + 1 + DatasetStorage.BUFFERED_PARTS)
                                        * DatasetStorage.MIN_PART_SIZE,
                        "part "
                                + (i + 1)
                                + " sent after reading "
                                + readWhenSent.get(i)
                                + " bytes");
            }
            assertTrue(
                    readWhenSent.get(0) < size,
                    "the stream was not read whole before the first part went up");
            assertArrayEquals(
                    StorageFixtures.countingBytes(size, 3), storage.get("runs/stream.bin"));
        }
    }

    @Test
    void theEncryptionHeaderGoesOnThePutAndTheCreateCallNotOnParts() throws IOException {
        // S3Proxy reports AES256 whether or not it was asked (audit 2026-11-23, finding 5), so the
        // requests
        // themselves are checked: the header a bucket policy sees, per operation.
        var sent = new ArrayList<String>();
        ExecutionInterceptor spy =
                new ExecutionInterceptor() {
                    @Override
                    public void beforeTransmission(
                            Context.BeforeTransmission context, ExecutionAttributes attributes) {
                        var operation =
                                attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
                        sent.add(
                                operation
                                        + "="
                                        + context.httpRequest()
                                                .firstMatchingHeader("x-amz-server-side-encryption")
                                                .orElse("none"));
                    }
                };
        var file = temp.resolve("two-parts.bin");
        Files.write(file, StorageFixtures.pseudoRandom(DatasetStorage.MIN_PART_SIZE + 1, 3));
        try (var storage = storageSeenBy(spy)) {
            storage.put("one.txt", text("one"), "text/plain");
            storage.upload("two-parts.bin", file, null);
        }
        assertEquals(
                List.of(
                        "PutObject=AES256",
                        "CreateMultipartUpload=AES256",
                        "UploadPart=none",
                        "UploadPart=none",
                        "CompleteMultipartUpload=none"),
                sent);
    }

    @Test
    void smallInputsGoUpInOnePut() throws IOException {
        var storage = storage(true);
        var result =
                storage.upload("small.txt", new ByteArrayInputStream(text("tiny")), "text/plain");
        assertEquals(1, result.parts());
        assertEquals(Optional.of("AES256"), result.serverSideEncryption());
        var file = temp.resolve("empty");
        Files.write(file, new byte[0]);
        assertEquals(1, storage.upload("empty", file, null).parts());
        assertArrayEquals(new byte[0], storage.get("empty"));
    }

    @Test
    void aFailedStreamAbortsTheUploadAndLeavesNothing() {
        var failing = new StorageFixtures.FailingStream(DatasetStorage.MIN_PART_SIZE + 100);
        var storage = storage(true);
        var error =
                assertThrows(
                        UploadAbortedException.class,
                        () ->
                                storage.upload(
                                        "runs/broken.bin", failing, "application/octet-stream"));
        assertTrue(
                error.getMessage()
                        .contains(
                                "upload of 'runs/broken.bin' to "
                                        + BUCKET
                                        + " failed after 1 part(s)"
                                        + " and was aborted"),
                error.getMessage());
        assertTrue(error.getMessage().contains("disk gone"), error.getMessage());
        assertEquals(0, error.getSuppressed().length, "the abort itself succeeded");
        try (var admin = admin()) {
            assertTrue(
                    admin.listMultipartUploads(b -> b.bucket(BUCKET)).uploads().isEmpty(),
                    "no upload left open");
        }
        assertThrows(DatasetNotFoundException.class, () -> storage.get("runs/broken.bin"));
    }

    @Test
    void theHistoryOfAKeyListsEveryVersionNewestFirst() throws InterruptedException {
        var storage = storage(true);
        var first = storage.put("history.csv", text("1"), "text/csv");
        storage.put("history.csv.bak", text("other key, same prefix"), "text/csv");
        Thread.sleep(1100); // S3 timestamps have whole seconds
        var second = storage.put("history.csv", text("22"), "text/csv");
        var versions = storage.versions("history.csv");
        assertEquals(
                List.of(second.versionId().orElseThrow(), first.versionId().orElseThrow()),
                versions.stream().map(DatasetVersion::versionId).toList());
        assertTrue(versions.get(0).latest() && !versions.get(1).latest());
        assertEquals(2, versions.get(0).size());
        assertTrue(
                versions.stream()
                        .allMatch(v -> v.key().equals("history.csv") && !v.deleteMarker()));
        assertArrayEquals(text("1"), storage.get("history.csv", versions.get(1).versionId()));

        var missing =
                assertThrows(
                        DatasetNotFoundException.class,
                        () -> storage.versions("never-written.csv"));
        assertTrue(missing.getMessage().contains("never existed"), missing.getMessage());
    }

    @Test
    void aPartBelowTheS3MinimumIsRefused() {
        var error =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> DatasetStorage.open(settings(BUCKET, true), 1024 * 1024));
        assertTrue(error.getMessage().contains("at least 5242880 bytes"), error.getMessage());
    }
}
