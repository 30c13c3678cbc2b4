package labstacks.launcher;

import labstacks.shared.config.ProjectFiles;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.ArrayList;
import java.util.List;

/** The arguments the stack commands share: stack names or {@code --all}, and {@code --root DIR}. */
final class StackSelection {
    @Parameters(paramLabel = "<stack>", description = "a stack: the <stack> of a Pulumi.<stack>.yaml")
    List<String> stacks = new ArrayList<>();

    @Option(names = "--all", description = "every stack file of the project")
    boolean all;

    @Mixin
    ProjectRoot root;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /** Requires stack names or {@code --all}, not both and not neither. */
    void requireStacks(String verb) {
        if (all == !stacks.isEmpty()) {
            throw new ParameterException(command.commandLine(), "name the stacks to " + verb + ", or --all");
        }
    }

    /** The named stacks, or every stack file of the project with {@code --all}. */
    List<String> stacks(ProjectFiles project) {
        return all ? project.stacks() : List.copyOf(stacks);
    }

    boolean hasStacks() {
        return !stacks.isEmpty();
    }
}
