package labstacks.launcher;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import labstacks.shared.program.ProgramCatalog;

/**
 * What every command that reads the project's stack files is given by the launcher: the programs, where
 * it prints, the checkout it runs in (unless {@code --root} names another) and the environment the stack
 * files' credentials may come from.
 */
abstract class ProjectCommand implements Callable<Integer> {
    protected final ProgramCatalog catalog;
    protected final PrintStream out;
    protected final PrintStream err;
    protected final Path defaultRoot;
    protected final Map<String, String> environment;

    ProjectCommand(
            ProgramCatalog catalog,
            PrintStream out,
            PrintStream err,
            Path defaultRoot,
            Map<String, String> environment) {
        this.catalog = catalog;
        this.out = out;
        this.err = err;
        this.defaultRoot = defaultRoot;
        this.environment = environment;
    }
}
