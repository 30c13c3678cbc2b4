package labstacks.offline.check;

import java.util.List;
import java.util.Map;
import labstacks.offline.plan.PlanValues;
import labstacks.offline.plan.PlannedResource;

/** Reading plan inputs the way rules need them: secrets revealed, missing values as empty. */
final class Resources {
    private Resources() {}

    static Object input(PlannedResource resource, String path) {
        return PlanValues.reveal(resource.input(path));
    }

    /**
     * Whether the value is known only after deployment ({@code [unknown]} in the plan): a rule cannot
     * judge it offline and passes over it, as it would a value it has no rule for.
     */
    static boolean unknown(PlannedResource resource, String path) {
        return PlanValues.reveal(resource.input(path)) == PlanValues.Unknown.VALUE;
    }

    static String text(PlannedResource resource, String path) {
        var value = input(resource, path);
        return value == null ? "" : String.valueOf(value);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        return value instanceof List<?> l ? (List<Object>) l : List.of();
    }

    static Violation violation(String rule, PlannedResource resource, String message, String fix) {
        return new Violation(rule, resource.type(), resource.name(), message, fix);
    }

    static boolean created(PlannedResource resource) {
        return resource.custom()
                && resource.importId() == null
                && !resource.type().startsWith("pulumi:");
    }
}
