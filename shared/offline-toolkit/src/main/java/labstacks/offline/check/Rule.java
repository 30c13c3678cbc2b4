package labstacks.offline.check;

import java.util.List;
import java.util.function.BiFunction;
import labstacks.offline.plan.Plan;

/** A check over an offline plan. */
public interface Rule {
    /** A short, stable id, e.g. {@code iam-no-wildcard-action}. */
    String id();

    /** One line for the rule list. */
    String description();

    List<Violation> check(Plan plan);

    /** A rule from its id, description and check; the check is handed the id for its violations. */
    static Rule of(String id, String description, BiFunction<String, Plan, List<Violation>> check) {
        return new Rule() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public String description() {
                return description;
            }

            @Override
            public List<Violation> check(Plan plan) {
                return check.apply(id, plan);
            }
        };
    }
}
