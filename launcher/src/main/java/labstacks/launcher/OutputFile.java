package labstacks.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A file a command writes its report to ({@code plan --json FILE}, {@code adopt --json OUT}): missing parent
 * directories are created, success is said in one line, and a failure is one error that names the file, the
 * reason and the option to change.
 */
final class OutputFile {
    private OutputFile() {}

    /**
     * Writes {@code text} to {@code file}; says "wrote FILE" on {@code report} or the error on {@code err}.
     *
     * @param option the option that named the file, for the fix ({@code --json})
     * @return whether the file was written
     */
    static boolean write(
            Path file, String text, String option, PrintStream report, PrintStream err) {
        try {
            var parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, text);
            report.println("wrote " + file);
            return true;
        } catch (IOException e) {
            err.println(
                    "error: cannot write "
                            + file
                            + ": "
                            + reason(e)
                            + "; give "
                            + option
                            + " a path this user can write");
            return false;
        }
    }

    /** What went wrong, in words; NIO's own messages are mostly the path again. */
    static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof FileAlreadyExistsException exists) {
            return exists.getFile() + " is a file where a directory must be";
        }
        if (e instanceof FileSystemException system && system.getReason() != null) {
            return system.getReason().toLowerCase(Locale.ROOT);
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
    }
}
