package labstacks.launcher;

import com.pulumi.Pulumi;
import com.pulumi.resources.StackOptions;
import labstacks.shared.config.StackConfig;
import labstacks.shared.config.StackConfigException;
import labstacks.shared.program.PreparedStack;
import labstacks.shared.program.ProgramCatalog;
import labstacks.shared.config.RunMode;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * The labstacks jar. Run without arguments by the Pulumi CLI ({@code runtime.options.binary} in
 * {@code Pulumi.yaml}), it runs the program the stack names. With a command it works offline:
 * {@code plan <stack>|--all [--json FILE]}, {@code programs}.
 */
public final class Main {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    private Main() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            runUnderEngine(System.getenv());
            return;
        }
        System.exit(run(args, Path.of(""), System.getenv(), System.out, System.err));
    }

    /** Runs an offline command; returns the exit code. */
    static int run(String[] args, Path root, Map<String, String> environment, PrintStream out, PrintStream err) {
        var catalog = ProgramCatalog.discover();
        var rest = Arrays.copyOfRange(args, 1, args.length);
        var help = Arrays.asList(rest).contains("--help") || Arrays.asList(rest).contains("-h");
        if (help && COMMAND_USAGE.containsKey(args[0])) {
            out.print(COMMAND_USAGE.get(args[0]));
            return OK;
        }
        return switch (args[0]) {
            case "plan" -> new PlanCommand(catalog, out, err).run(rest, root, environment);
            case "check" -> new CheckCommand(catalog, out, err).run(rest, root, environment);
            case "-V", "--version", "version" -> {
                out.println(version());
                yield OK;
            }
            case "adopt" -> new AdoptCommand(catalog, out, err).run(rest, root, environment);
            case "stacks" -> new StacksCommand(out, err).run(rest, root, environment);
            case "programs" -> {
                if (rest.length > 0) {
                    err.print("programs takes no arguments, got " + String.join(" ", rest) + "\n" + usage());
                    yield USAGE;
                }
                catalog.all().forEach(p -> out.println(p.name() + "\t" + p.description()));
                yield OK;
            }
            case "-h", "--help", "help" -> {
                out.print(usage());
                yield OK;
            }
            default -> {
                var tool = tools().stream().filter(t -> t.name().equals(args[0])).findFirst();
                if (tool.isPresent()) {
                    yield tool.get().run(java.util.List.of(rest), out, err);
                }
                err.print("unknown command '" + args[0] + "'\n" + usage());
                yield USAGE;
            }
        };
    }

    /** The commands modules add (igenomes-inventory, ...), sorted by name. */
    static java.util.List<labstacks.shared.program.Tool> tools() {
        return java.util.ServiceLoader.load(labstacks.shared.program.Tool.class).stream()
                .map(java.util.ServiceLoader.Provider::get)
                .sorted(java.util.Comparator.comparing(labstacks.shared.program.Tool::name))
                .toList();
    }

    /** Each command's own help ({@code ./labstacks <command> --help}). */
    static final Map<String, String> COMMAND_USAGE = Map.of(
            "plan", PlanCommand.USAGE,
            "check", CheckCommand.USAGE,
            "programs", "usage: ./labstacks programs\nThe programs this jar carries, one per line: name, tab, description.\n");

    static String usage() {
        var text = new StringBuilder("""
                usage: ./labstacks plan <stack>... [--json FILE] [--root DIR] [--debug]
                       ./labstacks plan --all [--json FILE] [--root DIR] [--debug]
                       ./labstacks check <stack>...|--all [--root DIR]   policy rules over the offline plan
                       ./labstacks check --rules
                       ./labstacks adopt <stack> --state FILE [--json OUT] [--root DIR]   take over a stack export
                       ./labstacks programs
                       ./labstacks stacks [--deployable] [--json] [--root DIR]   stacks, and which CI deploys
                       ./labstacks --version
                """);
        tools().forEach(t -> text.append("       ./labstacks ").append(t.name()).append(" ...   ")
                .append(t.description()).append('\n'));
        text.append("Each command takes --help. Deploy with the Pulumi CLI: pulumi up -s <stack>"
                + " (it runs this jar without arguments).\n");
        return text.toString();
    }

    /** The jar's version and the SDK versions it was built with, from its manifest. */
    static String version() {
        var own = Main.class.getPackage().getImplementationVersion();
        if (own == null) {
            return "labstacks (development build, not from the jar; Java " + System.getProperty("java.version") + ")";
        }
        var sdks = new StringBuilder();
        try (var stream = Main.class.getClassLoader().getResourceAsStream("META-INF/MANIFEST.MF")) {
            if (stream != null) {
                var attributes = new java.util.jar.Manifest(stream).getMainAttributes();
                for (var entry : new String[][] {{"Pulumi-Java-SDK-Version", "Pulumi Java SDK"},
                        {"Pulumi-AWS-Version", "aws"}, {"Pulumi-Kubernetes-Version", "kubernetes"}}) {
                    var value = attributes.getValue(entry[0]);
                    if (value != null) {
                        sdks.append(sdks.length() == 0 ? "" : ", ").append(entry[1]).append(' ').append(value);
                    }
                }
            }
        } catch (java.io.IOException e) {
            // the version line still says the rest
        }
        return "labstacks " + own + " (" + (sdks.length() == 0 ? "" : sdks + ", ") + "Java "
                + System.getProperty("java.version") + ")";
    }

    private static void runUnderEngine(Map<String, String> environment) {
        if (!environment.containsKey("PULUMI_MONITOR")) {
            System.err.print("This jar is run by the Pulumi CLI (pulumi up -s <stack>), which starts the engine.\n"
                    + "For an offline plan without the CLI: ./labstacks plan <stack>\n" + usage());
            System.exit(USAGE);
        }
        var config = StackConfig.fromEngineEnvironment(environment);
        PreparedStack prepared;
        try {
            prepared = PreparedStack.prepare(ProgramCatalog.discover(), config, RunMode.DEPLOY);
        } catch (StackConfigException e) {
            // Before Pulumi.run: nothing has registered, and the user sees only what to fix.
            System.err.println("error: " + e.getMessage());
            System.exit(FAILED);
            return;
        }
        Pulumi.withOptions(StackOptions.builder().resourceTransformations(prepared.tagging()).build())
                .run(prepared.callback(null));
    }
}
