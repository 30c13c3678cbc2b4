package labstacks.offline.check;

import java.util.List;
import labstacks.shared.program.PolicyException;

/**
 * What {@link PlanCheck} found.
 *
 * @param violations       findings no exception covers
 * @param excepted         findings covered by a declared exception, with it
 * @param unusedExceptions exceptions that matched nothing (stale declarations)
 */
public record CheckResult(
        List<Violation> violations,
        List<Excepted> excepted,
        List<PolicyException> unusedExceptions) {
    public CheckResult {
        violations = List.copyOf(violations);
        excepted = List.copyOf(excepted);
        unusedExceptions = List.copyOf(unusedExceptions);
    }

    /** A finding and the exception that covers it. */
    public record Excepted(Violation violation, PolicyException exception) {}

    public boolean passed() {
        return violations.isEmpty();
    }
}
