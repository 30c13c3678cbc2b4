package labstacks.pipeweave.storage;

import org.gaul.s3proxy.junit.S3ProxyExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** DatasetStorage against a real S3-compatible server (S3Proxy, in-process on loopback). */
class DatasetStorageTest {

    @RegisterExtension
    static final S3ProxyExtension S3 = S3ProxyExtension.builder()
            .withBlobStoreProvider("transient-nio2")
            .withCredentials("access", "secret")
            .build();

    private static final String BUCKET = "pipeweave-datasets-test-unit";

    private final java.util.List<DatasetStorage> opened = new java.util.ArrayList<>();

    private StorageSettings settings(String bucket, boolean deleteAllowed) {
        return new StorageSettings(bucket, deleteAllowed, Optional.of("us-east-1"), Optional.of(S3.getUri()),
                Optional.of(StaticCredentialsProvider.create(AwsBasicCredentials.create("access", "secret"))));
    }

    private DatasetStorage storage(boolean deleteAllowed) {
        var storage = DatasetStorage.open(settings(BUCKET, deleteAllowed));
        opened.add(storage);
        return storage;
    }

    @BeforeEach
    void createVersionedBucket() {
        try (var admin = S3Client.builder()
                .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .endpointOverride(S3.getUri()).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("access", "secret")))
                .build()) {
            admin.createBucket(b -> b.bucket(BUCKET));
            admin.putBucketVersioning(b -> b.bucket(BUCKET)
                    .versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
        }
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
        assertEquals(Optional.of("AES256"), put.serverSideEncryption(), "every upload asks for SSE-S3");
        assertArrayEquals(text("id,value\n1,2\n"), storage.get("runs/2026/sample.csv"));
    }

    @Test
    void listsByPrefixInKeyOrder() {
        var storage = storage(true);
        storage.put("b/2.txt", text("22"), "text/plain");
        storage.put("a/1.txt", text("1"), "text/plain");
        storage.put("b/1.txt", text("333"), "text/plain");
        assertEquals(List.of("a/1.txt", "b/1.txt", "b/2.txt"), storage.list("").stream().map(StoredDataset::key).toList());
        var underB = storage.list("b/");
        assertEquals(List.of("b/1.txt", "b/2.txt"), underB.stream().map(StoredDataset::key).toList());
        assertEquals(3, underB.get(0).size());
        assertTrue(underB.stream().allMatch(d -> !d.eTag().contains("\"") && !d.eTag().isEmpty()));
    }

    @Test
    void anOverwriteKeepsTheOldVersion() {
        var storage = storage(true);
        var first = storage.put("model.bin", text("v1"), "application/octet-stream");
        var second = storage.put("model.bin", text("v2"), "application/octet-stream");
        assertTrue(first.versionId().isPresent() && second.versionId().isPresent(), "the bucket is versioned");
        assertNotEquals(first.versionId(), second.versionId());
        assertArrayEquals(text("v2"), storage.get("model.bin"));
        assertArrayEquals(text("v1"), storage.get("model.bin", first.versionId().orElseThrow()));
    }

    @Test
    void aMissingKeyIsANotFoundNamingKeyAndBucket() {
        var error = assertThrows(DatasetNotFoundException.class, () -> storage(true).get("nope.csv"));
        assertTrue(error.getMessage().contains("'nope.csv'"), error.getMessage());
        assertTrue(error.getMessage().contains(BUCKET), error.getMessage());
    }

    @Test
    void aMissingBucketSaysSo() {
        try (var storage = DatasetStorage.open(settings("pipeweave-datasets-absent", true))) {
            var error = assertThrows(DatasetNotFoundException.class, () -> storage.put("a", text("x"), "text/plain"));
            assertTrue(error.getMessage().contains("bucket pipeweave-datasets-absent does not exist"), error.getMessage());
        }
    }

    @Test
    void aMalformedBucketNameIsRefusedBeforeAnyRequest() {
        for (var bad : List.of("Pipeweave_Datasets", "ab", "-leading-dash", "a..b", "192.168.1.1", "x".repeat(64))) {
            var error = assertThrows(IllegalArgumentException.class, () -> settings(bad, true), bad);
            assertTrue(error.getMessage().contains("not a valid S3 bucket name"), error.getMessage());
        }
    }

    @Test
    void deletesAreRefusedWhereTheEnvironmentForbidsThem() {
        var production = storage(false);
        production.put("keep.csv", text("k"), "text/csv");
        var error = assertThrows(DeleteNotAllowedException.class, () -> production.delete("keep.csv"));
        assertTrue(error.getMessage().contains("not allowed"), error.getMessage());
        assertArrayEquals(text("k"), production.get("keep.csv"), "nothing was deleted");

        var development = storage(true);
        development.delete("keep.csv");
        assertThrows(DatasetNotFoundException.class, () -> development.get("keep.csv"));
    }

    @Test
    void wrongCredentialsAreAccessDenied() {
        var wrong = new StorageSettings(BUCKET, true, Optional.of("us-east-1"), Optional.of(S3.getUri()),
                Optional.of(StaticCredentialsProvider.create(AwsBasicCredentials.create("access", "not-the-secret"))));
        try (var storage = DatasetStorage.open(wrong)) {
            var error = assertThrows(DatasetStorageException.class, () -> storage.get("x"));
            assertTrue(error.getMessage().contains("access denied"), error.getMessage());
        }
    }
}
