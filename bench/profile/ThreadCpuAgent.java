import java.io.IOException;
import java.io.PrintStream;
import java.lang.instrument.Instrumentation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * A -javaagent for bench/profile: at exit, the CPU seconds (user+sys) of every live thread, grouped by
 * name with digits dropped, from /proc/self/task/N/stat, plus the whole process's from /proc/self/stat.
 * Threads that ended before exit show up only in the difference ("gone"): on 2 CPUs that is mostly the
 * SDK's thread-per-task CompletableFuture threads. Output: one tab-separated line per group, to the file
 * named by the agent argument (stderr when none).
 */
public final class ThreadCpuAgent {

    private ThreadCpuAgent() {
    }

    public static void premain(String argument, Instrumentation instrumentation) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> report(argument), "thread-cpu-agent"));
    }

    private static void report(String argument) {
        try {
            var ticks = 100.0; // USER_HZ on Linux
            var groups = new TreeMap<String, Double>();
            var live = 0.0;
            try (var tasks = Files.list(Path.of("/proc/self/task"))) {
                for (var task : (Iterable<Path>) tasks::iterator) {
                    String stat;
                    try {
                        stat = Files.readString(task.resolve("stat"));
                    } catch (IOException gone) {
                        continue;
                    }
                    var name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    var fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    var cpu = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / ticks;
                    live += cpu;
                    groups.merge(name.replaceAll("[0-9]+", "#"), cpu, Double::sum);
                }
            }
            var self = Files.readString(Path.of("/proc/self/stat"));
            var fields = self.substring(self.lastIndexOf(')') + 2).split(" ");
            var total = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / ticks;
            groups.put("(gone before exit)", Math.max(0, total - live));
            groups.put("(process)", total);
            var out = argument == null || argument.isEmpty() ? System.err : new PrintStream(argument);
            for (Map.Entry<String, Double> e : groups.entrySet()) {
                out.printf("%s\t%.2f%n", e.getKey(), e.getValue());
            }
            out.flush();
        } catch (IOException | RuntimeException e) {
            System.err.println("thread-cpu-agent: " + e);
        }
    }
}
