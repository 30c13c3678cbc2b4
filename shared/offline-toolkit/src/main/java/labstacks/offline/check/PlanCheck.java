package labstacks.offline.check;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import labstacks.offline.plan.Plan;
import labstacks.shared.program.PolicyException;

/** Runs every rule over a plan and applies the program's declared exceptions. */
public final class PlanCheck {

    private PlanCheck() {}

    /** The rules {@code ./labstacks check} runs, in report order. */
    public static List<Rule> rules() {
        var all = new ArrayList<Rule>();
        all.addAll(S3Rules.all());
        all.addAll(IamRules.all());
        all.addAll(PulumiRules.all());
        all.add(DataRules.protectedInProduction());
        all.addAll(KubernetesRules.all());
        all.add(DataRules.namespaceKeepsVolumes());
        return List.copyOf(all);
    }

    public static CheckResult run(Plan plan, List<PolicyException> exceptions) {
        return run(plan, exceptions, rules());
    }

    public static CheckResult run(Plan plan, List<PolicyException> exceptions, List<Rule> rules) {
        var violations = new ArrayList<Violation>();
        var excepted = new ArrayList<CheckResult.Excepted>();
        var used = new LinkedHashSet<PolicyException>();
        for (var rule : rules) {
            for (var violation : rule.check(plan)) {
                var exception = exceptions.stream().filter(e -> covers(e, violation)).findFirst();
                if (exception.isPresent()) {
                    excepted.add(new CheckResult.Excepted(violation, exception.get()));
                    used.add(exception.get());
                } else {
                    violations.add(violation);
                }
            }
        }
        var unused = exceptions.stream().filter(e -> !used.contains(e)).toList();
        return new CheckResult(violations, excepted, unused);
    }

    private static boolean covers(PolicyException exception, Violation violation) {
        return violation.rule().equals(exception.rule())
                && violation.type().equals(exception.type())
                && violation.name().equals(exception.name());
    }
}
