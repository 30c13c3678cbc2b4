package labstacks.pipeweave.rgw;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A single-node Ceph cluster (one mon, one in-memory OSD, radosgw) on 127.0.0.1, started once per JVM and
 * stopped, by the pids it recorded, when the JVM exits. Ceph RGW is the S3 server here that enforces bucket
 * policies the way AWS does (Deny, Principal "*", conditions).
 *
 * <p>Starting it is about 14 s of waiting for the daemons, so {@link CephRgwWarmUp} begins it in the background
 * as soon as the test run holds a class marked {@link NeedsCephRgw}, and {@link #shared()} waits for that start.
 *
 * <p>Where the Debian packages are missing the tests are skipped with a message saying how to install them
 * (.ci/run installs them), unless {@code LABSTACKS_REQUIRE_RGW=true} (CI), which turns the skip into a
 * failure. A test never installs packages itself: that is the machine's set-up, not the test's.
 *
 * <p>Facts from ../shared/reference/test-components.md section 1.3 (Ceph 16.2.15, Debian bookworm): the
 * SDK's default flexible checksums fail on RGW 16 ({@code XAmzContentSHA256Mismatch}), so clients use
 * {@code WHEN_REQUIRED}; PutBucketEncryption answers 400, so bucket default encryption cannot be applied;
 * {@code aws:SecureTransport} is not evaluated; BlockPublicAcls denies every PutObject (not used here).
 */
public final class CephRgw {
    /** The packages that hold ceph-mon, ceph-osd, radosgw and their tools. */
    public static final List<String> PACKAGES = List.of("radosgw", "ceph-mon", "ceph-osd");

    static final List<String> BINARIES =
            List.of(
                    "ceph-authtool",
                    "monmaptool",
                    "ceph-mon",
                    "ceph-osd",
                    "ceph",
                    "radosgw",
                    "radosgw-admin");
    static final String REQUIRE = "LABSTACKS_REQUIRE_RGW";
    // Generous: the start runs beside the module's other test classes, on a machine that may be
    // busy.
    private static final Duration START_LIMIT = Duration.ofSeconds(400);

    /** The owner of every test bucket: full rights, like a same-account admin with {@code s3:*}. */
    public static final String OWNER_KEY = "owner-key";

    static final String OWNER_SECRET = "owner-secret";

    /** A second user with no rights on the owner's buckets. */
    public static final String OTHER_KEY = "admin2-key";

    static final String OTHER_SECRET = "admin2-secret";

    private static final Object LOCK = new Object();

    /** The one start of this JVM: the cluster, or why it cannot run here. */
    private static CompletableFuture<CephRgw> starting;

    private final URI endpoint;
    private final Path directory;

    private CephRgw(URI endpoint, Path directory) {
        this.endpoint = endpoint;
        this.directory = directory;
    }

    /**
     * Begins starting the cluster on a daemon thread, once per JVM; {@link #shared()} waits for it. Returns
     * that start: the cluster, null when Ceph is not installed, or the failure.
     */
    public static CompletableFuture<CephRgw> startInBackground() {
        synchronized (LOCK) {
            if (starting == null) {
                var future = new CompletableFuture<CephRgw>();
                var thread =
                        new Thread(
                                () -> {
                                    try {
                                        future.complete(startIfInstalled());
                                    } catch (Throwable e) {
                                        future.completeExceptionally(e);
                                    }
                                },
                                "ceph-rgw-start");
                thread.setDaemon(true);
                thread.start();
                starting = future;
            }
            return starting;
        }
    }

    /** The running cluster; skips (or, in CI, fails) the calling test where it cannot run. */
    public static CephRgw shared() {
        try {
            var rgw = startInBackground().get();
            if (rgw == null) {
                var unavailable =
                        "Ceph RGW is not installed (missing "
                                + String.join(", ", missingBinaries())
                                + "); install it with `apt-get update && apt-get install -y --no-install-recommends "
                                + String.join(" ", PACKAGES)
                                + "` (as .ci/run does) to run the bucket-policy tests";
                if ("true".equalsIgnoreCase(System.getenv(REQUIRE))) {
                    throw new IllegalStateException(REQUIRE + " is set: " + unavailable);
                }
                Assumptions.abort(unavailable);
            }
            return rgw;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException("Ceph RGW did not start", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Ceph RGW", e);
        }
    }

    /** The started cluster, or null when its binaries are missing. */
    private static CephRgw startIfInstalled() {
        return missingBinaries().isEmpty() ? start() : null;
    }

    public URI endpoint() {
        return endpoint;
    }

    /** An S3 client of the bucket owner, with the checksum settings RGW 16 needs. */
    public S3Client ownerClient() {
        return client(OWNER_KEY, OWNER_SECRET);
    }

    S3Client client(String accessKey, String secret) {
        return S3Client.builder()
                .region(Region.US_EAST_1)
                .endpointOverride(endpoint)
                .forcePathStyle(true)
                .credentialsProvider(
                        StaticCredentialsProvider.create(
                                AwsBasicCredentials.create(accessKey, secret)))
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .build();
    }

    public StaticCredentialsProvider ownerCredentials() {
        return credentials(OWNER_KEY, OWNER_SECRET);
    }

    static StaticCredentialsProvider credentials(String accessKey, String secret) {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secret));
    }

    private static List<String> missingBinaries() {
        var path =
                Objects.requireNonNullElse(System.getenv("PATH"), "")
                        + ":/usr/sbin:/usr/bin:/sbin:/bin";
        var missing = new ArrayList<String>();
        for (var binary : BINARIES) {
            var found = false;
            for (var dir : path.split(":")) {
                if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, binary))) {
                    found = true;
                    break;
                }
            }
            if (!found) {
                missing.add(binary);
            }
        }
        return missing;
    }

    private static CephRgw start() {
        try {
            var target = Path.of("target");
            Files.createDirectories(target);
            var directory = Files.createTempDirectory(target.toAbsolutePath(), "ceph-rgw-");
            var script = directory.resolve("ceph-rgw-up.sh");
            try (var in =
                    CephRgw.class.getResourceAsStream("/labstacks/pipeweave/rgw/ceph-rgw-up.sh")) {
                Files.write(
                        script,
                        Objects.requireNonNull(in, "ceph-rgw-up.sh on the test classpath")
                                .readAllBytes());
            }
            var rgwPort = freePort();
            var monPort = freePort();
            var cluster = directory.resolve("cluster");
            var log = directory.resolve("start.log");
            var process =
                    new ProcessBuilder(
                                    "bash",
                                    script.toString(),
                                    cluster.toString(),
                                    String.valueOf(rgwPort),
                                    String.valueOf(monPort),
                                    String.valueOf(ProcessHandle.current().pid()))
                            .redirectErrorStream(true)
                            .redirectOutput(log.toFile())
                            .start();
            // Registered before waiting, so daemons started by a script that then hangs are stopped
            // too.
            Runtime.getRuntime()
                    .addShutdownHook(
                            new Thread(() -> stop(cluster.resolve("pids")), "ceph-rgw-stop"));
            var finished = process.waitFor(START_LIMIT.toSeconds(), TimeUnit.SECONDS);
            if (!finished) {
                process.destroyForcibly();
            }
            var output = Files.readString(log, StandardCharsets.UTF_8);
            if (!finished || process.exitValue() != 0 || !output.contains("ready")) {
                stop(cluster.resolve("pids"));
                throw new IllegalStateException(
                        "Ceph RGW did not start"
                                + (finished ? "" : " within " + START_LIMIT.toSeconds() + " s")
                                + "; its output ("
                                + log
                                + "):\n"
                                + tail(output)
                                + "\ndaemon logs: "
                                + cluster.resolve("log"));
            }
            return new CephRgw(URI.create("http://127.0.0.1:" + rgwPort), directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting Ceph RGW", e);
        }
    }

    /**
     * Stops exactly the daemons the script recorded, at once: the cluster is in memory and thrown away.
     * (The script's watchdog does the same if this JVM is killed before its shutdown hooks run.)
     */
    private static void stop(Path pids) {
        try {
            if (!Files.exists(pids)) {
                return;
            }
            for (var line : Files.readAllLines(pids)) {
                var parts = line.trim().split("\\s+");
                if (parts.length == 2) {
                    ProcessHandle.of(Long.parseLong(parts[1]))
                            .ifPresent(ProcessHandle::destroyForcibly);
                }
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("could not stop Ceph RGW: " + e);
        }
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String tail(String text) {
        var lines = text.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    @Override
    public String toString() {
        return "Ceph RGW at " + endpoint + " (state in " + directory + ")";
    }
}
