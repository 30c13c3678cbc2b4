package labstacks.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import labstacks.offline.testing.ProgramHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./labstacks} script's first build on a fresh clone: it says what it is doing within seconds,
 * one line per Maven module and Maven's latest line when a step is slow, with no colour codes, and keeps
 * Maven's whole log. Maven and java are stand-ins here (a real first build takes minutes); the stand-in
 * Maven prints colour codes unless it is asked not to, as Maven 3.8 does under -q.
 */
class WrapperTest {

    @TempDir Path temp;

    private record Line(long millis, String text) {}

    private Path checkout(String mavenBody) throws IOException {
        var repo = temp.resolve("repo");
        Files.createDirectories(repo.resolve("launcher"));
        Files.copy(ProgramHarness.repositoryRoot().resolve("labstacks"), repo.resolve("labstacks"));
        Files.writeString(repo.resolve("launcher/jvm.options"), "-Xmx64m\n");
        var bin = temp.resolve("bin");
        Files.createDirectories(bin);
        Files.writeString(
                bin.resolve("mvn"),
                "#!/usr/bin/env bash\n"
                        + "case \" $* \" in *\" -Dstyle.color=never \"*) esc='' ;; *) esc=$'\\e[0m' ;; esac\n"
                        + mavenBody);
        Files.writeString(bin.resolve("java"), "#!/bin/sh\necho \"java $*\"\n");
        for (var name : List.of("mvn", "java")) {
            Files.setPosixFilePermissions(
                    bin.resolve(name), PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return repo;
    }

    /** Runs the script with stdout and stderr pipes (not a terminal); each line with when it came. */
    private List<Line> run(Path repo, int[] exit) throws Exception {
        var builder =
                new ProcessBuilder(
                                "bash", repo.resolve("labstacks").toString(), "plan", "some-stack")
                        .redirectErrorStream(true);
        builder.environment().put("PATH", temp.resolve("bin") + ":" + System.getenv("PATH"));
        builder.environment().put("LABSTACKS_PROGRESS_SECONDS", "1");
        var started = System.nanoTime();
        var process = builder.start();
        var lines = new ArrayList<Line>();
        try (var reader =
                new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                lines.add(new Line((System.nanoTime() - started) / 1_000_000, line));
            }
        }
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        exit[0] = process.exitValue();
        return lines;
    }

    @Test
    void theFirstBuildShowsItsStepsAtOnceWithoutEscapeCodes() throws Exception {
        var repo =
                checkout(
                        """
                echo "${esc}[INFO] Scanning for projects..."
                echo "${esc}[INFO] Building labstacks 0.1.0-SNAPSHOT                                 [1/2]"
                sleep 3
                echo "${esc}[INFO] Compiling 51 source files with javac [debug release 17] to target/classes"
                sleep 2
                echo "${esc}[INFO] Building labstacks launcher 0.1.0-SNAPSHOT                       [2/2]"
                mkdir -p launcher/target && echo jar > launcher/target/labstacks.jar
                """);
        var exit = new int[1];
        var lines = run(repo, exit);
        assertEquals(0, exit[0], lines.toString());
        assertTrue(lines.get(0).millis() < 5000, "the first line within 5 s: " + lines.get(0));
        assertTrue(
                lines.get(0).text().contains("the first build takes minutes"), lines.get(0).text());
        var text = String.join("\n", lines.stream().map(Line::text).toList());
        assertTrue(text.contains("labstacks:   [1/2] labstacks (0s)"), text);
        assertTrue(text.contains("labstacks:   [2/2] labstacks launcher ("), text);
        assertTrue(
                text.contains(": [INFO] Compiling 51 source files"),
                "a slow step shows Maven's line: " + text);
        assertFalse(text.contains("\u001b"), "no escape codes: " + text);
        assertTrue(
                text.endsWith(
                        "java @launcher/jvm.options -cp "
                                + repo.resolve("launcher/target/labstacks.jar")
                                + " labstacks.launcher.Main plan some-stack"),
                text);
        var log = Files.readString(repo.resolve("launcher/target/build.log"));
        assertTrue(log.contains("[INFO] Scanning for projects...") && !log.contains("\u001b"), log);
    }

    /**
     * A jar newer than every source but no archive (what {@code mvn -B verify} leaves): the script writes the
     * archive and says so, then not again until the JDK it recorded changes.
     */
    @Test
    void aMissingOrForeignArchiveIsWrittenAndSaid() throws Exception {
        var repo = checkout("exit 1\n");
        // The stand-in java writes the file -XX:ArchiveClassesAtExit names, as the real one does at
        // exit.
        Files.writeString(
                temp.resolve("bin/java"),
                "#!/usr/bin/env bash\nfor a in \"$@\"; do\n"
                        + "  [[ $a == -XX:ArchiveClassesAtExit=* ]] && echo archive > \"${a#*=}\"\ndone\necho \"java $*\"\n");
        Files.writeString(
                repo.resolve("pom.xml"), "<modules>\n  <module>launcher</module>\n</modules>\n");
        Files.setLastModifiedTime(repo.resolve("pom.xml"), FileTime.fromMillis(0));
        Files.createDirectories(repo.resolve("launcher/target"));
        Files.writeString(repo.resolve("launcher/target/labstacks.jar"), "jar");
        var exit = new int[1];
        var first = String.join("\n", run(repo, exit).stream().map(Line::text).toList());
        assertEquals(0, exit[0], first);
        assertTrue(first.contains("labstacks: writing the class-data sharing archive"), first);
        assertTrue(Files.exists(repo.resolve("launcher/target/labstacks.jsa")), first);
        var second = String.join("\n", run(repo, exit).stream().map(Line::text).toList());
        assertFalse(
                second.contains("writing the class-data sharing archive"),
                "written once: " + second);
        Files.writeString(repo.resolve("launcher/target/labstacks.jsa.jdk"), "another JDK\n");
        var third = String.join("\n", run(repo, exit).stream().map(Line::text).toList());
        assertTrue(
                third.contains("writing the class-data sharing archive"), "another JDK: " + third);
    }

    @Test
    void aFailedBuildShowsTheEndOfMavensLogAndExitsOne() throws Exception {
        var repo =
                checkout(
                        """
                echo "[INFO] Building labstacks 0.1.0-SNAPSHOT                                 [1/2]"
                echo "[ERROR] COMPILATION ERROR : Foo.java:[3,1] cannot find symbol"
                exit 1
                """);
        var exit = new int[1];
        var text = String.join("\n", run(repo, exit).stream().map(Line::text).toList());
        assertEquals(1, exit[0], text);
        assertTrue(text.contains("labstacks: the build failed; the end of"), text);
        assertTrue(text.contains("cannot find symbol"), text);
        assertFalse(text.contains("java @launcher"), "nothing runs after a failed build: " + text);
    }
}
