package labstacks.shared.program;

import com.pulumi.Context;
import java.util.Objects;
import java.util.function.Consumer;
import labstacks.shared.config.StackConfig;

/**
 * What a program gets besides its settings: the Pulumi context, the stack's config and a way to warn
 * the user.
 */
public final class StackContext {
    private final Context pulumi;
    private final StackConfig config;
    private final Consumer<String> warnings;

    public StackContext(Context pulumi, StackConfig config, Consumer<String> warnings) {
        this.pulumi = Objects.requireNonNull(pulumi);
        this.config = Objects.requireNonNull(config);
        this.warnings = Objects.requireNonNull(warnings);
    }

    public Context pulumi() {
        return pulumi;
    }

    public StackConfig config() {
        return config;
    }

    public String stackName() {
        return config.stack();
    }

    /** Warns the user: in the engine's output for a deployment, in the plan's output offline. */
    public void warn(String message) {
        warnings.accept(message);
    }
}
