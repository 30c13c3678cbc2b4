package labstacks.launcher;

import labstacks.offline.check.PlanCheck;
import labstacks.shared.config.ProjectFiles;
import labstacks.shared.config.StackConfigException;
import labstacks.shared.config.StackFileException;
import labstacks.offline.plan.OfflineRuntime;
import labstacks.shared.program.ProgramCatalog;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code check <stack>... | --all [--root DIR]}: the policy rules over each stack's offline plan, like a linter. */
final class CheckCommand {
    static final String USAGE = """
            usage: ./labstacks check <stack>... [--root DIR]
                   ./labstacks check --all [--root DIR]
                   ./labstacks check --rules
            Policy rules (S3, IAM, Pulumi options, Kubernetes) over each stack's offline plan, like a linter.
            Exit codes: 0 every rule passes, 1 a violation or a stack that cannot be planned, 2 a usage error.
            """;

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
            if (arguments.flag("--rules") && (arguments.all() || arguments.hasStacks())) {
                throw new StackArguments.UsageException("--rules lists the rules and takes no stacks");
            }
            if (arguments.flag("--rules")) {
                PlanCheck.rules().forEach(rule -> out.println(rule.id() + "\t" + rule.description()));
                return Main.OK;
            }
            arguments.requireStacks("check");
        } catch (StackArguments.UsageException e) {
            err.print(e.getMessage() + "\n" + USAGE);
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
        var unplanned = new java.util.ArrayList<String>();
        for (var stack : stacks) {
            try {
                var plan = OfflineRuntime.plan(catalog, project.read(stack, environment));
                if (!plan.succeeded()) {
                    err.println("error: " + stack + ": the plan failed: " + String.join("; ", plan.errors()));
                    out.println("== " + stack + ": not checked, the plan failed (see the error)");
                    unplanned.add(stack);
                    failed = true;
                    continue;
                }
                var exceptions = catalog.find(plan.program()).map(p -> p.policyExceptions()).orElse(List.of());
                var result = PlanCheck.run(plan, exceptions, rules);
                out.println("== " + stack + " (" + plan.resources().size() + " resources, " + rules.size()
                        + " rules): " + (result.passed() ? "ok" : result.violations().size() + " violation(s)"));
                result.violations().forEach(v -> out.println("  " + v.render().replace("\n", "\n  ")));
                // One line per excepted resource and rule, however many of its containers or statements matched.
                result.excepted().stream().map(e -> "  excepted " + e.violation().rule() + "  " + e.violation().type()
                        + "  " + e.violation().name() + ": " + e.exception().reason()).distinct().forEach(out::println);
                result.unusedExceptions().forEach(e -> err.println("warning: " + stack + ": exception " + e.rule() + " for "
                        + e.type() + " " + e.name() + " matches nothing; remove it"));
                total += result.violations().size();
                failed |= !result.passed();
            } catch (StackConfigException | StackFileException e) {
                err.println("error: " + e.getMessage());
                out.println("== " + stack + ": not checked, its configuration is invalid (see the error)");
                unplanned.add(stack);
                failed = true;
            }
        }
        out.println(failed ? "check failed: " + total + " violation(s)"
                + (unplanned.isEmpty() ? "" : ", " + unplanned.size() + " stack(s) not checked: " + String.join(", ", unplanned))
                : "check passed: " + stacks.size() + " stack(s)");
        return failed ? Main.FAILED : Main.OK;
    }
}
