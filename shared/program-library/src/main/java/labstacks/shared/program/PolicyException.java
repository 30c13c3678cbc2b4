package labstacks.shared.program;

import java.util.Objects;

/**
 * A rule that deliberately does not apply to one resource, declared in code next to that resource with
 * the reason. Programs return theirs from {@code StackProgram.policyExceptions()}.
 *
 * @param rule   the rule id
 * @param type   the resource type token
 * @param name   the resource's logical name
 * @param reason why the rule does not apply; shown by {@code ./labstacks check}
 */
public record PolicyException(String rule, String type, String name, String reason) {
    public PolicyException {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(name, "name");
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException(
                    "a policy exception needs a reason: " + rule + " " + name);
        }
    }
}
