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
import java.util.Map;

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
        var stacks = new ArrayList<String>();
        boolean all = false;
        Path json = null;
        Path root = defaultRoot;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--all" -> all = true;
                case "--json", "--root" -> {
                    if (i + 1 >= args.length) {
                        err.print(args[i] + " needs a value\n" + Main.usage());
                        return Main.USAGE;
                    }
                    if (args[i].equals("--json")) {
                        json = Path.of(args[++i]);
                    } else {
                        root = Path.of(args[++i]);
                    }
                }
                default -> {
                    if (args[i].startsWith("-")) {
                        err.print("unknown option " + args[i] + "\n" + Main.usage());
                        return Main.USAGE;
                    }
                    stacks.add(args[i]);
                }
            }
        }
        if (all == !stacks.isEmpty()) {
            err.print("name the stacks to plan, or --all\n" + Main.usage());
            return Main.USAGE;
        }
        ProjectFiles project;
        try {
            project = ProjectFiles.open(root);
            if (all) {
                stacks.addAll(project.stacks());
            }
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
