package labstacks.pipeweave;

import java.util.List;
import java.util.Optional;
import labstacks.shared.aws.PolicyDocument;
import labstacks.shared.aws.PolicyDocument.Statement;

/**
 * Reads the IAM policy documents a plan holds back for assertions, through the project's one reader
 * ({@link PolicyDocument#parse}): a test sees a policy as the rest of the project models it.
 */
final class PolicyJson {
    private PolicyJson() {}

    static List<Statement> statements(Object policy) {
        return PolicyDocument.parse(String.valueOf(policy)).statements();
    }

    static Optional<Statement> bySid(Object policy, String sid) {
        return statements(policy).stream().filter(s -> sid.equals(s.sid())).findFirst();
    }

    /** A principal or condition value, one string or a list, as a list. */
    static List<String> values(Object value) {
        if (value == null) {
            return List.of();
        }
        return value instanceof List<?> list
                ? list.stream().map(String::valueOf).toList()
                : List.of(String.valueOf(value));
    }
}
