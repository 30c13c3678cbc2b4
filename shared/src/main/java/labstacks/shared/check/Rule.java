package labstacks.shared.check;

import labstacks.shared.plan.Plan;

import java.util.List;

/** A check over an offline plan. */
public interface Rule {
    /** A short, stable id, e.g. {@code iam-no-wildcard-action}. */
    String id();

    /** One line for the rule list. */
    String description();

    List<Violation> check(Plan plan);
}
