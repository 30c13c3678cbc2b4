package labstacks.launcher;

import labstacks.shared.check.PlanCheck;
import labstacks.shared.config.ProjectFiles;
import labstacks.shared.config.StackConfigException;
import labstacks.shared.config.StackFileException;
import labstacks.shared.plan.OfflineRuntime;
import labstacks.shared.program.ProgramCatalog;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code check <stack>... | --all [--root DIR]}: the policy rules over each stack's offline plan, like a linter. */
final class CheckCommand {
    private final ProgramCatalog catalog;
    private final PrintStream out;
    private final PrintStream err;

    CheckCommand(ProgramCatalog catalog, PrintStream out, PrintStream err) {
        this.catalog = catalog;
        this.out = out;
        this.err = err;
    }

    int run(String[] args, Path defaultRoot, Map<String, String> environment) {
        StackArguments arguments;
        try {
            arguments = StackArguments.parse(args, defaultRoot, Set.of(), Set.of("--rules"));
            if (arguments.flag("--rules")) {
                PlanCheck.rules().forEach(rule -> out.println(rule.id() + "\t" + rule.description()));
                return Main.OK;
            }
            arguments.requireStacks("check");
        } catch (StackArguments.UsageException e) {
            err.print(e.getMessage() + "\n" + Main.usage());
            return Main.USAGE;
        }
        ProjectFiles project;
        List<String> stacks;
        try {
            project = ProjectFiles.open(arguments.root());
            stacks = arguments.stacks(project);
        } catch (StackFileException e) {
            err.println("error: " + e.getMessage());
            return Main.FAILED;
        }
        var rules = PlanCheck.rules();
        var failed = false;
        var total = 0;
        for (var stack : stacks) {
            try {
                var plan = OfflineRuntime.plan(catalog, project.read(stack, environment));
                if (!plan.succeeded()) {
                    err.println("error: " + stack + ": the plan failed: " + String.join("; ", plan.errors()));
                    failed = true;
                    continue;
                }
                var exceptions = catalog.find(plan.program()).map(p -> p.policyExceptions()).orElse(List.of());
                var result = PlanCheck.run(plan, exceptions, rules);
                out.println("== " + stack + " (" + plan.resources().size() + " resources, " + rules.size()
                        + " rules): " + (result.passed() ? "ok" : result.violations().size() + " violation(s)"));
                result.violations().forEach(v -> out.println("  " + v.render().replace("\n", "\n  ")));
                result.excepted().forEach(e -> out.println("  excepted " + e.violation().rule() + "  " + e.violation().type()
                        + "  " + e.violation().name() + ": " + e.exception().reason()));
                result.unusedExceptions().forEach(e -> err.println("warning: " + stack + ": exception " + e.rule() + " for "
                        + e.type() + " " + e.name() + " matches nothing; remove it"));
                total += result.violations().size();
                failed |= !result.passed();
            } catch (StackConfigException | StackFileException e) {
                err.println("error: " + e.getMessage());
                failed = true;
            }
        }
        out.println(failed ? "check failed: " + total + " violation(s)" : "check passed: " + stacks.size() + " stack(s)");
        return failed ? Main.FAILED : Main.OK;
    }
}
