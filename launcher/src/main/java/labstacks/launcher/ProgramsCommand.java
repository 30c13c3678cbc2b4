package labstacks.launcher;

import java.io.PrintStream;
import java.util.concurrent.Callable;
import labstacks.shared.program.ProgramCatalog;
import picocli.CommandLine.Command;

/** {@code programs}: the programs this jar carries. */
@Command(
        name = "programs",
        customSynopsis = "./labstacks programs",
        description = "The programs this jar carries, one per line: name, tab, description.",
        exitCodeList = {"0:listed", "2:a usage error"})
final class ProgramsCommand implements Callable<Integer> {
    private final ProgramCatalog catalog;
    private final PrintStream out;

    ProgramsCommand(ProgramCatalog catalog, PrintStream out) {
        this.catalog = catalog;
        this.out = out;
    }

    @Override
    public Integer call() {
        catalog.all().forEach(p -> out.println(p.name() + "\t" + p.description()));
        return Main.OK;
    }
}
