package labstacks.launcher;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import labstacks.offline.plan.OfflineRuntime;
import labstacks.offline.plan.PlanJson;
import labstacks.offline.plan.PlanPrinter;
import labstacks.shared.config.ProjectFiles;
import labstacks.shared.config.RunMode;
import labstacks.shared.config.StackConfigException;
import labstacks.shared.config.StackFileException;
import labstacks.shared.program.PreparedStack;
import labstacks.shared.program.ProgramCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code plan <stack>... | --all [--json FILE|-] [--root DIR] [--debug]}: the offline plan of stacks.
 *
 * <p>A stack whose files, settings or program fail gets no plan at all: one error (key or file, problem,
 * fix) on stderr, an entry with {@code errors} in the JSON, and exit code 1. A partial plan is never
 * printed or written. Stack traces appear only with {@code --debug}.
 */
@Command(
        name = "plan",
        customSynopsis = {
            "./labstacks plan <stack>... [--json FILE] [--show-values] [--root DIR] [--debug]",
            "       ./labstacks plan --all [--json FILE] [--show-values] [--root DIR] [--debug]"
        },
        description =
                "The offline plan of each stack, as pulumi preview would show it; no cloud, no credentials.",
        exitCodeList = {
            "0:planned",
            "1:a stack's files, settings or program failed",
            "2:a usage error"
        })
final class PlanCommand extends ProjectCommand {
    @Mixin StackSelection selection;

    @Option(
            names = "--json",
            paramLabel = "FILE",
            description =
                    "also write the plan as JSON (one object for one stack, an array otherwise; - for stdout)")
    String jsonTarget;

    @Option(names = "--debug", description = "print the stack trace of a program that fails")
    boolean debug;

    @Option(
            names = "--show-values",
            description =
                    "print every input and output whole (pretty-printed JSON)"
                            + " instead of cut to one line")
    boolean showValues;

    PlanCommand(
            ProgramCatalog catalog,
            PrintStream out,
            PrintStream err,
            Path defaultRoot,
            Map<String, String> environment) {
        super(catalog, out, err, defaultRoot, environment);
    }

    /** The outcome of planning one stack: its JSON entry, and whether it failed. */
    private record Outcome(Map<String, Object> document, boolean failed) {}

    @Override
    public Integer call() {
        selection.requireStacks("plan");
        var all = selection.all;
        var json = jsonTarget == null || jsonTarget.equals("-") ? null : Path.of(jsonTarget);
        // With the JSON on stdout, the human plan goes to stderr so stdout stays parseable.
        var human = "-".equals(jsonTarget) ? err : out;
        ProjectFiles project;
        List<String> stacks;
        try {
            project = ProjectFiles.open(selection.root.orElse(defaultRoot));
            stacks = selection.stacks(project, err);
        } catch (StackFileException e) {
            err.println("error: " + e.getMessage());
            return Main.FAILED;
        }

        var unicode = PlanPrinter.unicodeConsole();
        var documents = new ArrayList<Map<String, Object>>();
        var failed = false;
        for (var stack : stacks) {
            var outcome =
                    plan(project, stack, environment, human, unicode, debug, jsonTarget != null);
            documents.add(outcome.document());
            failed |= outcome.failed();
        }
        if (jsonTarget != null) {
            // One stack named: one object. --all or several: an array, even when it holds one.
            var text = PlanJson.json(!all && stacks.size() == 1 ? documents.get(0) : documents);
            if (json == null) {
                out.print(text);
            } else if (!OutputFile.write(json, text, "--json", human, err)) {
                return Main.FAILED;
            }
        }
        if (failed) {
            err.println(
                    "The plan of "
                            + (stacks.size() == 1 ? "the stack" : "at least one stack")
                            + " failed; nothing was planned for it. See the error above.");
        }
        return failed ? Main.FAILED : Main.OK;
    }

    /** {@code json}: whether the JSON document is wanted; without {@code --json} it is not built at all. */
    private Outcome plan(
            ProjectFiles project,
            String stack,
            Map<String, String> environment,
            PrintStream human,
            boolean unicode,
            boolean debug,
            boolean json) {
        String program = null;
        try {
            var config = project.read(stack, environment);
            program = config.get("labstacks:program").orElse(null);
            var run =
                    OfflineRuntime.run(
                            PreparedStack.prepare(catalog, config, RunMode.PLAN),
                            OfflineRuntime.Options.forPreview());
            var plan = run.plan();
            if (!plan.succeeded()) {
                err.println(
                        "error: "
                                + stack
                                + ": the program "
                                + plan.program()
                                + " failed, nothing was planned ("
                                + config.stackFile()
                                + "):");
                plan.errors().forEach(e -> err.println("  " + e.replace("\n", "\n  ")));
                if (debug) {
                    run.exceptions().forEach(e -> e.printStackTrace(err));
                } else if (!run.exceptions().isEmpty()) {
                    err.println("  (run with --debug for the stack trace)");
                }
                err.println();
                return new Outcome(
                        PlanJson.failed(plan.project(), stack, plan.program(), plan.errors()),
                        true);
            }
            human.println(PlanPrinter.render(plan, unicode, showValues));
            EscPlanNotes.print(project.root(), stack, plan.warnings(), human, err);
            return new Outcome(json ? PlanJson.document(plan) : Map.of(), false);
        } catch (StackConfigException | StackFileException e) {
            err.println("error: " + e.getMessage());
            if (debug) {
                e.printStackTrace(err);
            }
            err.println();
            return new Outcome(
                    PlanJson.failed(project.project(), stack, program, List.of(e.getMessage())),
                    true);
        } catch (RuntimeException e) {
            // Anything else is a bug of labstacks, not of the stack; still one message and no plan.
            err.println(
                    "error: "
                            + stack
                            + ": the plan failed unexpectedly: "
                            + e
                            + (debug ? "" : " (run with --debug for the stack trace)"));
            if (debug) {
                e.printStackTrace(err);
            }
            return new Outcome(
                    PlanJson.failed(project.project(), stack, program, List.of(e.toString())),
                    true);
        }
    }
}
