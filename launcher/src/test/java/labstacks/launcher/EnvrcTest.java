package labstacks.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import labstacks.offline.testing.ProgramHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code .envrc} breaks nothing: sourced (with a stand-in 1Password CLI), it leaves every JVM of the shell
 * with its own options (no JDK_JAVA_OPTIONS, so Maven, Surefire's forks and a {@code java} in a module
 * directory keep their defaults), and gives launcher/jvm.options only to the JVMs the Pulumi CLI starts,
 * through bin/pulumi. The 2026-12-07 audit's failure (Surefire's fork dying on a relative @file) is run
 * for real: Maven tests one module of the reactor with the sourced environment.
 */
class EnvrcTest {

    /** launcher/jvm.options' heap: -Xmx384m. */
    private static final String PLAN_HEAP = "402653184";

    private final Path root = ProgramHarness.repositoryRoot();

    @TempDir Path stubs;

    private record Shell(int code, String out) {}

    /** Runs {@code script} in bash after {@code source .envrc} in the checkout, with stand-in op and pulumi. */
    private Shell sourced(String script, long timeoutSeconds)
            throws IOException, InterruptedException {
        var op = stubs.resolve("op");
        Files.writeString(op, "#!/bin/sh\necho stand-in-value\n");
        // The "real" Pulumi CLI: what the language host does, start a JVM, here one that prints its
        // flags.
        var cli = stubs.resolve("cli");
        Files.createDirectories(cli);
        Files.writeString(
                cli.resolve("pulumi"),
                "#!/bin/sh\njava -XX:+PrintFlagsFinal -version 2>/dev/null"
                        + " | grep -E ' (MaxHeapSize|TieredStopAtLevel) '\n");
        for (var file : new Path[] {op, cli.resolve("pulumi")}) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        var java = Path.of(System.getProperty("java.home"), "bin");
        var process =
                new ProcessBuilder(
                                "bash",
                                "-c",
                                "set -e; unset JDK_JAVA_OPTIONS JAVA_TOOL_OPTIONS;"
                                        + " export PATH='"
                                        + stubs
                                        + ":"
                                        + cli
                                        + ":"
                                        + java
                                        + ":'\"$PATH\"; cd '"
                                        + root
                                        + "'; source .envrc; "
                                        + script)
                        .redirectErrorStream(true)
                        .start();
        var finished = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly();
        }
        var out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(finished, "timed out: " + out);
        return new Shell(process.exitValue(), out);
    }

    @Test
    void theShellsJvmsKeepTheirOwnOptionsAndOnlyPulumisGetsThePlanOnes() throws Exception {
        var shell =
                sourced(
                        """
                echo "JDK_JAVA_OPTIONS=${JDK_JAVA_OPTIONS:-unset} JAVA_TOOL_OPTIONS=${JAVA_TOOL_OPTIONS:-unset}"
                echo "pulumi=$(command -v pulumi)"
                cd shared/program-library
                echo "module java:"; java -XX:+PrintFlagsFinal -version 2>&1 | grep -E ' (MaxHeapSize|TieredStopAtLevel) |Picked up' || true
                echo "under pulumi:"; pulumi
                """,
                        60);
        assertEquals(0, shell.code(), shell.out());
        var out = shell.out();
        assertTrue(out.contains("JDK_JAVA_OPTIONS=unset JAVA_TOOL_OPTIONS=unset"), out);
        assertTrue(out.contains("pulumi=" + root.resolve("bin/pulumi")), out);
        var module = out.substring(out.indexOf("module java:"), out.indexOf("under pulumi:"));
        var underPulumi = out.substring(out.indexOf("under pulumi:"));
        assertFalse(module.contains("Picked up"), module);
        assertFalse(
                module.matches("(?s).*MaxHeapSize += " + PLAN_HEAP + " .*"),
                "a module's java keeps its heap: " + module);
        assertTrue(underPulumi.matches("(?s).*MaxHeapSize += " + PLAN_HEAP + " .*"), underPulumi);
        assertTrue(underPulumi.matches("(?s).*TieredStopAtLevel += 1 .*"), underPulumi);
    }

    @Test
    void mavenTestsAModuleWithTheSourcedEnvironment() throws Exception {
        // One small module and what it needs, not the reactor; offline, as every build here.
        var shell =
                sourced(
                        "mvn -o -B -q -Dstyle.color=never -pl shared/program-library -am test -Dtest=Sha256Test"
                                + " -Dsurefire.failIfNoSpecifiedTests=false",
                        540);
        assertEquals(0, shell.code(), shell.out());
        assertFalse(shell.out().contains("Picked up JDK_JAVA_OPTIONS"), shell.out());
        assertFalse(shell.out().contains("could not open"), shell.out());
    }
}
