package labstacks.shared.program;

import labstacks.shared.config.RunMode;
import com.pulumi.Context;
import labstacks.shared.config.ConfigNamespaces;
import labstacks.shared.config.ConfigProblem;
import labstacks.shared.config.SettingsLoader;
import labstacks.shared.config.StackConfig;
import labstacks.shared.config.StackConfigException;
import labstacks.shared.config.StackSettings;
import labstacks.shared.tagging.StandardTagging;
import labstacks.shared.tagging.StandardTags;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A stack whose whole configuration has been checked and whose program has been found, ready to run
 * under the engine or offline. Preparing fails with one {@link StackConfigException} listing every
 * problem, before {@code Pulumi.run} and so before any resource registers.
 */
public final class PreparedStack {
    private final StackConfig config;
    private final RunMode mode;
    private final StackProgram<?> program;
    private final StandardTags tags;
    private final List<String> warnings;

    private PreparedStack(StackConfig config, RunMode mode, StackProgram<?> program, StandardTags tags,
                          List<String> warnings) {
        this.config = config;
        this.mode = mode;
        this.program = program;
        this.tags = tags;
        this.warnings = List.copyOf(warnings);
    }

    public static PreparedStack prepare(ProgramCatalog catalog, StackConfig config, RunMode mode) {
        var problems = new ArrayList<ConfigProblem>(SettingsLoader.check(StackSettings.class, config, mode));
        var programName = config.get("labstacks:program");
        StackProgram<?> program = null;
        if (programName.isPresent()) {
            program = catalog.find(programName.get()).orElse(null);
            if (program == null) {
                problems.add(new ConfigProblem("labstacks:program",
                        "names no known program: '" + programName.get() + "'",
                        "set labstacks:program in " + config.stackFile() + " to one of: "
                                + String.join(", ", catalog.names())));
            }
        } else {
            // Replace the generic "required" fix with one that lists the choices.
            problems.removeIf(p -> p.key().equals("labstacks:program"));
            problems.add(0, new ConfigProblem("labstacks:program", "is required but not set",
                    "add labstacks:program to " + config.stackFile() + ", one of: "
                            + String.join(", ", catalog.names())));
        }
        var warnings = new ArrayList<String>();
        if (program != null) {
            problems.addAll(SettingsLoader.check(program.settingsType(), config, mode));
            var declared = new ArrayList<String>(SettingsLoader.keys(StackSettings.class));
            declared.addAll(SettingsLoader.keys(program.settingsType()));
            problems.addAll(ConfigNamespaces.check(config, program.name(), declared));
            warnings.addAll(SettingsLoader.warnings(program.settingsType(), config, mode));
            program.preflight(config, mode, new Preflight() {
                @Override
                public void problem(String subject, String problem, String fix) {
                    problems.add(new ConfigProblem(subject, problem, fix));
                }

                @Override
                public void warning(String text) {
                    warnings.add(text);
                }
            });
        }
        if (!problems.isEmpty()) {
            // Two records may read one key (labstacks:environment): say a missing key once.
            var seen = new java.util.HashSet<String>();
            problems.removeIf(p -> p.problem().startsWith("is required") && !seen.add(p.key()));
            throw new StackConfigException(config.stackFile(), problems);
        }
        var stackSettings = SettingsLoader.load(StackSettings.class, config, mode).settings();
        var tags = new StandardTags(config.project(), config.stack(), stackSettings.environment(),
                program.systemTags(), stackSettings.extraTags());
        return new PreparedStack(config, mode, program, tags, warnings);
    }

    public StackConfig config() {
        return config;
    }

    public RunMode mode() {
        return mode;
    }

    public StackProgram<?> program() {
        return program;
    }

    public StandardTags tags() {
        return tags;
    }

    /** Warnings found while preparing (credentials a plan runs without). */
    public List<String> warnings() {
        return warnings;
    }

    /** The stack transformation that applies {@link #tags()}. */
    public StandardTagging tagging() {
        return new StandardTagging(tags);
    }

    /**
     * The stack callback for {@code Pulumi.run}: reads the settings (creating secret Outputs, which
     * needs a running deployment) and runs the program.
     *
     * @param warningSink where warnings go; {@code null} sends them to the engine log
     */
    public Consumer<Context> callback(Consumer<String> warningSink) {
        return ctx -> run(program, ctx, warningSink);
    }

    private <S extends Record> void run(StackProgram<S> typed, Context ctx, Consumer<String> warningSink) {
        Consumer<String> sink = warningSink != null ? warningSink : message -> ctx.log().warn(message);
        var settings = SettingsLoader.load(typed.settingsType(), config, mode).settings();
        typed.define(new StackContext(ctx, config, sink), settings);
    }
}
