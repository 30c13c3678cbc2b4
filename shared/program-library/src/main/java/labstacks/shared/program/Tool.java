package labstacks.shared.program;

/**
 * A command a module adds to the labstacks jar ({@code ./labstacks <name> ...}), found through
 * {@link java.util.ServiceLoader} like programs, so a module never edits the launcher.
 *
 * <p>The command itself is a <a href="https://picocli.info">picocli</a> command object: a class annotated with
 * {@code @Command} whose options are {@code @Option} fields and which implements {@code Callable<Integer>}
 * (0 ok, 1 a finding, 2 a usage or access error). The launcher adds it as the subcommand {@link #name()}, so it
 * gets the launcher's {@code --help}, usage-error style and exit codes. The type is {@code Object} on purpose:
 * this library carries no command-line parser; only the launcher and the modules that add tools depend on
 * picocli.
 */
public interface Tool {
    /** The command name, e.g. {@code igenomes-inventory}. */
    String name();

    /** One line for {@code ./labstacks help}. */
    String description();

    /** A new picocli command object for one run (its option fields hold that run's arguments). */
    Object command();
}
