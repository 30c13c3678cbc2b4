package labstacks.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import labstacks.offline.adopt.Adoption;
import labstacks.offline.adopt.AdoptionOutput;
import labstacks.offline.adopt.StateExport;
import labstacks.offline.plan.OfflineRuntime;
import labstacks.offline.plan.Plan;
import labstacks.shared.config.ProjectFiles;
import labstacks.shared.config.StackConfigException;
import labstacks.shared.config.StackFileException;
import labstacks.shared.program.ProgramCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code adopt <stack> --state FILE [--renamed-from ORG/PROJECT/STACK] [--accept-create URN...] [--json OUT]
 * [--root DIR]}: what taking over an existing stack's state would do. The export must name this project
 * and stack, or {@code --renamed-from} must say which stack it was before a {@code pulumi stack rename}
 * (the export is then read as the rename leaves it). The stack's offline plan is matched against it by URN
 * and alias, and the outcome is printed like a preview. Exit 0 only when every planned resource is matched,
 * imported by id or accepted, and nothing that exists would be deleted, replaced or created twice; 1
 * otherwise (or when the plan or the export cannot be read); 2 on usage errors.
 */
@Command(
        name = "adopt",
        customSynopsis =
                "./labstacks adopt <stack> --state FILE [--renamed-from ORG/PROJECT/STACK]"
                        + " [--accept-create URN...] [--json OUT] [--root DIR]",
        description =
                "What taking over an existing stack's state would do, printed like a preview: the export is"
                        + " matched against the stack's offline plan by URN and alias.",
        exitCodeList = {
            "0:every planned resource is matched, imported or accepted, and nothing that exists would be"
                    + " deleted, replaced or created twice",
            "1:something would be, or the plan or the export cannot be read",
            "2:a usage error"
        })
final class AdoptCommand extends ProjectCommand {
    @Parameters(
            paramLabel = "<stack>",
            description =
                    "the stack to adopt into: <stack>, <org>/<stack>,"
                            + " <org>/labstacks/<stack> or Pulumi.<stack>.yaml")
    List<String> stacks = new ArrayList<>();

    @Option(
            names = {"-s", "--stack"},
            paramLabel = "<stack>",
            description = "the same, as pulumi -s takes it")
    List<String> stackOptions = new ArrayList<>();

    @Option(
            names = "--state",
            paramLabel = "FILE",
            description = "a `pulumi stack export --file FILE` of the stack to take over")
    Path stateFile;

    @Option(
            names = "--renamed-from",
            paramLabel = "ORG/PROJECT/STACK",
            description =
                    "the stack the export belongs to, when it is (or will be) renamed to this one with"
                            + " `pulumi stack rename`")
    String renamedFrom;

    @Option(
            names = "--accept-create",
            paramLabel = "URN",
            arity = "1..*",
            description =
                    "a planned resource that may be created: nothing of it exists outside the state")
    List<String> acceptCreate = new ArrayList<>();

    @Option(names = "--json", paramLabel = "OUT", description = "also write the report as JSON")
    Path json;

    /** Not an option of adopt; declared so that it gets its own clear error. */
    @Option(names = "--all", hidden = true)
    boolean all;

    @Mixin ProjectRoot root;

    @Spec CommandSpec spec;

    AdoptCommand(
            ProgramCatalog catalog,
            PrintStream out,
            PrintStream err,
            Path defaultRoot,
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
            throw new ParameterException(
                    spec.commandLine(),
                    "--state FILE is required: a `pulumi stack export --file FILE` of the stack to take over");
        }
        var projectRoot = root.orElse(defaultRoot);
        if (json != null && !json.toString().equals("-")) {
            var refusal = refusedOutput(json, stateFile, projectRoot);
            if (refusal != null) {
                throw new ParameterException(
                        spec.commandLine(),
                        "--json "
                                + json
                                + ": "
                                + refusal
                                + "; give --json a new file, for example adopt.json");
            }
        }
        String[] from = null;
        if (renamedFrom != null) {
            from = renamedFrom.split("/", -1);
            if (from.length != 3 || Arrays.stream(from).anyMatch(String::isBlank)) {
                throw new ParameterException(
                        spec.commandLine(),
                        "--renamed-from "
                                + renamedFrom
                                + ": expected ORG/PROJECT/STACK, the fully qualified name of the stack before the rename");
            }
        }
        var given = stacks.get(0);

        StateExport export;
        try {
            export = StateExport.read(stateFile);
        } catch (StateExport.InvalidExportException e) {
            err.println("error: " + e.getMessage());
            return Main.FAILED;
        }
        Plan plan;
        String stack;
        try {
            var project = ProjectFiles.open(projectRoot);
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
        var exportedAs = export.project() + "/" + export.stack();
        var target = plan.project() + "/" + plan.stack();
        out.println(stateFile + " is the export of " + exportedAs);
        if (!exportedAs.equals(target)) {
            if (from == null) {
                err.println(
                        "error: "
                                + stateFile
                                + " is the export of "
                                + exportedAs
                                + ", not of "
                                + target
                                + "; if it is to be renamed with `pulumi stack rename "
                                + "ORG/"
                                + target
                                + "`, say which stack it"
                                + " was: --renamed-from ORG/"
                                + exportedAs
                                + " (after the rename, export again: the new export"
                                + " names "
                                + target
                                + ")");
                return Main.FAILED;
            }
            if (!(from[1] + "/" + from[2]).equals(exportedAs)) {
                err.println(
                        "error: --renamed-from "
                                + renamedFrom
                                + " does not name the stack of "
                                + stateFile
                                + " ("
                                + exportedAs
                                + "); give --renamed-from ORG/"
                                + exportedAs);
                return Main.FAILED;
            }
            out.println(
                    "reading it as `pulumi stack rename "
                            + from[0]
                            + "/"
                            + target
                            + "` leaves it (--renamed-from "
                            + renamedFrom
                            + ")");
        } else if (from != null) {
            out.println(
                    "note: the export already names "
                            + target
                            + "; --renamed-from "
                            + renamedFrom
                            + " changes nothing");
        }
        var report =
                Adoption.compare(
                        plan,
                        export.renamedTo(plan.project(), plan.stack()),
                        Set.copyOf(acceptCreate));
        out.print(AdoptionOutput.text(report));
        if (json != null
                && !OutputFile.write(
                        json,
                        AdoptionOutput.json(report, exportedAs, renamedFrom),
                        "--json",
                        out,
                        err)) {
            return Main.FAILED;
        }
        return report.safe() ? Main.OK : Main.FAILED;
    }

    /**
     * Why {@code --json} may not be written: it is the export being read, or a Pulumi project or stack
     * file (which can hold {@code secure:} values not committed yet); null when it may.
     */
    static String refusedOutput(Path output, Path state, Path projectRoot) {
        var name = output.getFileName() == null ? "" : output.getFileName().toString();
        if (name.matches("Pulumi(\\..+)?\\.ya?ml")) {
            return "is a Pulumi project or stack file; the report would replace it";
        }
        try {
            if (Files.exists(output) && Files.exists(state) && Files.isSameFile(output, state)) {
                return "is the --state export itself; the report would replace it";
            }
        } catch (IOException e) {
            return null;
        }
        if (output.toAbsolutePath().normalize().equals(state.toAbsolutePath().normalize())) {
            return "is the --state export itself; the report would replace it";
        }
        return null;
    }
}
