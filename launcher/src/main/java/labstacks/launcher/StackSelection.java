package labstacks.launcher;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import labstacks.shared.config.ProjectFiles;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The arguments the stack commands share: stacks (as arguments or, as Pulumi users type them, with
 * {@code -s/--stack}) or {@code --all}, and {@code --root DIR}. Each stack may be named in any form
 * {@link StackReference} reads.
 */
final class StackSelection {
    @Parameters(
            paramLabel = "<stack>",
            description =
                    "a stack: <stack>, <org>/<stack>, <org>/labstacks/<stack> or Pulumi.<stack>.yaml")
    List<String> stacks = new ArrayList<>();

    @Option(
            names = {"-s", "--stack"},
            paramLabel = "<stack>",
            description = "a stack, as pulumi -s takes it (the same as naming it as an argument)")
    List<String> stackOptions = new ArrayList<>();

    @Option(names = "--all", description = "every stack file of the project")
    boolean all;

    @Mixin ProjectRoot root;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /** Requires stack names or {@code --all}, not both and not neither. */
    void requireStacks(String verb) {
        if (all && hasStacks()) {
            throw new ParameterException(
                    command.commandLine(),
                    "name the stacks to " + verb + " or give --all, not both");
        }
        if (!all && !hasStacks()) {
            throw new ParameterException(
                    command.commandLine(), "name the stacks to " + verb + ", or --all");
        }
    }

    /**
     * The named stacks (each resolved to its stack file's name, an organization shown on {@code notes}), or
     * every stack file of the project with {@code --all}.
     *
     * @throws labstacks.shared.config.StackFileException for a name of another project
     */
    List<String> stacks(ProjectFiles project, PrintStream notes) {
        if (all) {
            return project.stacks();
        }
        var result = new ArrayList<String>();
        for (var given : named()) {
            var reference = StackReference.parse(given, project.project());
            reference.note().ifPresent(note -> notes.println("note: " + note));
            result.add(reference.stack());
        }
        return result;
    }

    private List<String> named() {
        var named = new ArrayList<>(stackOptions);
        named.addAll(stacks);
        return named;
    }

    boolean hasStacks() {
        return !stacks.isEmpty() || !stackOptions.isEmpty();
    }
}
