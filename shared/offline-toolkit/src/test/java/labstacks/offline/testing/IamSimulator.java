package labstacks.offline.testing;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * IAM policy evaluation as AWS does it, by {@code @cloud-copilot/iam-simulate} 0.1.173 (npm, pinned by the
 * committed lock file in the offline toolkit's {@code src/test/iam-simulate}; the tool the 2026-11-23 audit used,
 * shared by pipeweave's and megatests' policy tests). {@code npm ci} installs it once per machine and lock file
 * into {@code ~/.cache/labstacks/iam-simulate/<hash of package.json and the lock file>} (like Maven's local
 * repository: a fresh clone reuses it, a changed lock file installs anew; each module's
 * {@code target/iam-simulate/node_modules} links there). Where node or npm is missing or the registry cannot
 * be reached the calling test is skipped with the reason, unless {@code LABSTACKS_REQUIRE_IAM_SIMULATE=true}
 * (CI), which makes it a failure.
 */
public final class IamSimulator {
    public static final String REQUIRE = "LABSTACKS_REQUIRE_IAM_SIMULATE";
    public static final String ACCOUNT = "123456789012";
    private static final Path SOURCE =
            ProgramHarness.repositoryRoot().resolve("shared/offline-toolkit/src/test/iam-simulate");
    private static final Path WORK = Path.of("target/iam-simulate");
    private static final Object LOCK = new Object();
    private static String unavailable;
    private static boolean installed;

    private final JsonObject resourcePolicy;
    private final List<Map.Entry<String, JsonObject>> identityPolicies = new ArrayList<>();

    private IamSimulator(String resourcePolicy) {
        this.resourcePolicy =
                resourcePolicy == null
                        ? null
                        : JsonParser.parseString(resourcePolicy).getAsJsonObject();
    }

    /** A simulation against {@code bucketPolicy} (null for none); skips the test where the tool cannot run. */
    public static IamSimulator withBucketPolicy(String bucketPolicy) {
        ensureInstalled();
        return new IamSimulator(bucketPolicy);
    }

    /** Attaches an identity policy to every principal simulated (the simulator has one principal per request). */
    public IamSimulator identityPolicy(String name, String policy) {
        identityPolicies.add(Map.entry(name, JsonParser.parseString(policy).getAsJsonObject()));
        return this;
    }

    /** One request to evaluate. */
    public record Request(
            String name,
            String principal,
            String action,
            String resource,
            Map<String, String> context) {
        /**
         * A request over TLS by {@code principal}; {@code aws:PrincipalArn} is the role ARN for a role and for
         * its sessions alike, as IAM sets it (the simulator does not fill it in itself).
         */
        public static Request of(
                String name,
                String principal,
                String principalArn,
                String action,
                String resource,
                Map<String, String> extraContext) {
            var context = new LinkedHashMap<String, String>();
            context.put("aws:SecureTransport", "true");
            context.put("aws:PrincipalArn", principalArn);
            context.putAll(extraContext);
            return new Request(name, principal, action, resource, context);
        }
    }

    /** Request name to Allowed, ImplicitlyDenied or ExplicitlyDenied (or "error: ..."). */
    public Map<String, String> evaluate(List<Request> requests) {
        var input = new JsonObject();
        if (resourcePolicy != null) {
            input.add("resourcePolicy", resourcePolicy);
        }
        var identities = new JsonArray();
        for (var entry : identityPolicies) {
            var item = new JsonObject();
            item.addProperty("name", entry.getKey());
            item.add("policy", entry.getValue());
            identities.add(item);
        }
        input.add("identityPolicies", identities);
        var list = new JsonArray();
        for (var request : requests) {
            var item = new JsonObject();
            item.addProperty("name", request.name());
            item.addProperty("principal", request.principal());
            item.addProperty("action", request.action());
            item.addProperty("resource", request.resource());
            item.addProperty("accountId", ACCOUNT);
            item.add("context", new Gson().toJsonTree(request.context()));
            list.add(item);
        }
        input.add("requests", list);
        var output = run(List.of("node", "simulate.mjs"), input.toString(), 120);
        var result = new LinkedHashMap<String, String>();
        JsonParser.parseString(output)
                .getAsJsonArray()
                .forEach(
                        e ->
                                result.put(
                                        e.getAsJsonObject().get("name").getAsString(),
                                        e.getAsJsonObject().get("result").getAsString()));
        return result;
    }

    private static void ensureInstalled() {
        synchronized (LOCK) {
            if (!installed && unavailable == null) {
                try {
                    Files.createDirectories(WORK);
                    for (var file : List.of("package.json", "package-lock.json", "simulate.mjs")) {
                        Files.copy(
                                SOURCE.resolve(file),
                                WORK.resolve(file),
                                StandardCopyOption.REPLACE_EXISTING);
                    }
                    var modules = WORK.resolve("node_modules");
                    if (!Files.isDirectory(modules.resolve("@cloud-copilot/iam-simulate"))) {
                        Files.deleteIfExists(modules);
                        Files.createSymbolicLink(modules, cachedInstall().resolve("node_modules"));
                    }
                    installed = true;
                } catch (IOException | IllegalStateException e) {
                    unavailable =
                            "the IAM policy simulator cannot run here ("
                                    + e.getMessage()
                                    + "); it needs node"
                                    + " and npm with access to the npm registry (npm ci into ~/.cache/labstacks/iam-simulate, linked from "
                                    + WORK.toAbsolutePath()
                                    + ")";
                }
            }
            if (unavailable != null) {
                if ("true".equalsIgnoreCase(System.getenv(REQUIRE))) {
                    throw new IllegalStateException(REQUIRE + " is set: " + unavailable);
                }
                Assumptions.abort(unavailable);
            }
        }
    }

    /**
     * The installed simulator for this package.json and lock file: {@code npm ci} into a new directory, then
     * renamed into place in one step, so two builds installing at once (modules run in parallel) never see a
     * half-written tree; the loser of that race keeps the winner's.
     */
    private static Path cachedInstall() throws IOException {
        var key = new StringBuilder();
        try {
            var digest = MessageDigest.getInstance("SHA-256");
            for (var file : List.of("package.json", "package-lock.json")) {
                digest.update(Files.readAllBytes(SOURCE.resolve(file)));
            }
            for (var b : digest.digest()) {
                key.append(String.format("%02x", b));
            }
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        var cacheHome = System.getenv("XDG_CACHE_HOME");
        var cache =
                (cacheHome == null || cacheHome.isBlank()
                                ? Path.of(System.getProperty("user.home"), ".cache")
                                : Path.of(cacheHome))
                        .resolve("labstacks/iam-simulate");
        var install = cache.resolve(key.substring(0, 16));
        if (Files.isDirectory(install.resolve("node_modules/@cloud-copilot/iam-simulate"))) {
            return install;
        }
        Files.createDirectories(cache);
        var fresh = Files.createTempDirectory(cache, "installing-");
        for (var file : List.of("package.json", "package-lock.json")) {
            Files.copy(SOURCE.resolve(file), fresh.resolve(file));
        }
        run(fresh, List.of("npm", "ci", "--no-audit", "--no-fund"), "", 300);
        try {
            Files.move(fresh, install, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            if (!Files.isDirectory(install.resolve("node_modules/@cloud-copilot/iam-simulate"))) {
                throw e;
            }
            deleteTree(fresh);
        }
        return install;
    }

    private static void deleteTree(Path tree) throws IOException {
        try (var paths = Files.walk(tree)) {
            for (var path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static String run(List<String> command, String stdin, int timeoutSeconds) {
        return run(WORK, command, stdin, timeoutSeconds);
    }

    private static String run(
            Path directory, List<String> command, String stdin, int timeoutSeconds) {
        try {
            // stderr to a file: a full pipe would block the process while stdout is being read.
            var errors = directory.toAbsolutePath().resolve("stderr.log");
            var process =
                    new ProcessBuilder(command)
                            .directory(directory.toFile())
                            .redirectError(errors.toFile())
                            .start();
            try (var in = process.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            var stdout = process.getInputStream().readAllBytes();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(
                        String.join(" ", command) + " took over " + timeoutSeconds + " s");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(
                        String.join(" ", command)
                                + " exited "
                                + process.exitValue()
                                + ": "
                                + Files.readString(errors, StandardCharsets.UTF_8).strip());
            }
            return new String(stdout, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(
                    String.join(" ", command) + " could not run: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
