package labstacks.launcher;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import labstacks.offline.plan.OfflineRuntime;
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

/** {@code graph <stack> [--format mermaid|dot]}: the stack's resource tree, providers and dependencies. */
@Command(
        name = "graph",
        customSynopsis = "./labstacks graph <stack> [--format mermaid|dot] [--root DIR]",
        description =
                "The stack's offline plan as a picture: components as boxes, resources, providers and"
                        + " dependencies, in Mermaid (GitHub renders it) or Graphviz DOT.",
        exitCodeList = {
            "0:drawn",
            "1:the stack's files, settings or program failed",
            "2:a usage error"
        })
final class GraphCommand extends ProjectCommand {

    enum Format {
        mermaid,
        dot
    }

    @Parameters(
            paramLabel = "<stack>",
            description =
                    "a stack: <stack>, <org>/<stack>, <org>/labstacks/<stack>"
                            + " or Pulumi.<stack>.yaml")
    List<String> stacks = new ArrayList<>();

    @Option(
            names = {"-s", "--stack"},
            paramLabel = "<stack>",
            description = "the same, as pulumi -s takes it")
    List<String> stackOptions = new ArrayList<>();

    @Option(
            names = "--format",
            paramLabel = "mermaid|dot",
            description = "mermaid (the default) or dot")
    Format format = Format.mermaid;

    @Mixin ProjectRoot root;

    @Spec CommandSpec spec;

    GraphCommand(
            ProgramCatalog catalog,
            PrintStream out,
            PrintStream err,
            Path defaultRoot,
            Map<String, String> environment) {
        super(catalog, out, err, defaultRoot, environment);
    }

    @Override
    public Integer call() {
        stacks.addAll(0, stackOptions);
        if (stacks.size() != 1) {
            throw new ParameterException(spec.commandLine(), "name the one stack to draw");
        }
        try {
            var project = ProjectFiles.open(root.orElse(defaultRoot));
            var reference = StackReference.parse(stacks.get(0), project.project());
            reference.note().ifPresent(note -> err.println("note: " + note));
            var plan = OfflineRuntime.plan(catalog, project.read(reference.stack(), environment));
            if (!plan.succeeded()) {
                plan.errors().forEach(e -> err.println("error: " + e));
                err.println("The plan of " + reference.stack() + " failed; nothing to draw.");
                return Main.FAILED;
            }
            var graph = new StackGraph(plan);
            out.print(format == Format.dot ? graph.dot() : graph.mermaid());
            return Main.OK;
        } catch (StackConfigException | StackFileException e) {
            err.println("error: " + e.getMessage());
            return Main.FAILED;
        }
    }
}
