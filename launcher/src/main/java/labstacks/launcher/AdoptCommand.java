package labstacks.launcher;

import labstacks.offline.adopt.Adoption;
import labstacks.offline.adopt.AdoptionOutput;
import labstacks.offline.adopt.StateExport;
import labstacks.shared.config.ProjectFiles;
import labstacks.shared.config.StackConfigException;
import labstacks.shared.config.StackFileException;
import labstacks.offline.plan.OfflineRuntime;
import labstacks.shared.program.ProgramCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code adopt <stack> --state FILE [--json OUT] [--root DIR]}: what taking over an existing stack's
 * state would do. The export is treated as {@code pulumi stack rename} leaves it (project and stack of
 * this one), the stack's offline plan is matched against it by URN and alias, and the outcome is printed
 * like a preview. Exit 0 when nothing that exists would be deleted, replaced or created twice; 1
 * otherwise (or when the plan or the export cannot be read); 2 on usage errors.
 */
@Command(name = "adopt",
        customSynopsis = "./labstacks adopt <stack> --state FILE [--json OUT] [--root DIR]",
        description = "What taking over an existing stack's state would do, printed like a preview: the export is"
                + " matched against the stack's offline plan by URN and alias.",
        exitCodeList = {"0:nothing that exists would be deleted, replaced or created twice",
                "1:something would be, or the plan or the export cannot be read", "2:a usage error"})
final class AdoptCommand extends ProjectCommand {
    @Parameters(paramLabel = "<stack>", description = "the stack to adopt into: <stack>, <org>/<stack>,"
            + " <org>/labstacks/<stack> or Pulumi.<stack>.yaml")
    List<String> stacks = new ArrayList<>();

    @Option(names = {"-s", "--stack"}, paramLabel = "<stack>", description = "the same, as pulumi -s takes it")
    List<String> stackOptions = new ArrayList<>();

    @Option(names = "--state", paramLabel = "FILE",
            description = "a `pulumi stack export --file FILE` of the stack to take over")
    Path stateFile;

    @Option(names = "--json", paramLabel = "OUT", description = "also write the report as JSON")
    Path json;

    /** Not an option of adopt; declared so that it gets its own clear error. */
    @Option(names = "--all", hidden = true)
    boolean all;

    @Mixin
    ProjectRoot root;

    @Spec
    CommandSpec spec;

    AdoptCommand(ProgramCatalog catalog, PrintStream out, PrintStream err, Path defaultRoot,
                 Map<String, String> environment) {
        super(catalog, out, err, defaultRoot, environment);
    }

    @Override
    public Integer call() {
        if (all) {
            throw new ParameterException(spec.commandLine(), "adopt takes one stack, not --all");
        }
        stacks.addAll(0, stackOptions);
        if (stacks.size() != 1) {
            throw new ParameterException(spec.commandLine(), "name the one stack to adopt into");
        }
        if (stateFile == null) {
            throw new ParameterException(spec.commandLine(),
                    "--state FILE is required: a `pulumi stack export --file FILE` of the stack to take over");
        }
        var given = stacks.get(0);

        StateExport export;
        try {
            export = StateExport.read(stateFile);
        } catch (StateExport.InvalidExportException e) {
            err.println("error: " + e.getMessage());
            return Main.FAILED;
        }
        labstacks.offline.plan.Plan plan;
        String stack;
        try {
            var project = ProjectFiles.open(root.orElse(defaultRoot));
            var reference = StackReference.parse(given, project.project());
            reference.note().ifPresent(note -> err.println("note: " + note));
            stack = reference.stack();
            plan = OfflineRuntime.plan(catalog, project.read(stack, environment));
        } catch (StackConfigException | StackFileException e) {
            err.println("error: " + e.getMessage());
            return Main.FAILED;
        }
        if (!plan.succeeded()) {
            plan.errors().forEach(e -> err.println("error: " + e));
            err.println("The plan of " + stack + " failed; nothing to compare.");
            return Main.FAILED;
        }
        if (!export.project().equals(plan.project()) || !export.stack().equals(plan.stack())) {
            out.println("treating " + export.project() + "/" + export.stack() + " as renamed to "
                    + plan.project() + "/" + plan.stack() + " (pulumi stack rename)");
        }
        var report = Adoption.compare(plan, export.renamedTo(plan.project(), plan.stack()));
        out.print(AdoptionOutput.text(report));
        if (report.matched().stream().allMatch(m -> m.stateUrn().contains("::pulumi:pulumi:Stack::"))) {
            err.println("warning: nothing in " + stateFile + " matches a resource of " + stack
                    + " but the stack itself: is it the export of another program's stack?");
        }
        if (json != null && !OutputFile.write(json, AdoptionOutput.json(report), "--json", out, err)) {
            return Main.FAILED;
        }
        return report.safe() ? Main.OK : Main.FAILED;
    }
}
