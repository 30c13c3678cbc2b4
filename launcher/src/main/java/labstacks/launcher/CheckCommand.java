package labstacks.launcher;

import labstacks.offline.check.PlanCheck;
import labstacks.shared.config.ProjectFiles;
import labstacks.shared.config.StackConfigException;
import labstacks.shared.config.StackFileException;
import labstacks.offline.plan.OfflineRuntime;
import labstacks.shared.program.ProgramCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** {@code check <stack>... | --all [--root DIR]}: the policy rules over each stack's offline plan, like a linter. */
@Command(name = "check",
        customSynopsis = {"./labstacks check <stack>... [--root DIR]",
                "       ./labstacks check --all [--root DIR]",
                "       ./labstacks check --rules"},
        description = "Policy rules (S3, IAM, Pulumi options, Kubernetes) over each stack's offline plan, like a linter.",
        exitCodeList = {"0:every rule passes", "1:a violation or a stack that cannot be planned", "2:a usage error"})
final class CheckCommand extends ProjectCommand {
    @Mixin
    StackSelection selection;

    @Option(names = "--rules", description = "list the rules, one per line: id, tab, description")
    boolean listRules;

    CheckCommand(ProgramCatalog catalog, PrintStream out, PrintStream err, Path defaultRoot,
                 Map<String, String> environment) {
        super(catalog, out, err, defaultRoot, environment);
    }

    @Override
    public Integer call() {
        if (listRules && (selection.all || selection.hasStacks())) {
            throw new ParameterException(selection.command.commandLine(), "--rules lists the rules and takes no stacks");
        }
        if (listRules) {
            PlanCheck.rules().forEach(rule -> out.println(rule.id() + "\t" + rule.description()));
            return Main.OK;
        }
        selection.requireStacks("check");
        ProjectFiles project;
        List<String> stacks;
        try {
            project = ProjectFiles.open(selection.root.orElse(defaultRoot));
            stacks = selection.stacks(project, err);
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
