package labstacks.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.jar.Manifest;
import labstacks.launcher.deploy.EngineRun;
import labstacks.shared.program.ProgramCatalog;
import labstacks.shared.program.Tool;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The labstacks jar. Run without arguments by the Pulumi CLI ({@code runtime.options.binary} in
 * {@code Pulumi.yaml}), it runs the program the stack names. With a command it works offline:
 * {@code plan}, {@code check}, {@code adopt}, {@code stacks}, {@code programs}, and the commands modules add
 * ({@link Tool}), each a picocli subcommand with its own {@code --help}.
 */
public final class Main {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;
    private static final String PICOCLI_EXCLUDES = "picocli.converters.excludes";

    private Main() {}

    public static void main(String[] args) {
        if (args.length == 0) {
            runUnderEngine(System.getenv());
            return;
        }
        excludeUnusedConverters();
        System.exit(run(args, Path.of(""), System.getenv(), System.out, System.err));
    }

    /**
     * picocli registers converters for the java.sql and java.time types by reflection in every parser it makes,
     * which loads JDBC's DriverManager and initialises java.time's parsers; no option of ours has such a type.
     * A value the user set wins.
     */
    static void excludeUnusedConverters() {
        if (System.getProperty(PICOCLI_EXCLUDES) == null) {
            System.setProperty(PICOCLI_EXCLUDES, "java\\.sql\\..*,java\\.time\\..*");
        }
    }

    /** Runs an offline command; returns the exit code. */
    static int run(
            String[] args,
            Path root,
            Map<String, String> environment,
            PrintStream out,
            PrintStream err) {
        var commandLine = commandLine(ProgramCatalog.discover(), root, environment, out, err, args);
        try {
            return commandLine.execute(args);
        } finally {
            commandLine.getOut().flush();
            commandLine.getErr().flush();
        }
    }

    /**
     * The command tree of one run. picocli reads a command's annotations and builds its model (and a parser
     * with its converters) for every subcommand added, which cost more start-up time than the command itself
     * for {@code plan}: so when the first argument names a command, only that one is added. Anything else
     * ({@code help}, {@code --help}, {@code --version}, an unknown word, nothing) gets the whole tree, which
     * help and usage errors list.
     */
    static CommandLine commandLine(
            ProgramCatalog catalog,
            Path root,
            Map<String, String> environment,
            PrintStream out,
            PrintStream err,
            String[] args) {
        var commands = commands(catalog, root, environment, out, err);
        var tools = tools();
        var named = args.length == 0 ? null : args[0];
        if (named != null && commands.containsKey(named)) {
            return finish(
                    new CommandLine(new Labstacks()).addSubcommand(commands.get(named).get()),
                    out,
                    err);
        }
        for (var tool : tools) {
            if (tool.name().equals(named)) {
                var commandLine = new CommandLine(new Labstacks());
                addTool(commandLine, tool);
                return finish(commandLine, out, err);
            }
        }
        return commandLine(commands, tools, out, err);
    }

    /** The whole command tree: the offline commands, then every {@link Tool} a module adds. */
    static CommandLine commandLine(
            ProgramCatalog catalog,
            Path root,
            Map<String, String> environment,
            PrintStream out,
            PrintStream err) {
        return commandLine(commands(catalog, root, environment, out, err), tools(), out, err);
    }

    private static CommandLine commandLine(
            Map<String, Supplier<Object>> commands,
            List<Tool> tools,
            PrintStream out,
            PrintStream err) {
        var commandLine = new CommandLine(new Labstacks());
        for (var command : commands.values()) {
            commandLine.addSubcommand(command.get());
        }
        for (var tool : tools) {
            addTool(commandLine, tool);
        }
        commandLine.addSubcommand(new CommandLine.HelpCommand());
        // help inherits the root's usage attributes: give it its own exit codes and heading.
        var helpExitCodes = new LinkedHashMap<String, String>();
        helpExitCodes.put("0", "help shown");
        helpExitCodes.put("2", "an unknown command");
        commandLine
                .getSubcommands()
                .get("help")
                .getCommandSpec()
                .usageMessage()
                .exitCodeList(helpExitCodes)
                .synopsisHeading("usage: ");
        var rootUsage = commandLine.getCommandSpec().usageMessage();
        rootUsage.customSynopsis(synopsis(commandLine));
        rootUsage.description("Offline commands of the labstacks jar: no cloud, no credentials.");
        rootUsage.footer(
                "The ./labstacks script itself adds: ./labstacks build (builds this jar, which pulumi up runs,"
                        + " and its class-data sharing archive).",
                "Each command takes --help. Deploy with the Pulumi CLI: pulumi up -s <stack>"
                        + " (it runs this jar without arguments).");
        return finish(commandLine, out, err);
    }

    /**
     * The launcher's own commands by the name their {@code @Command} gives them (MainTest checks the two agree),
     * in the order help lists them; each built only when asked for.
     */
    static Map<String, Supplier<Object>> commands(
            ProgramCatalog catalog,
            Path root,
            Map<String, String> environment,
            PrintStream out,
            PrintStream err) {
        var commands = new LinkedHashMap<String, Supplier<Object>>();
        commands.put("plan", () -> new PlanCommand(catalog, out, err, root, environment));
        commands.put("check", () -> new CheckCommand(catalog, out, err, root, environment));
        commands.put("adopt", () -> new AdoptCommand(catalog, out, err, root, environment));
        commands.put("stacks", () -> new StacksCommand(catalog, out, err, root, environment));
        commands.put("graph", () -> new GraphCommand(catalog, out, err, root, environment));
        commands.put("programs", () -> new ProgramsCommand(catalog, out));
        commands.put("settings", () -> new SettingsCommand(catalog, out));
        commands.put("docs", () -> new DocsCommand(catalog, out, err, root, environment));
        commands.put("diff", () -> new DiffCommand(out, err));
        commands.put("version", () -> new VersionCommand(out));
        return commands;
    }

    private static void addTool(CommandLine commandLine, Tool tool) {
        commandLine.addSubcommand(tool.name(), tool.command());
        var usage = commandLine.getSubcommands().get(tool.name()).getCommandSpec().usageMessage();
        if (usage.description().length == 0) {
            usage.description(tool.description());
        }
    }

    /** Output, colours and error handling; setters reach every subcommand added so far, so they come last. */
    private static CommandLine finish(CommandLine commandLine, PrintStream out, PrintStream err) {
        return commandLine
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF))
                // An argument is what it says: @name is a stack name, not a file of more arguments.
                .setExpandAtFiles(false)
                .setParameterExceptionHandler(new UsageErrors());
    }

    /** The root usage: every command's synopsis, so {@code ./labstacks help} shows each form at once. */
    private static String[] synopsis(CommandLine commandLine) {
        var lines = new ArrayList<String>();
        for (var command : commandLine.getSubcommands().values()) {
            var spec = command.getCommandSpec();
            if (spec.usageMessage().hidden()
                    || command.getCommand() instanceof CommandLine.HelpCommand) {
                continue;
            }
            // A command's own forms where it writes them; a module's tool as "[OPTIONS]", its
            // --help has the rest.
            var synopsis =
                    spec.usageMessage().customSynopsis().length > 0
                            ? command.getHelp().synopsis(0)
                            : command.getHelp().abbreviatedSynopsis();
            for (var line : synopsis.lines().map(String::strip).toList()) {
                if (line.startsWith("./labstacks") || lines.isEmpty()) {
                    lines.add(line);
                } else if (!line.isEmpty()) {
                    lines.set(lines.size() - 1, lines.get(lines.size() - 1) + " " + line);
                }
            }
        }
        lines.add("./labstacks --version");
        var result = new String[lines.size()];
        for (int i = 0; i < lines.size(); i++) {
            result[i] = (i == 0 ? "" : "       ") + lines.get(i);
        }
        return result;
    }

    /** The commands modules add (igenomes-inventory, ...), sorted by name. */
    static List<Tool> tools() {
        return ServiceLoader.load(Tool.class).stream()
                .map(ServiceLoader.Provider::get)
                .sorted(Comparator.comparing(Tool::name))
                .toList();
    }

    /** The root command: only its subcommands do anything. */
    @Command(
            name = "./labstacks",
            scope = CommandLine.ScopeType.INHERIT,
            mixinStandardHelpOptions = true,
            versionProvider = Main.Version.class,
            synopsisHeading = "usage: ",
            separator = " ",
            usageHelpWidth = 100,
            exitCodeListHeading = "Exit codes:%n",
            commandListHeading = "Commands:%n",
            exitCodeList = {
                "0:done",
                "1:a stack, a rule or a check failed (each command says which)",
                "2:a usage error"
            })
    static final class Labstacks implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            throw new ParameterException(spec.commandLine(), "name a command");
        }
    }

    /** {@code version}: the same as {@code --version}. */
    @Command(
            name = "version",
            hidden = true,
            description = "the jar's version and the SDK versions it was built with")
    static final class VersionCommand implements Callable<Integer> {
        private final PrintStream out;

        VersionCommand(PrintStream out) {
            this.out = out;
        }

        @Override
        public Integer call() {
            out.println(version());
            return OK;
        }
    }

    /** {@code --version}, on the root and every command. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {version()};
        }
    }

    /** The jar's version and the SDK versions it was built with, from its manifest. */
    static String version() {
        var own = Main.class.getPackage().getImplementationVersion();
        if (own == null) {
            return "labstacks (development build, not from the jar; Java "
                    + System.getProperty("java.version")
                    + ")";
        }
        var sdks = new StringBuilder();
        try (var stream = Main.class.getClassLoader().getResourceAsStream("META-INF/MANIFEST.MF")) {
            if (stream != null) {
                var attributes = new Manifest(stream).getMainAttributes();
                for (var entry :
                        new String[][] {
                            {"Pulumi-Java-SDK-Version", "Pulumi Java SDK"},
                            {"Pulumi-AWS-Version", "aws"},
                            {"Pulumi-Kubernetes-Version", "kubernetes"}
                        }) {
                    var value = attributes.getValue(entry[0]);
                    if (value != null) {
                        sdks.append(sdks.length() == 0 ? "" : ", ")
                                .append(entry[1])
                                .append(' ')
                                .append(value);
                    }
                }
            }
        } catch (IOException e) {
            // the version line still says the rest
        }
        return "labstacks "
                + own
                + " ("
                + (sdks.length() == 0 ? "" : sdks + ", ")
                + "Java "
                + System.getProperty("java.version")
                + ")";
    }

    private static void runUnderEngine(Map<String, String> environment) {
        System.exit(EngineRun.run(environment, System.getProperties(), System.err));
    }
}
