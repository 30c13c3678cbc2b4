package labstacks.offline.check;


import labstacks.shared.program.PolicyException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Rules for IAM policy documents: no {@code "*"} action, no {@code "*"} resource with write actions. */
final class IamRules {
    /** Resource types whose {@code policy} input is an IAM policy document. */
    static final Set<String> POLICY_TYPES = Set.of("aws:iam/policy:Policy", "aws:iam/rolePolicy:RolePolicy",
            "aws:iam/userPolicy:UserPolicy", "aws:iam/groupPolicy:GroupPolicy");
    /** Verbs that only read. */
    private static final List<String> READ_VERBS = List.of("Get", "List", "Describe", "Head", "Search", "Query",
            "Filter", "Test", "Lookup", "Scan", "Select", "View", "Check");

    private IamRules() {
    }

    static List<Rule> all() {
        return List.of(
                documentRule("iam-no-wildcard-action", "no statement allows every action (\"*\")",
                        (actions, resources) -> actions.contains("*")
                                ? new String[] {"allows every action (\"*\")", "list the actions the principal needs"}
                                : null),
                documentRule("iam-wildcard-resource-write", "no statement allows write actions on every resource (\"*\")",
                        (actions, resources) -> {
                            var writes = actions.stream().filter(a -> !readOnly(a)).toList();
                            return !resources.contains("*") || writes.isEmpty() ? null : new String[] {
                                    "allows " + writes.size() + " write action(s) on \"*\", e.g. " + writes.get(0),
                                    "name the resources, or declare a PolicyException with the reason next to the policy"};
                        }),
                documentRule("iam-unscoped-role-management",
                        "no statement lets its principal create, change or pass every role (privilege escalation)",
                        (actions, resources) -> {
                            var escalating = actions.stream().filter(ROLE_ESCALATION::contains).toList();
                            return !resources.contains("*") || escalating.isEmpty() ? null : new String[] {
                                    "allows " + String.join(", ", escalating) + " on every role (\"*\"): it can create a role,"
                                            + " attach AdministratorAccess and pass it",
                                    "restrict the resources to the roles the principal manages (e.g. arn:aws:iam::*:role/Prefix-*)"
                                            + " and iam:PassRole with an iam:PassedToService condition"};
                        }));
    }

    /** Actions that, on every role, let a principal give itself any permission. */
    private static final Set<String> ROLE_ESCALATION = Set.of("iam:*", "iam:PassRole", "iam:CreateRole",
            "iam:AttachRolePolicy", "iam:PutRolePolicy", "iam:UpdateAssumeRolePolicy", "iam:AddRoleToInstanceProfile");

    static boolean readOnly(String action) {
        var colon = action.indexOf(':');
        var verb = colon < 0 ? action : action.substring(colon + 1);
        return READ_VERBS.stream().anyMatch(verb::startsWith);
    }

    /** A problem of one Allow statement: message and fix, or null. */
    interface StatementProblem {
        String[] apply(List<String> actions, List<String> resources);
    }

    /** A rule over each Allow statement of each policy document. */
    private static Rule documentRule(String id, String description, StatementProblem problem) {
        return Rule.of(id, description, (ruleId, plan) -> {
            var found = new ArrayList<Violation>();
            for (var resource : plan.resources()) {
                if (!POLICY_TYPES.contains(resource.type()) || Resources.unknown(resource, "policy")) {
                    continue;
                }
                labstacks.shared.aws.PolicyDocument document;
                try {
                    document = labstacks.shared.aws.PolicyDocument.parse(Resources.text(resource, "policy"));
                } catch (IllegalArgumentException e) {
                    found.add(Resources.violation(ruleId, resource, "has a policy that is not a readable policy document",
                            "build it with PolicyDocument"));
                    continue;
                }
                for (var statement : document.statements()) {
                    if (statement.effect() == labstacks.shared.aws.PolicyDocument.Effect.Allow) {
                        var p = problem.apply(statement.actions(), statement.resources());
                        if (p != null) {
                            found.add(Resources.violation(ruleId, resource, p[0], p[1]));
                        }
                    }
                }
            }
            return found;
        });
    }
}
