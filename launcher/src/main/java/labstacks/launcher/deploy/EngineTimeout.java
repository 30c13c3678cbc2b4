package labstacks.launcher.deploy;

import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How long a deployment waits for one answer of the Pulumi engine before it gives up with a clear
 * message instead of hanging: {@code LABSTACKS_ENGINE_TIMEOUT} ({@code 90s}, {@code 45m}, {@code 2h}, or
 * seconds), {@value #DEFAULT_MINUTES} minutes unless set.
 *
 * <p>The SDK sets no deadline on any engine call (pulumi/pulumi-java
 * {@code sdk/java/pulumi/src/main/java/com/pulumi/deployment/internal/GrpcMonitor.java} at v1.36.1), so
 * an engine that stops answering hangs the program for ever. Registering, reading and invoking wait for a
 * provider, which may take as long as the slowest resource: the default is above the longest wait the
 * programs ask for (Kubernetes' 10-minute await, the compute environments' customTimeouts) and below the
 * deploy workflow's 60-minute job limit. Everything else the engine answers at once, so it gets
 * {@link #quick()}, {@value #QUICK_MINUTES} minutes whatever the variable says: the first calls also open
 * the connection, which on a busy CI runner can take seconds, and a short {@code perCall} set to find a
 * hang fast must not turn a slow start into a failure.
 *
 * @param perCall the wait for a call that may wait for a provider
 */
public record EngineTimeout(Duration perCall) {

    public static final String VARIABLE = "LABSTACKS_ENGINE_TIMEOUT";
    static final int DEFAULT_MINUTES = 30;
    static final int QUICK_MINUTES = 2;

    private static final Pattern FORM = Pattern.compile("(\\d{1,6})\\s*([smh]?)");

    public EngineTimeout {
        if (perCall.isNegative() || perCall.isZero()) {
            throw new IllegalArgumentException("a timeout is positive");
        }
    }

    /** The timeout the environment asks for; a malformed value is an error naming the variable. */
    public static EngineTimeout from(Map<String, String> environment) {
        var value = environment.get(VARIABLE);
        if (value == null || value.isBlank()) {
            return new EngineTimeout(Duration.ofMinutes(DEFAULT_MINUTES));
        }
        var matcher = FORM.matcher(value.strip());
        if (!matcher.matches() || Long.parseLong(matcher.group(1)) == 0) {
            throw new IllegalArgumentException(VARIABLE + "=" + value.strip()
                    + " is not a timeout: write a positive number of seconds, or 90s, 45m, 2h (unset: "
                    + DEFAULT_MINUTES + "m)");
        }
        var amount = Long.parseLong(matcher.group(1));
        return new EngineTimeout(switch (matcher.group(2)) {
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofSeconds(amount);
        });
    }

    /** The wait for a call the engine answers without a provider (log, features, outputs, root). */
    public Duration quick() {
        return Duration.ofMinutes(QUICK_MINUTES);
    }

    /** {@code 90s}, {@code 30m}: as a user would write it. */
    static String describe(Duration duration) {
        if (duration.toMillis() % 1000 != 0) {
            return duration.toMillis() + "ms";
        }
        var seconds = duration.toSeconds();
        if (seconds % 3600 == 0) {
            return seconds / 3600 + "h";
        }
        return seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
    }
}
