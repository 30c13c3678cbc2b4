package labstacks.launcher.deploy;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;

/**
 * java.util.logging during a deployment. The Pulumi Java SDK 1.36.1 writes secrets through it: at FINEST
 * the whole environment ({@code DeploymentImpl.DeploymentState.fromEnvironment}: "ENV: " +
 * {@code System.getenv()}), at FINE every variable it reads, {@code PULUMI_CONFIG} with its decrypted
 * values included ({@code core/internal/Environment.getEnvironmentVariable}), and with
 * {@code PULUMI_JAVA_LOG_VERBOSE} every resource request ({@code core/internal/GlobalLogging} turns the
 * root handlers to FINEST; {@code DeploymentImpl.DefaultEngineLogger} logs each debug message); pulumi/pulumi-java,
 * {@code sdk/java/pulumi/src/main/java/com/pulumi/...} at v1.36.1.
 *
 * <p>So a deployment replaces whatever configuration the JVM read by one {@link RedactingHandler} on the
 * root logger: warnings and errors only, or, with {@code PULUMI_JAVA_LOG_VERBOSE=true}, the SDK's whole
 * log, redacted. A configuration given on the command line ({@code -Djava.util.logging.config.file},
 * {@code .class}, {@code java.util.logging.manager}) is refused instead of silently ignored.
 */
public final class DeploymentLogging {

    static final String VERBOSE = "PULUMI_JAVA_LOG_VERBOSE";

    private static final List<String> CONFIGURATION =
            List.of(
                    "java.util.logging.config.file",
                    "java.util.logging.config.class",
                    "java.util.logging.manager");

    /** The SDK's own truthy values for its switches ({@code core/internal/Environment} at v1.36.1). */
    private static final List<String> TRUE = List.of("1", "t", "true");

    private DeploymentLogging() {}

    /** Why this JVM's logging setting is refused for a deployment, in one line; empty when it is not. */
    public static Optional<String> refusal(Properties properties) {
        for (var property : CONFIGURATION) {
            var value = properties.getProperty(property);
            if (value != null) {
                return Optional.of(
                        "-D"
                                + property
                                + "="
                                + value
                                + " is refused for a deployment: the Pulumi Java SDK"
                                + " 1.36.1 writes the decrypted config and the whole environment to java.util.logging"
                                + " (pulumi/pulumi-java#618); remove it from JDK_JAVA_OPTIONS/JAVA_TOOL_OPTIONS, or set "
                                + VERBOSE
                                + "=true for the SDK's log with the secrets taken out");
            }
        }
        return Optional.empty();
    }

    /** Whether the environment asks for the SDK's verbose log, as the SDK reads its switch. */
    public static boolean verbose(Map<String, String> environment) {
        return truthy(environment.get(VERBOSE));
    }

    static boolean truthy(String value) {
        return value != null && TRUE.contains(value.strip().toLowerCase(Locale.ROOT));
    }

    /**
     * Drops every handler and level the JVM configured and installs the redacting handler. Returns the
     * logger the SDK's deployment writes to: its debug messages go there too, so it is silent unless
     * verbose (everything it says at WARNING and above also reaches the engine).
     */
    public static Logger install(LogRedactor redactor, boolean verbose, PrintStream err) {
        var manager = LogManager.getLogManager();
        manager.reset();
        var root = Logger.getLogger("");
        var handler = new RedactingHandler(redactor, err);
        handler.setLevel(verbose ? Level.ALL : Level.WARNING);
        root.addHandler(handler);
        root.setLevel(Level.WARNING);
        var sdk = Logger.getLogger("com.pulumi");
        sdk.setLevel(verbose ? Level.FINEST : Level.WARNING);
        var deployment = Logger.getLogger("com.pulumi.deployment.internal.DeploymentImpl");
        deployment.setLevel(verbose ? Level.FINEST : Level.OFF);
        return deployment;
    }
}
