package labstacks.launcher.deploy;

import java.math.BigDecimal;
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
 * programs ask for by default (Kubernetes' 10-minute await, the compute environments' customTimeouts); a
 * registration that asks the provider to wait longer ({@code customTimeouts}, as every one-off Job does: its
 * deadline plus its retries' back-off) waits that long plus {@value #MARGIN_MINUTES} minutes
 * ({@link #forRegistration}), so the guard never gives up on a wait the program asked for. Everything else the engine answers at once, so it gets
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
    static final int MARGIN_MINUTES = 5;

    /**
     * A Go duration as the engine reads {@code customTimeouts} ({@code time.ParseDuration}): 30m30s, 1h16m30s, and
     * what this SDK sends, nanoseconds ({@code CustomTimeouts.golangString}: 4590000000000ns).
     */
    private static final Pattern GO_DURATION =
            Pattern.compile("(\\d+(?:\\.\\d+)?)(h|ms|m|s|us|\u00b5s|ns)");

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
            throw new IllegalArgumentException(
                    VARIABLE
                            + "="
                            + value.strip()
                            + " is not a timeout: write a positive number of seconds, or 90s, 45m, 2h (unset: "
                            + DEFAULT_MINUTES
                            + "m)");
        }
        var amount = Long.parseLong(matcher.group(1));
        return new EngineTimeout(
                switch (matcher.group(2)) {
                    case "m" -> Duration.ofMinutes(amount);
                    case "h" -> Duration.ofHours(amount);
                    default -> Duration.ofSeconds(amount);
                });
    }

    /**
     * The wait for registering a resource: {@link #perCall}, or the longest of the resource's own create, update
     * and delete timeouts plus {@value #MARGIN_MINUTES} minutes when that is longer. A timeout the engine would
     * not read counts as absent (the engine then uses the provider's default, which {@code perCall} covers).
     */
    public Duration forRegistration(String create, String update, String delete) {
        var longest = perCall;
        for (var value : new String[] {create, update, delete}) {
            var asked = goDuration(value);
            if (asked != null && asked.plusMinutes(MARGIN_MINUTES).compareTo(longest) > 0) {
                longest = asked.plusMinutes(MARGIN_MINUTES);
            }
        }
        return longest;
    }

    static Duration goDuration(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        var matcher = GO_DURATION.matcher(value.strip());
        var total = Duration.ZERO;
        int end = 0;
        while (matcher.find()) {
            if (matcher.start() != end) {
                return null;
            }
            end = matcher.end();
            var nanosPerUnit =
                    switch (matcher.group(2)) {
                        case "h" -> 3_600_000_000_000L;
                        case "m" -> 60_000_000_000L;
                        case "s" -> 1_000_000_000L;
                        case "ms" -> 1_000_000L;
                        case "ns" -> 1L;
                        default -> 1_000L;
                    };
            var nanos = new BigDecimal(matcher.group(1)).multiply(BigDecimal.valueOf(nanosPerUnit));
            total = total.plusNanos(nanos.longValue());
        }
        return end == value.strip().length() && end > 0 ? total : null;
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
