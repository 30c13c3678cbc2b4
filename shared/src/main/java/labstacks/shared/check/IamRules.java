package labstacks.shared.check;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import labstacks.shared.plan.Plan;

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
        return List.of(new DocumentRule("iam-no-wildcard-action", "no statement allows every action (\"*\")") {
            @Override
            void check(Plan plan, String type, String name, List<String> actions, List<String> resources,
                       List<Violation> found) {
                if (actions.contains("*")) {
                    found.add(new Violation(id(), type, name, "allows every action (\"*\")",
                            "list the actions the principal needs"));
                }
            }
        }, new DocumentRule("iam-wildcard-resource-write", "no statement allows write actions on every resource (\"*\")") {
            @Override
            void check(Plan plan, String type, String name, List<String> actions, List<String> resources,
                       List<Violation> found) {
                if (!resources.contains("*")) {
                    return;
                }
                var writes = actions.stream().filter(a -> !readOnly(a)).toList();
                if (!writes.isEmpty()) {
                    found.add(new Violation(id(), type, name, "allows " + writes.size() + " write action(s) on \"*\", e.g. "
                            + writes.get(0), "name the resources, or declare a PolicyException with the reason next to the policy"));
                }
            }
        });
    }

    static boolean readOnly(String action) {
        var colon = action.indexOf(':');
        var verb = colon < 0 ? action : action.substring(colon + 1);
        return READ_VERBS.stream().anyMatch(verb::startsWith);
    }

    /** A rule over each Allow statement of each policy document. */
    abstract static class DocumentRule implements Rule {
        private final String id;
        private final String description;

        DocumentRule(String id, String description) {
            this.id = id;
            this.description = description;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public String description() {
            return description;
        }

        abstract void check(Plan plan, String type, String name, List<String> actions, List<String> resources,
                            List<Violation> found);

        @Override
        public List<Violation> check(Plan plan) {
            var found = new ArrayList<Violation>();
            for (var resource : plan.resources()) {
                if (!POLICY_TYPES.contains(resource.type())) {
                    continue;
                }
                var text = Resources.text(resource, "policy");
                JsonElement document;
                try {
                    document = JsonParser.parseString(text);
                } catch (RuntimeException e) {
                    found.add(Resources.violation(id, resource, "has a policy that is not JSON", "build it with PolicyDocument"));
                    continue;
                }
                var statements = document.getAsJsonObject().get("Statement");
                for (var statement : statements.isJsonArray() ? statements.getAsJsonArray() : List.of(statements)) {
                    var s = statement.getAsJsonObject();
                    if ("Allow".equals(s.get("Effect").getAsString())) {
                        check(plan, resource.type(), resource.name(), strings(s.get("Action")), strings(s.get("Resource")), found);
                    }
                }
            }
            return found;
        }

        private static List<String> strings(JsonElement element) {
            var result = new ArrayList<String>();
            if (element == null) {
                return result;
            }
            if (element.isJsonArray()) {
                element.getAsJsonArray().forEach(e -> result.add(e.getAsString()));
            } else {
                result.add(element.getAsString());
            }
            return result;
        }
    }
}
