package labstacks.shared.program;

import com.pulumi.Context;
import labstacks.shared.config.StackConfig;
import labstacks.shared.tagging.StandardTags;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * What a program gets besides its settings: the Pulumi context, how it runs, the stack's config and
 * its standard tags, and a way to warn the user.
 */
public final class StackContext {
    private final Context pulumi;
    private final RunMode mode;
    private final StackConfig config;
    private final StandardTags tags;
    private final Consumer<String> warnings;

    public StackContext(Context pulumi, RunMode mode, StackConfig config, StandardTags tags, Consumer<String> warnings) {
        this.pulumi = Objects.requireNonNull(pulumi);
        this.mode = Objects.requireNonNull(mode);
        this.config = Objects.requireNonNull(config);
        this.tags = Objects.requireNonNull(tags);
        this.warnings = Objects.requireNonNull(warnings);
    }

    public Context pulumi() {
        return pulumi;
    }

    public RunMode mode() {
        return mode;
    }

    public StackConfig config() {
        return config;
    }

    /** The standard tags and labels, for resources the stack transformation cannot reach. */
    public StandardTags tags() {
        return tags;
    }

    public String stackName() {
        return config.stack();
    }

    public String projectName() {
        return config.project();
    }

    /** Warns the user: in the engine's output for a deployment, in the plan's output offline. */
    public void warn(String message) {
        warnings.accept(message);
    }
}
