package labstacks.launcher;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --root DIR}: the labstacks checkout whose stack files a command reads. */
final class ProjectRoot {
    @Option(
            names = "--root",
            paramLabel = "DIR",
            description = "the labstacks checkout (default: the current directory)")
    Path root;

    /** The directory given, or {@code otherwise} (the directory the launcher runs in). */
    Path orElse(Path otherwise) {
        return root == null ? otherwise : root;
    }
}
