package labstacks.launcher;

import java.util.Collection;
import labstacks.shared.validation.Suggestions;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * A command line a command cannot take: one line that names the problem (and the nearest right word, where
 * there is one), then the command's usage, on stderr; exit code 2. Used for picocli's own parse errors and for
 * the {@link ParameterException}s the commands throw for rules picocli cannot express.
 */
final class UsageErrors implements IParameterExceptionHandler {

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        var commandLine = ex.getCommandLine();
        var err = commandLine.getErr();
        err.println(message(ex));
        err.print(commandLine.getUsageMessage(CommandLine.Help.Ansi.OFF));
        err.flush();
        return Main.USAGE;
    }

    static String message(ParameterException ex) {
        var spec = ex.getCommandLine().getCommandSpec();
        if (ex instanceof UnmatchedArgumentException unmatched
                && !unmatched.getUnmatched().isEmpty()) {
            var argument = unmatched.getUnmatched().get(0);
            if (argument.startsWith("-")) {
                return "unknown option " + argument + hint(argument, spec.optionsMap().keySet());
            }
            if (spec.parent() == null) {
                return "unknown command '"
                        + argument
                        + "'"
                        + hint(argument, spec.subcommands().keySet());
            }
            if (spec.positionalParameters().isEmpty()) {
                return spec.name()
                        + " takes no arguments, got "
                        + String.join(" ", unmatched.getUnmatched());
            }
            return "unexpected argument " + argument;
        }
        if (ex instanceof MissingParameterException missing) {
            var options =
                    missing.getMissing().stream()
                            .filter(ArgSpec::isOption)
                            .map(option -> ((OptionSpec) option).longestName())
                            .toList();
            if (!options.isEmpty()) {
                return String.join(", ", options) + " needs a value";
            }
        }
        return ex.getMessage();
    }

    /** The nearest known word when it is near enough to be a typo, as settings errors suggest one. */
    private static String hint(String argument, Collection<String> known) {
        var name = argument.contains("=") ? argument.substring(0, argument.indexOf('=')) : argument;
        return Suggestions.nearest(name, known)
                .map(word -> " (did you mean " + word + "?)")
                .orElse("");
    }
}
