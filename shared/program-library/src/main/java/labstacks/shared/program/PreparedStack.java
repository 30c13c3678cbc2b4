package labstacks.shared.program;

import com.pulumi.Context;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import labstacks.shared.config.ConfigNamespaces;
import labstacks.shared.config.ConfigProblem;
import labstacks.shared.config.RunMode;
import labstacks.shared.config.SettingsLoader;
import labstacks.shared.config.StackConfig;
import labstacks.shared.config.StackConfigException;
import labstacks.shared.config.StackIdentity;
import labstacks.shared.config.StackSettings;
import labstacks.shared.tagging.StandardTagging;
import labstacks.shared.tagging.StandardTags;

/**
 * A stack whose whole configuration has been checked and whose program has been found, ready to run
 * under the engine or offline. Preparing fails with one {@link StackConfigException} listing every
 * problem, before {@code Pulumi.run} and so before any resource registers.
 */
public final class PreparedStack {
    private final StackConfig config;
    private final RunMode mode;
    private final StackProgram<?, ?> program;
    private final Record inputs;
    private final StandardTags tags;
    private final List<String> warnings;

    private PreparedStack(
            StackConfig config,
            RunMode mode,
            StackProgram<?, ?> program,
            Record inputs,
            StandardTags tags,
            List<String> warnings) {
        this.config = config;
        this.mode = mode;
        this.program = program;
        this.inputs = inputs;
        this.tags = tags;
        this.warnings = List.copyOf(warnings);
    }

    public static PreparedStack prepare(ProgramCatalog catalog, StackConfig config, RunMode mode) {
        var stackSettings = SettingsLoader.read(StackSettings.class, config, mode);
        var problems = new LinkedHashSet<ConfigProblem>(stackSettings.problems());
        // Production is what the stack's name says; a stack file that says otherwise is refused
        // here.
        if (stackSettings.settings() != null) {
            StackIdentity.problem(config, stackSettings.settings().environment())
                    .ifPresent(problems::add);
        }
        var programName = config.get("labstacks:program");
        StackProgram<?, ?> program = null;
        if (programName.isPresent()) {
            program = catalog.find(programName.get()).orElse(null);
            if (program == null) {
                problems.add(
                        new ConfigProblem(
                                "labstacks:program",
                                "names no known program: '" + programName.get() + "'",
                                "set labstacks:program in "
                                        + config.stackFile()
                                        + " to one of: "
                                        + String.join(", ", catalog.names())));
            }
        } else {
            // Replace the generic "required" fix with one that lists the choices.
            var rest = new ArrayList<ConfigProblem>(problems);
            rest.removeIf(p -> p.key().equals("labstacks:program"));
            problems.clear();
            problems.add(
                    new ConfigProblem(
                            "labstacks:program",
                            "is required but not set",
                            "add labstacks:program to "
                                    + config.stackFile()
                                    + ", one of: "
                                    + String.join(", ", catalog.names())));
            problems.addAll(rest);
        }
        var warnings = new ArrayList<String>();
        Record inputs = null;
        if (program != null) {
            inputs = readProgramSettings(program, config, mode, problems, warnings);
        }
        if (!problems.isEmpty()) {
            throw new StackConfigException(config.stackFile(), new ArrayList<>(problems));
        }
        var stack = stackSettings.settings();
        var tags =
                new StandardTags(
                        config.project(),
                        config.stack(),
                        stack.environment(),
                        program.systemTags(),
                        stack.extraTags());
        return new PreparedStack(config, mode, program, inputs, tags, warnings);
    }

    /**
     * Reads the program's settings once, then runs its preflight and, on clean settings, its prepare;
     * returns what prepare derived.
     */
    private static <S extends Record, I extends Record> I readProgramSettings(
            StackProgram<S, I> program,
            StackConfig config,
            RunMode mode,
            Collection<ConfigProblem> problems,
            List<String> warnings) {
        var reading = SettingsLoader.read(program.settingsType(), config, mode);
        // A program may read a key the stack's own settings read too (labstacks:environment): a key
        // those already found wrong is reported once, in their words.
        var reported = problems.stream().map(ConfigProblem::key).collect(Collectors.toSet());
        reading.problems().stream().filter(p -> !reported.contains(p.key())).forEach(problems::add);
        var declared = new ArrayList<String>(SettingsLoader.keys(StackSettings.class));
        declared.addAll(SettingsLoader.keys(program.settingsType()));
        problems.addAll(ConfigNamespaces.check(config, program.name(), declared));
        warnings.addAll(reading.warnings());
        var report =
                new Preflight() {
                    @Override
                    public void problem(String subject, String problem, String fix) {
                        problems.add(new ConfigProblem(subject, problem, fix));
                    }

                    @Override
                    public void warning(String text) {
                        warnings.add(text);
                    }
                };
        program.preflight(config, mode, report);
        if (reading.hasProblems()) {
            return null;
        }
        var before = problems.size();
        var prepared = program.prepare(reading.settings(), config, mode, report);
        if (problems.size() == before && prepared == null) {
            throw new IllegalStateException(
                    program.name() + ": prepare returned no inputs and reported no problem");
        }
        return prepared;
    }

    public StackConfig config() {
        return config;
    }

    public RunMode mode() {
        return mode;
    }

    public StackProgram<?, ?> program() {
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
     * The stack callback for {@code Pulumi.run}: runs the program with what its prepare derived before it.
     *
     * @param warningSink where warnings go; {@code null} sends them to the engine log
     */
    public Consumer<Context> callback(Consumer<String> warningSink) {
        return ctx -> run(program, ctx, warningSink);
    }

    @SuppressWarnings("unchecked")
    private <S extends Record, I extends Record> void run(
            StackProgram<S, I> typed, Context ctx, Consumer<String> warningSink) {
        Consumer<String> sink =
                warningSink != null ? warningSink : message -> ctx.log().warn(message);
        // prepare returned this record for this program, so it is an I.
        typed.define(new StackContext(ctx, config, sink), (I) inputs);
    }
}
