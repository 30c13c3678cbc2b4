package labstacks.launcher;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import labstacks.offline.diff.DiffReport;
import labstacks.offline.diff.PlanDiff;
import labstacks.offline.diff.StackDiff;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code diff BASE.json HEAD.json [--format text|markdown|json] [--changed]}: what changed between two
 * offline plans, per stack. CI compares the plan of the last deployed commit with the new one and
 * previews and deploys only the stacks it names.
 */
@Command(
        name = "diff",
        customSynopsis =
                "./labstacks diff <base.json> <head.json> [--format text|markdown|json] [--changed]",
        description = {
            "Compares two outputs of ./labstacks plan --all --json, stack by stack: resources added,"
                    + " removed, replaced (an input the provider replaces on changed), updated (other inputs or options),"
                    + " unchanged; stack outputs and provider versions too. A stack whose plan failed on either side"
                    + " is 'cannot tell' and counts as changed."
        },
        exitCodeList = {
            "0:compared (whatever the differences)",
            "1:a plan file cannot be read or is not a plan",
            "2:a usage error"
        })
final class DiffCommand implements Callable<Integer> {

    /** The output forms. */
    enum Format {
        text,
        markdown,
        json
    }

    private final PrintStream out;
    private final PrintStream err;

    @Parameters(
            index = "0",
            paramLabel = "<base.json>",
            description = "the old plan (e.g. of the last deployed commit)")
    Path base;

    @Parameters(index = "1", paramLabel = "<head.json>", description = "the new plan")
    Path head;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            description = "text (default), markdown (a job summary table) or json")
    Format format = Format.text;

    @Option(
            names = "--changed",
            description =
                    "only the names of the stacks to preview and deploy, one per line"
                            + " (changed, added or cannot tell; not removed ones)")
    boolean changed;

    DiffCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        List<StackDiff> stacks;
        try {
            stacks = PlanDiff.compare(PlanDiff.read(base), PlanDiff.read(head));
        } catch (PlanDiff.PlanFileException e) {
            err.println("error: " + e.getMessage());
            return Main.FAILED;
        }
        if (changed) {
            stacks.stream().filter(StackDiff::needsDeploy).forEach(s -> out.println(s.stack()));
            return Main.OK;
        }
        out.print(
                switch (format) {
                    case text -> DiffReport.text(stacks);
                    case markdown -> DiffReport.markdown(stacks);
                    case json -> DiffReport.json(stacks);
                });
        return Main.OK;
    }
}
