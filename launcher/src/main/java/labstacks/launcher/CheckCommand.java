package labstacks.launcher;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import labstacks.offline.check.PlanCheck;
import labstacks.offline.plan.OfflineRuntime;
import labstacks.shared.config.ProjectFiles;
import labstacks.shared.config.StackConfigException;
import labstacks.shared.config.StackFileException;
import labstacks.shared.program.ProgramCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code check <stack>... | --all [--root DIR]}: the policy rules over each stack's offline plan, like a linter. */
@Command(
        name = "check",
        customSynopsis = {
            "./labstacks check <stack>... [--root DIR] [--format text|json|sarif] [--output FILE]",
            "       ./labstacks check --all [--root DIR] [--format text|json|sarif] [--output FILE]",
            "       ./labstacks check --rules"
        },
        description =
                "Policy rules (S3, IAM, Pulumi options, Kubernetes) over each stack's offline plan, like a linter.",
        exitCodeList = {
            "0:every rule passes",
            "1:a violation or a stack that cannot be planned",
            "2:a usage error"
        })
final class CheckCommand extends ProjectCommand {
    @Mixin StackSelection selection;

    @Option(
            names = "--rules",
            description = "list the rules, one per line: id, tab, severity, tab, description")
    boolean listRules;

    /** The report forms. */
    enum Format {
        text,
        json,
        sarif
    }

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            description =
                    "text (default), json, or sarif (SARIF 2.1.0, for"
                            + " GitHub code scanning): every finding with its severity and location")
    Format format = Format.text;

    @Option(
            names = "--output",
            paramLabel = "FILE",
            description =
                    "write the --format report to FILE; the text report" + " still goes to stdout")
    Path output;

    CheckCommand(
            ProgramCatalog catalog,
            PrintStream out,
            PrintStream err,
            Path defaultRoot,
            Map<String, String> environment) {
        super(catalog, out, err, defaultRoot, environment);
    }

    @Override
    public Integer call() {
        if (listRules && (selection.all || selection.hasStacks())) {
            throw new ParameterException(
                    selection.command.commandLine(), "--rules lists the rules and takes no stacks");
        }
        if (listRules) {
            PlanCheck.rules()
                    .forEach(
                            rule ->
                                    out.println(
                                            rule.id()
                                                    + "\t"
                                                    + CheckReport.severity(rule.id())
                                                    + "\t"
                                                    + rule.description()));
            return Main.OK;
        }
        selection.requireStacks("check");
        if (output != null && format == Format.text) {
            throw new ParameterException(
                    selection.command.commandLine(),
                    "--output writes a --format json or sarif report; add --format sarif (or json)");
        }
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
        // Text goes to stdout unless a machine report takes its place there.
        var text =
                format == Format.text || output != null
                        ? out
                        : new PrintStream(OutputStream.nullOutputStream());
        var out = text;
        var locations = new CheckLocations(project.root());
        var findings = new ArrayList<CheckReport.Finding>();
        var unchecked = new ArrayList<CheckReport.Unchecked>();
        var failed = false;
        var total = 0;
        var unplanned = new ArrayList<String>();
        for (var stack : stacks) {
            try {
                var plan = OfflineRuntime.plan(catalog, project.read(stack, environment));
                if (!plan.succeeded()) {
                    err.println(
                            "error: "
                                    + stack
                                    + ": the plan failed: "
                                    + String.join("; ", plan.errors()));
                    out.println("== " + stack + ": not checked, the plan failed (see the error)");
                    unplanned.add(stack);
                    unchecked.add(
                            new CheckReport.Unchecked(
                                    stack, "the plan failed: " + String.join("; ", plan.errors())));
                    failed = true;
                    continue;
                }
                var exceptions =
                        catalog.find(plan.program())
                                .map(p -> p.policyExceptions())
                                .orElse(List.of());
                var result = PlanCheck.run(plan, exceptions, rules);
                out.println(
                        "== "
                                + stack
                                + " ("
                                + plan.resources().size()
                                + " resources, "
                                + rules.size()
                                + " rules): "
                                + (result.passed()
                                        ? "ok"
                                        : result.violations().size() + " violation(s)"));
                var programClass = catalog.find(plan.program()).<Class<?>>map(Object::getClass);
                for (var v : result.violations()) {
                    var location = locations.locate(stack, plan, v, programClass);
                    findings.add(
                            new CheckReport.Finding(
                                    stack, v, location, CheckLocations.urn(plan, v).orElse(null)));
                    out.println(
                            "  "
                                    + CheckReport.severity(v.rule())
                                    + "  "
                                    + v.render().replace("\n", "\n  ")
                                    + "\n      at: "
                                    + location.render());
                }
                // One line per excepted resource and rule, however many of its containers or
                // statements matched.
                result.excepted().stream()
                        .map(
                                e ->
                                        "  excepted "
                                                + e.violation().rule()
                                                + "  "
                                                + e.violation().type()
                                                + "  "
                                                + e.violation().name()
                                                + ": "
                                                + e.exception().reason())
                        .distinct()
                        .forEach(out::println);
                result.unusedExceptions()
                        .forEach(
                                e ->
                                        err.println(
                                                "warning: "
                                                        + stack
                                                        + ": exception "
                                                        + e.rule()
                                                        + " for "
                                                        + e.type()
                                                        + " "
                                                        + e.name()
                                                        + " matches nothing; remove it"));
                total += result.violations().size();
                failed |= !result.passed();
            } catch (StackConfigException | StackFileException e) {
                err.println("error: " + e.getMessage());
                out.println(
                        "== "
                                + stack
                                + ": not checked, its configuration is invalid (see the error)");
                unplanned.add(stack);
                unchecked.add(new CheckReport.Unchecked(stack, e.getMessage()));
                failed = true;
            }
        }
        out.println(
                failed
                        ? "check failed: "
                                + total
                                + " violation(s)"
                                + (unplanned.isEmpty()
                                        ? ""
                                        : ", "
                                                + unplanned.size()
                                                + " stack(s) not checked: "
                                                + String.join(", ", unplanned))
                        : "check passed: " + stacks.size() + " stack(s)");
        if (format != Format.text) {
            var version =
                    Objects.requireNonNullElse(
                            Main.class.getPackage().getImplementationVersion(), "development");
            var report =
                    format == Format.json
                            ? CheckReport.json(findings, unchecked, stacks.size())
                            : CheckReport.sarif(rules, findings, unchecked, version);
            if (output == null) {
                this.out.print(report);
            } else if (!OutputFile.write(output, report, "--output", err, err)) {
                return Main.FAILED;
            }
        }
        return failed ? Main.FAILED : Main.OK;
    }
}
