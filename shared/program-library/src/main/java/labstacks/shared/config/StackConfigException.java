package labstacks.shared.config;

import java.util.List;

/**
 * A stack's configuration cannot be used. The message lists every problem at once, each with its key
 * and fix, and names the stack file to edit.
 */
public final class StackConfigException extends RuntimeException {
    private final String stackFile;
    private final List<ConfigProblem> problems;

    public StackConfigException(String stackFile, List<ConfigProblem> problems) {
        super(render(stackFile, problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a StackConfigException needs at least one problem");
        }
        this.stackFile = stackFile;
        this.problems = List.copyOf(problems);
    }

    public String stackFile() {
        return stackFile;
    }

    public List<ConfigProblem> problems() {
        return problems;
    }

    private static String render(String stackFile, List<ConfigProblem> problems) {
        var text = new StringBuilder();
        text.append(stackFile)
                .append(": ")
                .append(problems.size())
                .append(problems.size() == 1 ? " configuration problem" : " configuration problems")
                .append(", nothing was registered:");
        for (var problem : problems) {
            text.append("\n  - ").append(problem.render());
        }
        return text.toString();
    }
}
