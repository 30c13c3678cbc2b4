package labstacks.launcher;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import labstacks.offline.testing.ProgramHarness;

/**
 * A child JVM of {@link RunnerSoakTest} and {@code sdks/pulumi-runtime/soak}: plans stacks in process again
 * and again, as {@code plan --all} does, each plan bounded in time. Prints one {@code soak ...} line; exits 0,
 * 3 on a hang (after a summary of the threads that matter), 4 when a plan fails.
 *
 * <p>Arguments: seconds to keep going after the first plan; the least time a plan may take (ms; the first,
 * cold one four times that; later ones also ten times the slowest warm one so far, so that a loaded machine is not
 * taken for a hang); and {@code all} (one trial = {@code plan --all}) or {@code each} (one stack, in turn).
 */
public final class RunnerSoak {

    private RunnerSoak() {}

    public static void main(String[] args) throws Exception {
        double seconds = Double.parseDouble(args[0]);
        long timeoutMillis = Long.parseLong(args[1]);
        boolean all = args[2].equals("all");
        var root = ProgramHarness.repositoryRoot();
        var stacks = stacks(root);
        var discard =
                new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);
        var programThreads = new ArrayList<String>();
        long deadline = 0;
        long slowest = 0;
        int trials = 0;
        while (trials == 0 || System.nanoTime() < deadline) {
            var plan =
                    all
                            ? new String[] {"plan", "--all"}
                            : new String[] {"plan", stacks.get(trials % stacks.size())};
            var errors = new ByteArrayOutputStream();
            var err = new PrintStream(errors, true, StandardCharsets.UTF_8);
            var run =
                    CompletableFuture.supplyAsync(
                            () -> Main.run(plan, root, Map.of(), discard, err),
                            job -> daemon(job, "soak-trial-" + programThreads.size()).start());
            int code;
            try {
                long started = System.nanoTime();
                code =
                        run.get(
                                trials == 0
                                        ? 4 * timeoutMillis
                                        : Math.max(timeoutMillis, 10 * slowest),
                                TimeUnit.MILLISECONDS);
                if (trials > 0) {
                    slowest = Math.max(slowest, (System.nanoTime() - started) / 1_000_000);
                }
            } catch (TimeoutException hang) {
                System.out.println(summary(trials, String.join(" ", plan)));
                System.out.flush();
                Runtime.getRuntime().halt(3);
                return;
            }
            if (code != 0) {
                System.out.println(
                        "soak failed: "
                                + String.join(" ", plan)
                                + " exited "
                                + code
                                + ": "
                                + errors);
                System.out.flush();
                Runtime.getRuntime().halt(4);
            }
            if (trials == 0) {
                deadline = System.nanoTime() + (long) (seconds * 1e9);
            }
            trials++;
        }
        System.out.printf(
                "soak trials=%d hangs=0 slowest-ms=%d workers=%d runner=%s threads-started=%d%n",
                trials,
                slowest,
                ForkJoinPool.getCommonPoolParallelism(),
                System.getProperty("labstacks.pulumi.runner", "ours"),
                ManagementFactory.getThreadMXBean().getTotalStartedThreadCount());
    }

    private static Thread daemon(Runnable job, String name) {
        var thread = new Thread(job, name);
        thread.setDaemon(true);
        return thread;
    }

    private static List<String> stacks(Path root) throws IOException {
        try (var files = Files.list(root)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(
                            n ->
                                    n.startsWith("Pulumi.")
                                            && n.endsWith(".yaml")
                                            && !n.equals("Pulumi.yaml"))
                    .map(n -> n.substring("Pulumi.".length(), n.length() - ".yaml".length()))
                    .sorted()
                    .toList();
        }
    }

    /** Where the run stands: the trial's thread, the common pool's workers and the program thread. */
    private static String summary(int trials, String plan) {
        var text =
                new StringBuilder(
                        "soak hang: trial "
                                + (trials + 1)
                                + " ("
                                + plan
                                + ") did not finish; workers="
                                + ForkJoinPool.getCommonPoolParallelism()
                                + " runner="
                                + System.getProperty("labstacks.pulumi.runner", "ours")
                                + "\n");
        Thread.getAllStackTraces()
                .forEach(
                        (thread, frames) -> {
                            var name = thread.getName();
                            if (name.startsWith("soak-trial")
                                    || name.startsWith("ForkJoinPool")
                                    || name.startsWith("pulumi-program")) {
                                text.append("  ")
                                        .append(name)
                                        .append(' ')
                                        .append(thread.getState())
                                        .append(": ")
                                        .append(
                                                String.join(
                                                        " <- ",
                                                        Arrays.stream(frames)
                                                                .limit(4)
                                                                .map(String::valueOf)
                                                                .toList()))
                                        .append('\n');
                            }
                        });
        return text.toString();
    }
}
