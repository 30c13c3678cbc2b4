package labstacks.pipeweave.storage;

import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The PipeWeave backend's access to its dataset bucket. Every upload asks for SSE-S3 (AES256), the one
 * encryption the bucket policy of staging and production lets a request name; large inputs go up as a
 * multipart upload streamed one part at a time, so memory stays at one part whatever the size. Deletes are
 * refused here, before any request, where the environment forbids them.
 */
public final class DatasetStorage implements AutoCloseable {
    /** The smallest part S3 accepts (every part but the last). */
    public static final int MIN_PART_SIZE = 5 * 1024 * 1024;
    /** The part size unless a caller chooses one: inputs up to this size go up in one PUT. */
    public static final int DEFAULT_PART_SIZE = 16 * 1024 * 1024;
    /** S3's limit on the parts of one upload. */
    public static final int MAX_PARTS = 10_000;

    private final S3Client s3;
    private final String bucket;
    private final boolean deleteAllowed;
    private final boolean ownsClient;
    private final int partSize;
    private final boolean partChecksums;

    private DatasetStorage(S3Client s3, StorageSettings settings, boolean ownsClient, int partSize) {
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.bucket = settings.bucket();
        this.deleteAllowed = settings.deleteAllowed();
        this.ownsClient = ownsClient;
        if (partSize < MIN_PART_SIZE) {
            throw new IllegalArgumentException("a part must be at least " + MIN_PART_SIZE + " bytes (S3's minimum),"
                    + " got " + partSize);
        }
        this.partSize = partSize;
        // On AWS every part carries a CRC32 that CompleteMultipartUpload checks again. S3-compatible servers
        // get no flexible checksums at all: Ceph RGW 16 rejects the SDK's aws-chunked trailers.
        this.partChecksums = settings.endpoint().isEmpty();
    }

    /** A storage with its own S3 client, built from {@code settings}; close it when done. */
    public static DatasetStorage open(StorageSettings settings) {
        return open(settings, DEFAULT_PART_SIZE);
    }

    /** As {@link #open(StorageSettings)}, with parts of {@code partSize} bytes (at least {@link #MIN_PART_SIZE}). */
    public static DatasetStorage open(StorageSettings settings, int partSize) {
        var builder = S3Client.builder();
        settings.region().map(Region::of).ifPresent(builder::region);
        settings.credentials().ifPresent(builder::credentialsProvider);
        settings.endpoint().ifPresent(endpoint -> builder.endpointOverride(endpoint).forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED));
        var client = builder.build();
        try {
            return new DatasetStorage(client, settings, true, partSize);
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    /** A storage over a client the caller owns (and closes). */
    public static DatasetStorage over(S3Client s3, StorageSettings settings) {
        return over(s3, settings, DEFAULT_PART_SIZE);
    }

    /** As {@link #over(S3Client, StorageSettings)}, with parts of {@code partSize} bytes. */
    public static DatasetStorage over(S3Client s3, StorageSettings settings, int partSize) {
        return new DatasetStorage(s3, settings, false, partSize);
    }

    public String bucket() {
        return bucket;
    }

    public boolean deleteAllowed() {
        return deleteAllowed;
    }

    public int partSize() {
        return partSize;
    }

    /** Uploads {@code content} under {@code key} in one PUT, always with {@code x-amz-server-side-encryption: AES256}. */
    public PutResult put(String key, byte[] content, String contentType) {
        checkKey(key);
        Objects.requireNonNull(content, "content");
        return putWhole(key, content, content.length, contentType);
    }

    /**
     * Uploads the file at {@code file} under {@code key}: one PUT up to the part size, a multipart upload
     * above it (parts grow beyond the part size only to stay within {@link #MAX_PARTS}).
     *
     * @throws UploadAbortedException when a multipart upload fails after it started; it is aborted
     */
    public PutResult upload(String key, Path file, String contentType) {
        checkKey(key);
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new DatasetStorageException("cannot upload '" + key + "': cannot read " + file + ": " + e, e);
        }
        var parts = Math.max(partSize, ceilDiv(size, MAX_PARTS));
        if (parts > Integer.MAX_VALUE - 8) {
            throw new DatasetStorageException("cannot upload '" + key + "': " + file + " (" + size
                    + " bytes) is larger than S3 allows in one object");
        }
        try (var in = Files.newInputStream(file)) {
            if (size <= partSize) {
                var content = in.readNBytes((int) size);
                return putWhole(key, content, content.length, contentType);
            }
            return upload(key, in, contentType, (int) parts, file.toString());
        } catch (IOException e) {
            throw new DatasetStorageException("cannot upload '" + key + "': cannot read " + file + ": " + e, e);
        }
    }

    /**
     * Uploads everything {@code content} yields under {@code key}, reading one part at a time: one PUT when
     * the stream ends within the first part, a multipart upload otherwise. The stream is not closed.
     *
     * @throws UploadAbortedException when a multipart upload fails after it started (including a failed
     *                                read of {@code content}); it is aborted
     */
    public PutResult upload(String key, InputStream content, String contentType) {
        checkKey(key);
        return upload(key, content, contentType, partSize, "the stream");
    }

    private PutResult upload(String key, InputStream content, String contentType, int size, String source) {
        Objects.requireNonNull(content, "content");
        var buffer = new byte[size];
        int first;
        try {
            first = content.readNBytes(buffer, 0, size);
        } catch (IOException e) {
            throw new DatasetStorageException("cannot upload '" + key + "': cannot read " + source + ": " + e, e);
        }
        if (first < size || atEnd(content, key, source)) {
            return putWhole(key, buffer, first, contentType);
        }
        return multipart(key, content, contentType, buffer, source);
    }

    private static boolean atEnd(InputStream content, String key, String source) {
        // One byte ahead decides between one PUT and a multipart upload without holding two parts.
        if (!content.markSupported()) {
            return false;
        }
        try {
            content.mark(1);
            var next = content.read();
            content.reset();
            return next < 0;
        } catch (IOException e) {
            throw new DatasetStorageException("cannot upload '" + key + "': cannot read " + source + ": " + e, e);
        }
    }

    private PutResult putWhole(String key, byte[] content, int length, String contentType) {
        try {
            var response = s3.putObject(PutObjectRequest.builder()
                    .bucket(bucket)
                    .key(key)
                    .contentType(contentTypeOf(contentType))
                    .serverSideEncryption(ServerSideEncryption.AES256)
                    .build(), RequestBody.fromContentProvider(() -> new ByteArrayInputStream(content, 0, length),
                    length, contentTypeOf(contentType)));
            return new PutResult(key, Optional.ofNullable(response.versionId()),
                    Optional.ofNullable(response.serverSideEncryptionAsString()), 1);
        } catch (S3Exception e) {
            throw failure("upload", key, e);
        }
    }

    private PutResult multipart(String key, InputStream content, String contentType, byte[] buffer, String source) {
        String uploadId;
        try {
            // The encryption is named on the create call; S3 applies it to every part, which carry no header.
            var create = software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest.builder()
                    .bucket(bucket).key(key)
                    .contentType(contentTypeOf(contentType))
                    .serverSideEncryption(ServerSideEncryption.AES256);
            if (partChecksums) {
                create.checksumAlgorithm(ChecksumAlgorithm.CRC32);
            }
            uploadId = s3.createMultipartUpload(create.build()).uploadId();
        } catch (S3Exception e) {
            throw failure("start the upload of", key, e);
        }
        var completed = new ArrayList<CompletedPart>();
        var length = buffer.length;
        try {
            while (length > 0) {
                var number = completed.size() + 1;
                if (number > MAX_PARTS) {
                    throw new DatasetStorageException(source + " is longer than " + MAX_PARTS + " parts of "
                            + buffer.length + " bytes; upload a file (the part size grows with it) or choose a larger"
                            + " part size");
                }
                var part = software.amazon.awssdk.services.s3.model.UploadPartRequest.builder()
                        .bucket(bucket).key(key).uploadId(uploadId).partNumber(number);
                if (partChecksums) {
                    part.checksumAlgorithm(ChecksumAlgorithm.CRC32);
                }
                var size = length;
                var response = s3.uploadPart(part.build(),
                        RequestBody.fromContentProvider(() -> new ByteArrayInputStream(buffer, 0, size), size,
                                contentTypeOf(contentType)));
                completed.add(CompletedPart.builder().partNumber(number).eTag(response.eTag())
                        .checksumCRC32(response.checksumCRC32()).build());
                length = readPart(content, buffer, source);
            }
            var response = s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(completed)));
            return new PutResult(key, Optional.ofNullable(response.versionId()),
                    Optional.ofNullable(response.serverSideEncryptionAsString()), completed.size());
        } catch (RuntimeException | IOException e) {
            var reason = e instanceof S3Exception s3e ? failure("upload", key, s3e).getMessage() : e.getMessage();
            var aborted = new UploadAbortedException("upload of '" + key + "' to " + bucket + " failed after "
                    + completed.size() + " part(s) and was aborted: " + reason, e);
            try {
                s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
            } catch (SdkException abortFailure) {
                aborted.addSuppressed(abortFailure);
            }
            throw aborted;
        }
    }

    private static int readPart(InputStream content, byte[] buffer, String source) throws IOException {
        try {
            return content.readNBytes(buffer, 0, buffer.length);
        } catch (IOException e) {
            throw new IOException("cannot read " + source + ": " + e.getMessage(), e);
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

    /**
     * Every version of {@code key}, newest first, delete markers included (the history of one dataset).
     *
     * @throws DatasetNotFoundException when the key never existed
     */
    public List<DatasetVersion> versions(String key) {
        checkKey(key);
        var result = new ArrayList<DatasetVersion>();
        try {
            for (var page : s3.listObjectVersionsPaginator(ListObjectVersionsRequest.builder().bucket(bucket)
                    .prefix(key).build())) {
                for (var version : page.versions()) {
                    if (version.key().equals(key)) {
                        result.add(new DatasetVersion(key, version.versionId(), version.size(), version.lastModified(),
                                Boolean.TRUE.equals(version.isLatest()), false,
                                Optional.ofNullable(version.eTag()).map(t -> t.replace("\"", ""))));
                    }
                }
                for (var marker : page.deleteMarkers()) {
                    if (marker.key().equals(key)) {
                        result.add(new DatasetVersion(key, marker.versionId(), 0, marker.lastModified(),
                                Boolean.TRUE.equals(marker.isLatest()), true, Optional.empty()));
                    }
                }
            }
        } catch (S3Exception e) {
            throw failure("list the versions of", key, e);
        }
        if (result.isEmpty()) {
            throw new DatasetNotFoundException("'" + key + "' has no versions in " + bucket + ": it never existed", null);
        }
        // Newest first; the current version leads when two share a timestamp (S3 stores whole seconds).
        result.sort(Comparator.comparing(DatasetVersion::lastModified).reversed()
                .thenComparing(v -> !v.latest()));
        return List.copyOf(result);
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

    private static String contentTypeOf(String contentType) {
        return contentType == null || contentType.isBlank() ? "application/octet-stream" : contentType;
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
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
        if ("NoSuchVersion".equals(errorCode(e))) {
            return new DatasetNotFoundException("cannot " + action + " '" + key + "': " + bucket
                    + " has no such version of it (list them with versions(key))", e);
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
