package labstacks.shared.program;

import java.util.List;
import java.util.Map;
import labstacks.shared.config.RunMode;
import labstacks.shared.config.StackConfig;

/**
 * A program one or more stacks run. Modules register their program with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/labstacks.shared.program.StackProgram}); a stack picks it with
 * {@code labstacks:program: <name>}. The launcher finds every program on its class path, so a new module
 * needs one line in {@code launcher/pom.xml} (its dependency) and no launcher code; the root README's
 * "Add a system" lists every step.
 *
 * <p>Settings and what is derived from them stay apart: {@code S} holds only what the stack file says,
 * {@code I} is what {@link #prepare} derives from it (parsed spec files, derived names) and all that
 * {@link #define} gets. A program with nothing to derive implements {@link DirectProgram}, where the two
 * are the same record.
 *
 * @param <S> the program's settings record (components annotated with
 *            {@link labstacks.shared.config.Setting}); validated before any resource registers
 * @param <I> the record {@code define} gets, built by {@code prepare}
 */
public interface StackProgram<S extends Record, I extends Record> {

    /** The name stacks use in {@code labstacks:program}. */
    String name();

    /** One line on what the program manages. */
    String description();

    /** The program's settings record. */
    Class<S> settingsType();

    /** Tags and labels this system adds to the standard ones (for example {@code system}). */
    default Map<String, String> systemTags() {
        return Map.of("system", name());
    }

    /**
     * Answers the provider functions the program calls, for the offline plan and the tests, which
     * have no cloud to ask. Keyed by function token.
     */
    default Map<String, OfflineFunction> offlineFunctions() {
        return Map.of();
    }

    /** Declares the stack's resources and outputs from what {@link #prepare} returned. */
    void define(StackContext stack, I inputs);

    /**
     * Rules of {@code ./labstacks check} that deliberately do not apply to some of this program's
     * resources, each with its reason. Declare them in the component that owns the resource.
     */
    default List<PolicyException> policyExceptions() {
        return List.of();
    }

    /**
     * Checks what settings cannot (for example that credentials are reachable) before anything
     * registers. Report a missing credential as a problem in {@link RunMode#DEPLOY} and as a warning in
     * {@link RunMode#PLAN}. The default finds nothing. Missing AWS credentials need no preflight: the offline
     * plan of any program that registers AWS resources warns of them.
     */
    default void preflight(StackConfig config, RunMode mode, Preflight report) {}

    /**
     * Checks and derives, from the settings read once, what {@code define} needs and what can be known
     * before anything registers: spec files parsed, regions matched, derived names built. Runs once, before
     * {@code Pulumi.run}, when the settings read without problems; problems it reports stop the run with
     * one error (return {@code null} after reporting one). Returns the inputs {@code define} gets.
     */
    I prepare(S settings, StackConfig config, RunMode mode, Preflight report);
}
