package labstacks.launcher;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
import labstacks.shared.config.StackSettings;
import labstacks.shared.program.ProgramCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code settings <program> [--markdown]}: every key a program reads, from its {@code @Setting}s. */
@Command(
        name = "settings",
        customSynopsis = "./labstacks settings <program>|labstacks [--markdown]",
        description =
                "Every stack setting a program reads, with type, default, rule, whether it is a secret,"
                        + " the environment variables it falls back to and its description; `labstacks` for the keys every"
                        + " stack has.",
        exitCodeList = {"0:listed", "2:a usage error (an unknown program)"})
final class SettingsCommand implements Callable<Integer> {
    /** The pseudo-program whose settings every stack has ({@code labstacks:program}, ...). */
    static final String COMMON = "labstacks";

    private final ProgramCatalog catalog;
    private final PrintStream out;

    @Parameters(
            paramLabel = "<program>",
            arity = "1",
            description = "a program (./labstacks programs), or labstacks")
    String program;

    @Option(names = "--markdown", description = "a Markdown table, as the module README has it")
    boolean markdown;

    @Spec CommandSpec spec;

    SettingsCommand(ProgramCatalog catalog, PrintStream out) {
        this.catalog = catalog;
        this.out = out;
    }

    @Override
    public Integer call() {
        Class<? extends Record> type;
        if (program.equals(COMMON)) {
            type = StackSettings.class;
        } else {
            type =
                    catalog.find(program)
                            .<Class<? extends Record>>map(p -> p.settingsType())
                            .orElseThrow(
                                    () ->
                                            new ParameterException(
                                                    spec.commandLine(),
                                                    "unknown program '"
                                                            + program
                                                            + "'; known: "
                                                            + String.join(
                                                                    ", ",
                                                                    catalog.all().stream()
                                                                            .map(p -> p.name())
                                                                            .toList())
                                                            + ", "
                                                            + COMMON));
        }
        List<SettingsReference.Entry> entries = SettingsReference.of(type);
        out.print(markdown ? SettingsReference.markdown(entries) : SettingsReference.text(entries));
        return Main.OK;
    }
}
