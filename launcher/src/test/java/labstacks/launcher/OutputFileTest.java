package labstacks.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** plan --json and adopt --json write their files one way, with one error text. */
class OutputFileTest {

    @TempDir Path temp;

    private final ByteArrayOutputStream report = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private boolean write(Path file) {
        return OutputFile.write(
                file,
                "{}\n",
                "--json",
                new PrintStream(report, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void missingDirectoriesAreCreatedAndTheFileIsNamed() throws IOException {
        var file = temp.resolve("plans/2026/all.json");
        assertTrue(write(file));
        assertEquals("{}\n", Files.readString(file));
        assertEquals("wrote " + file + "\n", report.toString(StandardCharsets.UTF_8));
        assertEquals("", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aFileThatCannotBeWrittenIsOneErrorWithTheReasonAndTheFix() throws IOException {
        var blocker = temp.resolve("plans");
        Files.writeString(blocker, "a file, not a directory");
        var file = blocker.resolve("all.json");
        assertFalse(write(file));
        assertEquals(
                "error: cannot write "
                        + file
                        + ": "
                        + blocker
                        + " is a file where a directory must be;"
                        + " give --json a path this user can write\n",
                err.toString(StandardCharsets.UTF_8));
        assertEquals("", report.toString(StandardCharsets.UTF_8));

        err.reset();
        assertFalse(write(temp));
        assertEquals(
                "error: cannot write "
                        + temp
                        + ": is a directory; give --json a path this user can write\n",
                err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void planSaysTheSameErrorThroughTheLauncher() throws IOException {
        var blocker = temp.resolve("blocker");
        Files.writeString(blocker, "x");
        Files.writeString(temp.resolve("Pulumi.yaml"), "name: labstacks\nruntime: java\n");
        var plan =
                LauncherRun.of(
                        temp, "plan", "--all", "--json", blocker.resolve("plan.json").toString());
        assertEquals(1, plan.code());
        assertTrue(
                plan.err()
                        .contains(
                                "error: cannot write "
                                        + blocker.resolve("plan.json")
                                        + ": "
                                        + blocker
                                        + " is a file where a directory must be; give --json a path this user can write"),
                plan.err());
    }
}
