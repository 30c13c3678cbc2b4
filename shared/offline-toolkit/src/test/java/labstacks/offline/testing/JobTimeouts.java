package labstacks.offline.testing;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import labstacks.offline.plan.Plan;
import labstacks.offline.plan.PlannedResource;

/**
 * Whether {@code pulumi up} waits as long as each planned Job may run. pulumi/pulumi-kubernetes v4.0.0
 * {@code provider/pkg/await/job.go} waits {@code DefaultJobTimeoutMins = 10} minutes for a Job unless its
 * {@code customTimeouts} say otherwise; a Job may run until its {@code spec.activeDeadlineSeconds}.
 */
public final class JobTimeouts {
    private static final Pattern GO_DURATION =
            Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(ns|us|ms|s|m|h)");

    private JobTimeouts() {}

    /** Each Job in the plan whose create or update timeout is missing or shorter than its deadline, explained. */
    public static List<String> shortfalls(Plan plan) {
        var problems = new ArrayList<String>();
        var jobs =
                plan.resources().stream()
                        .filter(r -> r.type().equals("kubernetes:batch/v1:Job"))
                        .toList();
        if (jobs.isEmpty()) {
            problems.add("the plan has no Job at all");
        }
        for (PlannedResource job : jobs) {
            var deadline = job.input("spec.activeDeadlineSeconds");
            if (!(deadline instanceof Number seconds)) {
                problems.add(
                        job.name()
                                + ": no spec.activeDeadlineSeconds, so no wait can be known to cover it");
                continue;
            }
            for (var operation : List.of("create", "update")) {
                var value = job.customTimeouts().get(operation);
                if (value == null) {
                    problems.add(
                            job.name()
                                    + ": no customTimeouts."
                                    + operation
                                    + " (Pulumi would wait 10 min)");
                } else if (parse(value).compareTo(Duration.ofSeconds(seconds.longValue())) < 0) {
                    problems.add(
                            job.name()
                                    + ": customTimeouts."
                                    + operation
                                    + " "
                                    + value
                                    + " is shorter than its "
                                    + seconds
                                    + " s deadline");
                }
            }
        }
        return problems;
    }

    /** A Go duration as the engine receives it ({@code 1830000000000ns}, {@code 30m}, {@code 1h2m3s}). */
    public static Duration parse(String value) {
        var matcher = GO_DURATION.matcher(value);
        long nanos = 0;
        int end = 0;
        while (matcher.find()) {
            if (matcher.start() != end) {
                throw new IllegalArgumentException("not a Go duration: " + value);
            }
            end = matcher.end();
            var amount = new BigDecimal(matcher.group(1));
            long unit =
                    switch (matcher.group(2)) {
                        case "ns" -> 1L;
                        case "us" -> 1_000L;
                        case "ms" -> 1_000_000L;
                        case "s" -> 1_000_000_000L;
                        case "m" -> 60_000_000_000L;
                        default -> 3_600_000_000_000L;
                    };
            nanos += amount.multiply(BigDecimal.valueOf(unit)).longValueExact();
        }
        if (end == 0 || end != value.length()) {
            throw new IllegalArgumentException("not a Go duration: " + value);
        }
        return Duration.ofNanos(nanos);
    }
}
