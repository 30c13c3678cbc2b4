package labstacks.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Plans stacks again and again in child JVMs whose common pool has 2, 3 and 4 workers: with the Pulumi
 * SDK 1.36.1 runner, 2 workers hung {@code plan --all} in 4 of 15 runs (sdks/pulumi-runtime/UPSTREAM.md).
 * Every plan is bounded: a hang fails the test with a summary of the threads. CI runs a short soak; a
 * long one: {@code -Dsoak.seconds=120 -Dsoak.trial=all} (and {@code -Dsoak.runner=sdk} for the SDK's runner).
 */
class RunnerSoakTest {

    private static final List<Integer> WORKERS = List.of(2, 3, 4);

    @Test
    void noPlanHangsWithTwoThreeOrFourPoolWorkers() throws Exception {
        var seconds = System.getProperty("soak.seconds", "0.5");
        var trial = System.getProperty("soak.trial", "each");
        var runner = System.getProperty("soak.runner", "ours");
        long timeoutMillis = Long.getLong("soak.timeoutMillis", 30_000);
        var children = new ArrayList<Process>();
        for (int workers : WORKERS) {
            var command =
                    new ArrayList<>(
                            List.of(
                                    Path.of(System.getProperty("java.home"), "bin", "java")
                                            .toString(),
                                    "-Djava.util.concurrent.ForkJoinPool.common.parallelism="
                                            + workers,
                                    "-Dlabstacks.pulumi.runner=" + runner,
                                    "-XX:TieredStopAtLevel=1",
                                    "-XX:+UseSerialGC",
                                    "-XX:-UsePerfData",
                                    "-Xss512k",
                                    "-Xmx384m",
                                    "-cp",
                                    System.getProperty("java.class.path"),
                                    RunnerSoak.class.getName(),
                                    seconds,
                                    Long.toString(timeoutMillis),
                                    trial));
            children.add(new ProcessBuilder(command).redirectErrorStream(true).start());
        }
        var failures = new ArrayList<String>();
        for (int i = 0; i < children.size(); i++) {
            var child = children.get(i);
            long bound = (long) (Double.parseDouble(seconds) * 1000) + 6 * timeoutMillis;
            if (!child.waitFor(bound, TimeUnit.MILLISECONDS)) {
                child.destroyForcibly();
                failures.add(
                        WORKERS.get(i) + " workers: the child did not end within " + bound + " ms");
                continue;
            }
            var out = output(child);
            System.out.print(out);
            if (child.exitValue() != 0 || !out.contains("soak trials=")) {
                failures.add(WORKERS.get(i) + " workers, exit " + child.exitValue() + ":\n" + out);
            } else {
                assertTrue(out.contains("workers=" + WORKERS.get(i) + " "), out);
            }
        }
        if (!failures.isEmpty()) {
            fail(String.join("\n", failures));
        }
        assertEquals(WORKERS.size(), children.size());
    }

    private static String output(Process child) throws IOException {
        return new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
}
