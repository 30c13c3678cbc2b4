package labstacks.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import labstacks.shared.program.ProgramCatalog;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Main builds only the command its first argument names; it must be the same command the full tree has. */
class LazyCommandsTest {

    private final PrintStream discard = new PrintStream(new ByteArrayOutputStream());
    private final ProgramCatalog catalog = ProgramCatalog.discover();

    private CommandLine tree(String... args) {
        return Main.commandLine(catalog, Path.of(""), Map.of(), discard, discard, args);
    }

    @Test
    void theFullTreeHoldsEveryCommandToolAndHelp() {
        var expected =
                new TreeSet<>(
                        Main.commands(catalog, Path.of(""), Map.of(), discard, discard).keySet());
        Main.tools().forEach(tool -> expected.add(tool.name()));
        expected.add("help");
        for (var args : new String[][] {{}, {"help"}, {"--help"}, {"--version"}, {"nonsense"}}) {
            assertEquals(
                    expected,
                    new TreeSet<>(tree(args).getSubcommands().keySet()),
                    String.join(" ", args));
        }
    }

    @Test
    void aNamedCommandIsBuiltAloneUnderItsAnnotatedNameWithTheSameUsage() {
        var full = tree("help");
        for (var name : full.getSubcommands().keySet()) {
            if (name.equals("help")) {
                continue;
            }
            var alone = tree(name, "--whatever");
            // the map key is the name picocli registers from @Command: a mismatch would make the
            // command unknown
            assertEquals(Set.of(name), alone.getSubcommands().keySet(), name);
            assertEquals(
                    full.getSubcommands().get(name).getUsageMessage(CommandLine.Help.Ansi.OFF),
                    alone.getSubcommands().get(name).getUsageMessage(CommandLine.Help.Ansi.OFF),
                    name);
        }
    }
}
