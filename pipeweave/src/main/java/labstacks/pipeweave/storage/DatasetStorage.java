package labstacks.pipeweave.storage;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The PipeWeave backend's access to its dataset bucket. Every upload is encrypted with SSE-S3 (the
 * bucket policy of staging and production refuses anything else), and deletes are refused here, before
 * any request, where the environment forbids them.
 */
public final class DatasetStorage implements AutoCloseable {
    private final S3Client s3;
    private final String bucket;
    private final boolean deleteAllowed;
    private final boolean ownsClient;

    private DatasetStorage(S3Client s3, String bucket, boolean deleteAllowed, boolean ownsClient) {
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.bucket = bucket;
        this.deleteAllowed = deleteAllowed;
        this.ownsClient = ownsClient;
    }

    /** A storage with its own S3 client, built from {@code settings}; close it when done. */
    public static DatasetStorage open(StorageSettings settings) {
        var builder = S3Client.builder();
        settings.region().map(Region::of).ifPresent(builder::region);
        settings.credentials().ifPresent(builder::credentialsProvider);
        settings.endpoint().ifPresent(endpoint -> builder.endpointOverride(endpoint).forcePathStyle(true));
        return new DatasetStorage(builder.build(), settings.bucket(), settings.deleteAllowed(), true);
    }

    /** A storage over a client the caller owns (and closes). */
    public static DatasetStorage over(S3Client s3, StorageSettings settings) {
        return new DatasetStorage(s3, settings.bucket(), settings.deleteAllowed(), false);
    }

    public String bucket() {
        return bucket;
    }

    public boolean deleteAllowed() {
        return deleteAllowed;
    }

    /** Uploads {@code content} under {@code key}, always with {@code x-amz-server-side-encryption: AES256}. */
    public PutResult put(String key, byte[] content, String contentType) {
        checkKey(key);
        try {
            var response = s3.putObject(PutObjectRequest.builder()
                    .bucket(bucket)
                    .key(key)
                    .contentType(contentType)
                    .serverSideEncryption(ServerSideEncryption.AES256)
                    .build(), RequestBody.fromBytes(content));
            return new PutResult(key, Optional.ofNullable(response.versionId()),
                    Optional.ofNullable(response.serverSideEncryptionAsString()));
        } catch (S3Exception e) {
            throw failure("upload", key, e);
        }
    }

    /** The current content of {@code key}. */
    public byte[] get(String key) {
        checkKey(key);
        try {
            return s3.getObjectAsBytes(GetObjectRequest.builder().bucket(bucket).key(key).build()).asByteArray();
        } catch (S3Exception e) {
            throw failure("read", key, e);
        }
    }

    /** The content of one version of {@code key}. */
    public byte[] get(String key, String versionId) {
        checkKey(key);
        try {
            return s3.getObjectAsBytes(GetObjectRequest.builder().bucket(bucket).key(key).versionId(versionId).build())
                    .asByteArray();
        } catch (S3Exception e) {
            throw failure("read version " + versionId + " of", key, e);
        }
    }

    /** Every dataset whose key starts with {@code prefix} (empty for all), in key order. */
    public List<StoredDataset> list(String prefix) {
        var result = new ArrayList<StoredDataset>();
        try {
            for (var page : s3.listObjectsV2Paginator(ListObjectsV2Request.builder().bucket(bucket).prefix(prefix).build())) {
                for (var object : page.contents()) {
                    result.add(new StoredDataset(object.key(), object.size(), object.lastModified(),
                            object.eTag() == null ? "" : object.eTag().replace("\"", "")));
                }
            }
        } catch (S3Exception e) {
            throw failure("list", prefix + "*", e);
        }
        return List.copyOf(result);
    }

    /**
     * Deletes {@code key} (on a versioned bucket this adds a delete marker; older versions stay).
     *
     * @throws DeleteNotAllowedException where the environment forbids deletes; nothing is sent
     */
    public void delete(String key) {
        checkKey(key);
        if (!deleteAllowed) {
            throw new DeleteNotAllowedException("deleting '" + key + "' from " + bucket + " is not allowed in this"
                    + " environment: production datasets are never deleted (pipeweave:allowDelete is false)");
        }
        try {
            s3.deleteObject(b -> b.bucket(bucket).key(key));
        } catch (S3Exception e) {
            throw failure("delete", key, e);
        }
    }

    @Override
    public void close() {
        if (ownsClient) {
            s3.close();
        }
    }

    private static void checkKey(String key) {
        if (key == null || key.isEmpty() || key.length() > 1024) {
            throw new IllegalArgumentException("a dataset key must be 1 to 1024 characters, got "
                    + (key == null ? "null" : key.length() + " characters"));
        }
    }

    private DatasetStorageException failure(String action, String key, S3Exception e) {
        if (e instanceof NoSuchBucketException || "NoSuchBucket".equals(errorCode(e))) {
            return new DatasetNotFoundException("cannot " + action + " '" + key + "': bucket " + bucket
                    + " does not exist (check the pipeweave stack's bucket_name output and the region)", e);
        }
        if (e instanceof NoSuchKeyException || e.statusCode() == 404) {
            return new DatasetNotFoundException("cannot " + action + " '" + key + "': no such dataset in " + bucket, e);
        }
        if (e.statusCode() == 403) {
            return new DatasetStorageException("cannot " + action + " '" + key + "' in " + bucket
                    + ": access denied (" + errorCode(e) + "); the caller needs the pipeweave access role", e);
        }
        return new DatasetStorageException("cannot " + action + " '" + key + "' in " + bucket + ": "
                + errorCode(e) + " (HTTP " + e.statusCode() + ")", e);
    }

    private static String errorCode(S3Exception e) {
        return e.awsErrorDetails() == null ? "unknown error" : e.awsErrorDetails().errorCode();
    }
}
