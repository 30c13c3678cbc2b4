package labstacks.launcher;

import labstacks.offline.adopt.Adoption;
import labstacks.offline.adopt.AdoptionOutput;
import labstacks.offline.adopt.StateExport;
import labstacks.shared.config.ProjectFiles;
import labstacks.shared.config.StackConfigException;
import labstacks.shared.config.StackFileException;
import labstacks.offline.plan.OfflineRuntime;
import labstacks.shared.program.ProgramCatalog;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * {@code adopt <stack> --state FILE [--json OUT] [--root DIR]}: what taking over an existing stack's
 * state would do. The export is treated as {@code pulumi stack rename} leaves it (project and stack of
 * this one), the stack's offline plan is matched against it by URN and alias, and the outcome is printed
 * like a preview. Exit 0 when nothing that exists would be deleted, replaced or created twice; 1
 * otherwise (or when the plan or the export cannot be read); 2 on usage errors.
 */
final class AdoptCommand {
    static final String USAGE = "./labstacks adopt <stack> --state FILE [--json OUT] [--root DIR]";

    private final ProgramCatalog catalog;
    private final PrintStream out;
    private final PrintStream err;

    AdoptCommand(ProgramCatalog catalog, PrintStream out, PrintStream err) {
        this.catalog = catalog;
        this.out = out;
        this.err = err;
    }

    int run(String[] args, Path defaultRoot, Map<String, String> environment) {
        StackArguments arguments;
        try {
            arguments = StackArguments.parse(args, defaultRoot, Set.of("--state", "--json"), Set.of());
            if (arguments.all()) {
                throw new StackArguments.UsageException("adopt takes one stack, not --all");
            }
            if (arguments.stacks(null).size() != 1) {
                throw new StackArguments.UsageException("name the one stack to adopt into");
            }
            if (arguments.value("--state") == null) {
                throw new StackArguments.UsageException("--state FILE is required: a `pulumi stack export --file FILE` of the stack to take over");
            }
        } catch (StackArguments.UsageException e) {
            err.print(e.getMessage() + "\nusage: " + USAGE + "\n");
            return Main.USAGE;
        }
        var stack = arguments.stacks(null).get(0);
        var stateFile = Path.of(arguments.value("--state"));
        var json = arguments.value("--json") == null ? null : Path.of(arguments.value("--json"));

        StateExport export;
        try {
            export = StateExport.read(stateFile);
        } catch (StateExport.InvalidExportException e) {
            err.println("error: " + e.getMessage());
            return Main.FAILED;
        }
        labstacks.offline.plan.Plan plan;
        try {
            var project = ProjectFiles.open(arguments.root());
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
        if (json != null) {
            try {
                var parent = json.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                Files.writeString(json, AdoptionOutput.json(report));
                out.println("wrote " + json);
            } catch (IOException e) {
                err.println("error: cannot write " + json + ": " + e.getMessage());
                return Main.FAILED;
            }
        }
        return report.safe() ? Main.OK : Main.FAILED;
    }
}
