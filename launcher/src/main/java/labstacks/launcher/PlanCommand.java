package labstacks.launcher;

import labstacks.shared.config.ProjectFiles;
import labstacks.shared.config.StackConfigException;
import labstacks.shared.config.StackFileException;
import labstacks.shared.plan.OfflineRuntime;
import labstacks.shared.plan.Plan;
import labstacks.shared.plan.PlanJson;
import labstacks.shared.plan.PlanPrinter;
import labstacks.shared.program.ProgramCatalog;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code plan <stack>... | --all [--json FILE] [--root DIR]}: the offline plan of stacks. */
final class PlanCommand {
    private final ProgramCatalog catalog;
    private final PrintStream out;
    private final PrintStream err;

    PlanCommand(ProgramCatalog catalog, PrintStream out, PrintStream err) {
        this.catalog = catalog;
        this.out = out;
        this.err = err;
    }

    int run(String[] args, Path defaultRoot, Map<String, String> environment) {
        StackArguments arguments;
        try {
            arguments = StackArguments.parse(args, defaultRoot, Set.of("--json"), Set.of());
            arguments.requireStacks("plan");
        } catch (StackArguments.UsageException e) {
            err.print(e.getMessage() + "\n" + Main.usage());
            return Main.USAGE;
        }
        var all = arguments.all();
        var json = arguments.value("--json") == null ? null : Path.of(arguments.value("--json"));
        ProjectFiles project;
        List<String> stacks;
        try {
            project = ProjectFiles.open(arguments.root());
            stacks = arguments.stacks(project);
        } catch (StackFileException e) {
            err.println("error: " + e.getMessage());
            return Main.FAILED;
        }

        var plans = new ArrayList<Plan>();
        var failed = false;
        for (var stack : stacks) {
            try {
                var plan = OfflineRuntime.plan(catalog, project.read(stack, environment));
                out.println(PlanPrinter.render(plan));
                plans.add(plan);
                failed |= !plan.succeeded();
            } catch (StackConfigException | StackFileException e) {
                err.println("error: " + e.getMessage());
                err.println();
                failed = true;
            }
        }
        if (json != null) {
            try {
                var parent = json.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                // One stack named: one plan object. --all or several: an array, even when it holds one.
                Files.writeString(json, !all && stacks.size() == 1 && plans.size() == 1
                        ? PlanJson.write(plans.get(0)) : PlanJson.writeAll(plans));
                out.println("wrote " + json);
            } catch (IOException e) {
                err.println("error: cannot write " + json + ": " + e.getMessage());
                return Main.FAILED;
            }
        }
        if (failed) {
            err.println("The plan of " + (stacks.size() == 1 ? "the stack" : "at least one stack")
                    + " failed; see the errors above.");
        }
        return failed ? Main.FAILED : Main.OK;
    }
}
