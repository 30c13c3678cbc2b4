package labstacks.shared.program;

import java.io.PrintStream;
import java.util.List;

/**
 * A command a module adds to the labstacks jar ({@code ./labstacks <name> ...}), found through
 * {@link java.util.ServiceLoader} like programs, so a module never edits the launcher.
 */
public interface Tool {
    /** The command name, e.g. {@code igenomes-inventory}. */
    String name();

    /** One line for {@code ./labstacks help}. */
    String description();

    /** Runs the command; returns the process exit code (0 ok, 1 a finding, 2 a usage or access error). */
    int run(List<String> args, PrintStream out, PrintStream err);
}
