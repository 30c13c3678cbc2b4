package labstacks.pipeweave.storage;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.SdkEventLoopGroup;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.DelegatingS3AsyncClient;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3AsyncClientBuilder;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * The PipeWeave backend's access to its dataset bucket. Every upload asks for SSE-S3 (AES256), the one
 * encryption the bucket policy of staging and production lets a request name. Inputs above one part go up as
 * a multipart upload by the AWS SDK's multipart client ({@code S3AsyncClient} with {@code multipartEnabled}):
 * it splits, sends the parts, completes, and aborts a failed upload; a stream is read part by part, holding
 * at most {@link #BUFFERED_PARTS} parts. Deletes are refused here, before any request, where the environment
 * forbids them.
 */
public final class DatasetStorage implements AutoCloseable {
    /** The smallest part S3 accepts (every part but the last). */
    public static final int MIN_PART_SIZE = 5 * 1024 * 1024;

    /** The part size unless a caller chooses one: inputs up to this size go up in one PUT. */
    public static final int DEFAULT_PART_SIZE = 16 * 1024 * 1024;

    /** S3's limit on the parts of one upload; a larger file gets larger parts (the SDK's rule). */
    public static final int MAX_PARTS = 10_000;

    /**
     * The parts of a stream the SDK may hold at once: it reads a second part before it knows a stream needs
     * more than one PUT, and sends one part while it reads the next.
     */
    public static final int BUFFERED_PARTS = 2;

    private final S3AsyncClient s3;

    /** What this storage built for its client and closes after it (nothing when the caller gave a builder). */
    private final OwnedHttp http;

    /**
     * The client under the multipart one, for reads: one GET per object, as S3-compatible servers take it (the
     * multipart client downloads by part number, which S3Proxy 4.1 answers with 501 NotImplemented).
     */
    private final S3AsyncClient reads;

    private final String bucket;
    private final boolean deleteAllowed;
    private final int partSize;
    private final boolean partChecksums;

    /** Reads the caller's streams for the SDK (which must not block its own threads on them). */
    private final ExecutorService reader =
            Executors.newCachedThreadPool(
                    runnable -> {
                        var thread = new Thread(runnable, "dataset-storage-reader");
                        thread.setDaemon(true);
                        return thread;
                    });

    private DatasetStorage(
            S3AsyncClient s3, OwnedHttp http, StorageSettings settings, int partSize) {
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.http = http;
        this.reads =
                s3 instanceof DelegatingS3AsyncClient multipart
                        ? (S3AsyncClient) multipart.delegate()
                        : s3;
        this.bucket = settings.bucket();
        this.deleteAllowed = settings.deleteAllowed();
        this.partSize = partSize;
        // On AWS every part carries a CRC32 that CompleteMultipartUpload checks again.
        // S3-compatible servers
        // get no flexible checksums at all: Ceph RGW 16 rejects the SDK's aws-chunked trailers.
        this.partChecksums = settings.endpoint().isEmpty();
    }

    /** A storage with its own S3 client, built from {@code settings}; close it when done. */
    public static DatasetStorage open(StorageSettings settings) {
        return open(settings, DEFAULT_PART_SIZE);
    }

    /** As {@link #open(StorageSettings)}, with parts of {@code partSize} bytes (at least {@link #MIN_PART_SIZE}). */
    public static DatasetStorage open(StorageSettings settings, int partSize) {
        return open(settings, partSize, S3AsyncClient.builder());
    }

    /**
     * As {@link #open(StorageSettings, int)}, on a client builder the caller has set up first (execution
     * interceptors, override configuration); the storage adds its own HTTP client, region, credentials,
     * endpoint and multipart settings, builds the client and closes both with itself.
     */
    public static DatasetStorage open(
            StorageSettings settings, int partSize, S3AsyncClientBuilder builder) {
        var http = OwnedHttp.create();
        try {
            return open(settings, partSize, builder.httpClient(http.client()), http);
        } catch (RuntimeException e) {
            http.close();
            throw e;
        }
    }

    private static DatasetStorage open(
            StorageSettings settings, int partSize, S3AsyncClientBuilder builder, OwnedHttp http) {
        if (partSize < MIN_PART_SIZE) {
            throw new IllegalArgumentException(
                    "a part must be at least "
                            + MIN_PART_SIZE
                            + " bytes (S3's minimum),"
                            + " got "
                            + partSize);
        }
        settings.region().map(Region::of).ifPresent(builder::region);
        settings.credentials().ifPresent(builder::credentialsProvider);
        settings.endpoint()
                .ifPresent(
                        endpoint ->
                                builder.endpointOverride(endpoint)
                                        .forcePathStyle(true)
                                        .requestChecksumCalculation(
                                                RequestChecksumCalculation.WHEN_REQUIRED)
                                        .responseChecksumValidation(
                                                ResponseChecksumValidation.WHEN_REQUIRED)
                                        .overrideConfiguration(
                                                builder.overrideConfiguration().toBuilder()
                                                        .addExecutionInterceptor(
                                                                new ForS3CompatibleServers())
                                                        .build()));
        builder.multipartEnabled(true)
                .multipartConfiguration(
                        m ->
                                m.thresholdInBytes((long) partSize)
                                        .minimumPartSizeInBytes((long) partSize)
                                        .apiCallBufferSizeInBytes(
                                                (long) BUFFERED_PARTS * partSize));
        return new DatasetStorage(builder.build(), http, settings, partSize);
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

    /**
     * Uploads {@code content} under {@code key}, always with {@code x-amz-server-side-encryption: AES256}: one
     * PUT up to the part size, a multipart upload above it.
     */
    public PutResult put(String key, byte[] content, String contentType) {
        checkKey(key);
        Objects.requireNonNull(content, "content");
        return send(
                key, contentType, AsyncRequestBody.fromBytes(content), () -> (long) content.length);
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
            throw new DatasetStorageException(
                    "cannot upload '" + key + "': cannot read " + file + ": " + e, e);
        }
        return send(key, contentType, AsyncRequestBody.fromFile(file), () -> size);
    }

    /**
     * Uploads everything {@code content} yields under {@code key}, reading it part by part: one PUT when the
     * stream ends within the first part, a multipart upload otherwise. The stream is not closed.
     *
     * @throws UploadAbortedException when a multipart upload fails after it started (including a failed
     *                                read of {@code content}); it is aborted
     */
    public PutResult upload(String key, InputStream content, String contentType) {
        checkKey(key);
        var counted = new CountingStream(Objects.requireNonNull(content, "content"));
        // No length: the SDK reads a part, then a second one before it chooses between a PUT and a
        // multipart.
        return send(
                key,
                contentType,
                AsyncRequestBody.fromInputStream(counted, null, reader),
                counted::count);
    }

    private PutResult send(
            String key, String contentType, AsyncRequestBody body, Supplier<Long> size) {
        var request =
                PutObjectRequest.builder()
                        .bucket(bucket)
                        .key(key)
                        .contentType(contentTypeOf(contentType))
                        // The SDK names the encryption on CreateMultipartUpload; S3 applies it to
                        // every part.
                        .serverSideEncryption(ServerSideEncryption.AES256);
        if (partChecksums) {
            request.checksumAlgorithm(ChecksumAlgorithm.CRC32);
        }
        try {
            PutObjectResponse response = join(s3.putObject(request.build(), body));
            return new PutResult(
                    key,
                    Optional.ofNullable(response.versionId()),
                    Optional.ofNullable(response.serverSideEncryptionAsString()),
                    parts(size.get()));
        } catch (S3Exception e) {
            if (size.get() <= partSize) {
                throw failure("upload", key, e);
            }
            throw aborted(key, size.get(), failure("upload", key, e).getMessage(), e);
        } catch (RuntimeException e) {
            throw aborted(key, size.get(), reasons(e), e);
        }
    }

    /**
     * The parts of an upload of {@code size} bytes, by the SDK's own rule (it checks the parts it sent against
     * this count before it completes an upload): one PUT up to the part size, else parts of the part size, or
     * larger ones where {@link #MAX_PARTS} would not do.
     */
    private int parts(long size) {
        if (size <= partSize) {
            return 1;
        }
        var part = Math.max(partSize, ceilDiv(size, MAX_PARTS));
        return (int) ceilDiv(size, part);
    }

    private UploadAbortedException aborted(
            String key, long read, String reason, RuntimeException cause) {
        return new UploadAbortedException(
                "upload of '"
                        + key
                        + "' to "
                        + bucket
                        + " failed after "
                        + read / partSize
                        + " part(s) and was aborted: "
                        + reason,
                cause);
    }

    /** The current content of {@code key}. */
    public byte[] get(String key) {
        checkKey(key);
        try {
            return join(reads.getObject(
                            GetObjectRequest.builder().bucket(bucket).key(key).build(),
                            AsyncResponseTransformer.toBytes()))
                    .asByteArray();
        } catch (S3Exception e) {
            throw failure("read", key, e);
        }
    }

    /** The content of one version of {@code key}. */
    public byte[] get(String key, String versionId) {
        checkKey(key);
        try {
            return join(reads.getObject(
                            GetObjectRequest.builder()
                                    .bucket(bucket)
                                    .key(key)
                                    .versionId(versionId)
                                    .build(),
                            AsyncResponseTransformer.toBytes()))
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
            join(
                    s3.listObjectVersionsPaginator(
                                    ListObjectVersionsRequest.builder()
                                            .bucket(bucket)
                                            .prefix(key)
                                            .build())
                            .subscribe(
                                    page -> {
                                        for (var version : page.versions()) {
                                            if (version.key().equals(key)) {
                                                result.add(
                                                        new DatasetVersion(
                                                                key,
                                                                version.versionId(),
                                                                version.size(),
                                                                version.lastModified(),
                                                                Boolean.TRUE.equals(
                                                                        version.isLatest()),
                                                                false,
                                                                Optional.ofNullable(version.eTag())
                                                                        .map(
                                                                                t ->
                                                                                        t.replace(
                                                                                                "\"",
                                                                                                ""))));
                                            }
                                        }
                                        for (var marker : page.deleteMarkers()) {
                                            if (marker.key().equals(key)) {
                                                result.add(
                                                        new DatasetVersion(
                                                                key,
                                                                marker.versionId(),
                                                                0,
                                                                marker.lastModified(),
                                                                Boolean.TRUE.equals(
                                                                        marker.isLatest()),
                                                                true,
                                                                Optional.empty()));
                                            }
                                        }
                                    }));
        } catch (S3Exception e) {
            throw failure("list the versions of", key, e);
        }
        if (result.isEmpty()) {
            throw new DatasetNotFoundException(
                    "'" + key + "' has no versions in " + bucket + ": it never existed", null);
        }
        // Newest first; the current version leads when two share a timestamp (S3 stores whole
        // seconds).
        result.sort(
                Comparator.comparing(DatasetVersion::lastModified)
                        .reversed()
                        .thenComparing(v -> !v.latest()));
        return List.copyOf(result);
    }

    /** Every dataset whose key starts with {@code prefix} (empty for all), in key order. */
    public List<StoredDataset> list(String prefix) {
        var result = new ArrayList<StoredDataset>();
        try {
            join(
                    s3.listObjectsV2Paginator(
                                    ListObjectsV2Request.builder()
                                            .bucket(bucket)
                                            .prefix(prefix)
                                            .build())
                            .contents()
                            .subscribe(
                                    object ->
                                            result.add(
                                                    new StoredDataset(
                                                            object.key(),
                                                            object.size(),
                                                            object.lastModified(),
                                                            object.eTag() == null
                                                                    ? ""
                                                                    : object.eTag()
                                                                            .replace("\"", "")))));
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
            throw new DeleteNotAllowedException(
                    "deleting '"
                            + key
                            + "' from "
                            + bucket
                            + " is not allowed in this"
                            + " environment: production datasets are never deleted (pipeweave:allowDelete is false)");
        }
        try {
            join(s3.deleteObject(b -> b.bucket(bucket).key(key)));
        } catch (S3Exception e) {
            throw failure("delete", key, e);
        }
    }

    @Override
    public void close() {
        s3.close();
        http.close();
        reader.shutdownNow();
    }

    /**
     * The Netty HTTP client with an event loop group of its own, closed without Netty's graceful quiet period: a
     * client that owns its group waits 2 s for it on close (NettyNioAsyncHttpClient), which every short-lived
     * storage (a CLI call, a test) would pay. Nothing is in flight when a storage closes: every call joins.
     */
    private record OwnedHttp(SdkEventLoopGroup events, SdkAsyncHttpClient client) {
        static OwnedHttp create() {
            var events = SdkEventLoopGroup.builder().build();
            return new OwnedHttp(
                    events, NettyNioAsyncHttpClient.builder().eventLoopGroup(events).build());
        }

        void close() {
            client.close();
            events.eventLoopGroup().shutdownGracefully(0, 5, TimeUnit.SECONDS);
        }
    }

    /** The messages along a failure's causes, once each: the SDK wraps the stream's own error. */
    private static String reasons(Throwable failure) {
        var messages = new ArrayList<String>();
        for (var t = failure; t != null && messages.size() < 5; t = t.getCause()) {
            var message = t.getMessage();
            if (message != null && messages.stream().noneMatch(m -> m.contains(message))) {
                messages.add(message);
            }
        }
        return String.join(": ", messages);
    }

    /** The result of an SDK call, its failure unwrapped (an {@link S3Exception} stays one). */
    private static <T> T join(CompletableFuture<T> call) {
        try {
            return call.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /**
     * Leaves out the {@code x-amz-mp-object-size} header the multipart client puts on CompleteMultipartUpload
     * (S3 checks the object's size with it; the server still checks each part) for S3-compatible servers:
     * S3Proxy 4.1 answers it with 501 NotImplemented.
     */
    private static final class ForS3CompatibleServers implements ExecutionInterceptor {
        @Override
        public SdkRequest modifyRequest(
                Context.ModifyRequest context, ExecutionAttributes attributes) {
            if (context.request() instanceof CompleteMultipartUploadRequest complete
                    && complete.mpuObjectSize() != null) {
                return complete.toBuilder().mpuObjectSize(null).build();
            }
            return context.request();
        }
    }

    /** The bytes read so far, for the part count of an upload from a stream. */
    private static final class CountingStream extends FilterInputStream {
        private long count;

        CountingStream(InputStream in) {
            super(in);
        }

        long count() {
            return count;
        }

        /** The caller's stream stays open (the SDK closes what it reads when it is done). */
        @Override
        public void close() {}

        @Override
        public int read() throws IOException {
            var b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            var n = super.read(buffer, offset, length);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }

    private static String contentTypeOf(String contentType) {
        return contentType == null || contentType.isBlank()
                ? "application/octet-stream"
                : contentType;
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }

    private static void checkKey(String key) {
        if (key == null || key.isEmpty() || key.length() > 1024) {
            throw new IllegalArgumentException(
                    "a dataset key must be 1 to 1024 characters, got "
                            + (key == null ? "null" : key.length() + " characters"));
        }
    }

    private DatasetStorageException failure(String action, String key, S3Exception e) {
        if (e instanceof NoSuchBucketException || "NoSuchBucket".equals(errorCode(e))) {
            return new DatasetNotFoundException(
                    "cannot "
                            + action
                            + " '"
                            + key
                            + "': bucket "
                            + bucket
                            + " does not exist (check the pipeweave stack's bucket_name output and the region)",
                    e);
        }
        if ("NoSuchVersion".equals(errorCode(e))) {
            return new DatasetNotFoundException(
                    "cannot "
                            + action
                            + " '"
                            + key
                            + "': "
                            + bucket
                            + " has no such version of it (list them with versions(key))",
                    e);
        }
        if (e instanceof NoSuchKeyException || e.statusCode() == 404) {
            return new DatasetNotFoundException(
                    "cannot " + action + " '" + key + "': no such dataset in " + bucket, e);
        }
        if (e.statusCode() == 403) {
            return new DatasetStorageException(
                    "cannot "
                            + action
                            + " '"
                            + key
                            + "' in "
                            + bucket
                            + ": access denied ("
                            + errorCode(e)
                            + "); the caller needs the pipeweave access role",
                    e);
        }
        return new DatasetStorageException(
                "cannot "
                        + action
                        + " '"
                        + key
                        + "' in "
                        + bucket
                        + ": "
                        + errorCode(e)
                        + " (HTTP "
                        + e.statusCode()
                        + ")",
                e);
    }

    private static String errorCode(S3Exception e) {
        return e.awsErrorDetails() == null ? "unknown error" : e.awsErrorDetails().errorCode();
    }
}
