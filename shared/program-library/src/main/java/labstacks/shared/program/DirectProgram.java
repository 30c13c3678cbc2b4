package labstacks.shared.program;

import labstacks.shared.config.RunMode;
import labstacks.shared.config.StackConfig;

/**
 * A program with nothing to derive before it runs: {@code define} gets the settings record as read.
 *
 * @param <S> the program's settings record
 */
public interface DirectProgram<S extends Record> extends StackProgram<S, S> {

    /** Returns the settings unchanged; override to check more than the settings' own rules do. */
    @Override
    default S prepare(S settings, StackConfig config, RunMode mode, Preflight report) {
        return settings;
    }
}
