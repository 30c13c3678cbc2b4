package labstacks.launcher.engine;

import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * Starts the launcher jar the way the Pulumi CLI's Java language host does for {@code pulumi preview}
 * and {@code pulumi up} with {@code runtime.options.binary}: {@code java -jar <binary>} in the program
 * directory, with the engine's addresses, the project, stack and config in the environment.
 *
 * <p>From pulumi/pulumi-java {@code pkg/cmd/pulumi-language-java/main.go} ({@code Run},
 * {@code constructEnv}, {@code constructConfig}, {@code constructConfigSecretKeys}) and
 * {@code executor_jar.go}: the environment is the host's own plus {@code PULUMI_MONITOR},
 * {@code PULUMI_ENGINE}, {@code PULUMI_PROJECT}, {@code PULUMI_STACK}, {@code PULUMI_PWD},
 * {@code PULUMI_DRY_RUN} ({@code true}/{@code false}), {@code PULUMI_QUERY_MODE}, {@code PULUMI_PARALLEL},
 * {@code PULUMI_CONFIG} (a JSON object of {@code ns:key} to string, as Go's {@code json.Marshal} of a
 * {@code map[string]string} writes it: keys sorted) and {@code PULUMI_CONFIG_SECRET_KEYS} (a JSON array,
 * {@code []} when empty). Newer hosts add {@code PULUMI_ORGANIZATION} and {@code PULUMI_ROOT_DIRECTORY},
 * which SDK 1.36.1 reads ({@code DeploymentImpl.DeploymentState.fromEnvironment}); they are set too.
 */
public final class JavaLanguageHost {

    /** What a run left behind. */
    public record Result(int exitCode, String stdout, String stderr) {}

    /** One deployment's inputs, as the CLI holds them after decrypting the stack's config. */
    public record Deployment(
            String project,
            String stack,
            boolean preview,
            Map<String, String> config,
            List<String> secretKeys,
            Map<String, String> environment) {}

    private final Path jar;
    private final Path programDirectory;
    private final Path scratch;
    private final Path archive;
    private boolean archiveWritten;

    public JavaLanguageHost(Path jar, Path programDirectory, Path scratch) {
        this.jar = jar;
        this.programDirectory = programDirectory;
        this.scratch = scratch;
        this.archive = scratch.resolve("labstacks.jsa");
    }

    public Result run(Deployment deployment, FakeEngine engine)
            throws IOException, InterruptedException {
        var env = new LinkedHashMap<String, String>();
        env.putAll(deployment.environment());
        env.put("PULUMI_MONITOR", engine.address());
        env.put("PULUMI_ENGINE", engine.address());
        env.put("PULUMI_ORGANIZATION", "organization");
        env.put("PULUMI_PROJECT", deployment.project());
        env.put("PULUMI_STACK", deployment.stack());
        env.put("PULUMI_PWD", programDirectory.toString());
        env.put("PULUMI_ROOT_DIRECTORY", programDirectory.toString());
        env.put("PULUMI_DRY_RUN", String.valueOf(deployment.preview()));
        env.put("PULUMI_QUERY_MODE", "false");
        env.put("PULUMI_PARALLEL", "16");
        var gson = new GsonBuilder().create();
        env.put("PULUMI_CONFIG", gson.toJson(new TreeMap<>(deployment.config())));
        env.put("PULUMI_CONFIG_SECRET_KEYS", gson.toJson(new TreeSet<>(deployment.secretKeys())));
        return java(env, List.of("-jar", jar.toString()), deployment.stack());
    }

    /** An offline command of the same jar, as a user runs it: {@code java -jar labstacks.jar plan ...}. */
    public Result offline(Map<String, String> environment, String... args)
            throws IOException, InterruptedException {
        var command = new ArrayList<String>(List.of("-jar", jar.toString()));
        command.addAll(List.of(args));
        return java(environment, command, "offline-" + args[0]);
    }

    /**
     * launcher/jvm.options, which every real run gets (bin/pulumi as JDK_JAVA_OPTIONS, ./labstacks as an @file):
     * the jar is tested with the flags it ships with, and each run costs about half the CPU of the JVM
     * defaults. The class-data sharing archive is this host's own, written as ./labstacks writes its archive
     * (by the first run, the offline {@code plan --all}) and read by every later run: launcher/target may hold
     * none, or one of an older jar, which would only add a JVM warning to the stderr the tests read.
     */
    private synchronized List<String> jvmOptions() throws IOException {
        var options = new ArrayList<String>();
        for (var line : Files.readAllLines(programDirectory.resolve("launcher/jvm.options"))) {
            line = line.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("-XX:SharedArchiveFile=")) {
                if (archiveWritten) {
                    options.add("-XX:SharedArchiveFile=" + archive);
                } else {
                    options.add("-XX:ArchiveClassesAtExit=" + archive);
                    archiveWritten = true;
                }
                continue;
            }
            options.add(line);
        }
        return options;
    }

    private Result java(Map<String, String> env, List<String> args, String label)
            throws IOException, InterruptedException {
        var command = new ArrayList<String>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions());
        command.addAll(args);
        var builder = new ProcessBuilder(command).directory(programDirectory.toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        var stdout = Files.createTempFile(scratch, label, ".out");
        var stderr = Files.createTempFile(scratch, label, ".err");
        builder.redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        var process = builder.start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("java " + args + " did not finish in 5 minutes");
        }
        return new Result(
                process.exitValue(),
                Files.readString(stdout, StandardCharsets.UTF_8),
                Files.readString(stderr, StandardCharsets.UTF_8));
    }
}
