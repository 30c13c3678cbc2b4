package labstacks.shared.config;

import java.util.Objects;

/**
 * One thing wrong with a stack's configuration: the key, what is wrong, and how to fix it.
 *
 * @param key     the full config key, for example {@code pipeweave:glacierDays}
 * @param problem what is wrong, including the expected form
 * @param fix     the command or edit that fixes it
 */
public record ConfigProblem(String key, String problem, String fix) {
    public ConfigProblem {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(problem, "problem");
        Objects.requireNonNull(fix, "fix");
    }

    String render() {
        return key + ": " + problem + "\n      fix: " + fix;
    }
}
