package labstacks.offline.adopt;

import labstacks.offline.plan.Plan;
import labstacks.offline.plan.PlanValues;
import labstacks.offline.plan.PlannedResource;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a {@code pulumi up} of a plan would do to a stack whose state is an export: each planned resource
 * matched to the state entry it takes over (by URN, or by one of its aliases), created, or replaced; each
 * state entry nothing claims deleted. A preview without the engine, for the one question adoption asks:
 * does anything that exists get deleted, replaced or created a second time?
 */
public final class Adoption {

    /** A planned resource and the state entry it takes over. */
    public record Match(String urn, String stateUrn, String id) {
    }

    /** A matched pair whose replace-triggering inputs differ. */
    public record Replace(String urn, String stateUrn, List<String> reasons) {
    }

    /** A planned create whose identity (name) equals a state entry nothing claims: it would exist twice. */
    public record Collision(String urn, String stateUrn, String identity) {
    }

    /**
     * The outcome.
     *
     * @param stack      the stack the export was renamed to
     * @param state      the export file
     * @param matched    planned resources that take over a state entry (replaced ones included)
     * @param create     planned resources with no state entry (engine URNs)
     * @param delete     state entries nothing in the plan claims
     * @param replace    matched pairs the provider would replace, with the reasons
     * @param collisions creates that would collide with an existing object of the state
     * @param hints      what to do about particular deletes
     */
    public record Report(String stack, String state, List<Match> matched, List<String> create, List<String> delete,
                         List<Replace> replace, List<Collision> collisions, Map<String, String> hints) {

        /** No existing resource deleted, replaced or created twice. */
        public boolean safe() {
            return delete.isEmpty() && replace.isEmpty() && collisions.isEmpty();
        }
    }

    /** Identity inputs for finding a create that duplicates an unclaimed state entry; "name" otherwise. */
    private static final Map<String, List<String>> IDENTITY = Map.ofEntries(
            Map.entry("aws:s3/bucket:Bucket", List.of("bucket")),
            Map.entry("aws:s3/bucketV2:BucketV2", List.of("bucket")),
            Map.entry("aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2", List.of("bucket")),
            Map.entry("aws:s3/bucketCorsConfigurationV2:BucketCorsConfigurationV2", List.of("bucket")),
            Map.entry("aws:iam/userPolicyAttachment:UserPolicyAttachment", List.of("user", "policyArn")),
            Map.entry("aws:iam/accessKey:AccessKey", List.of("user")),
            Map.entry("github:index/actionsOrganizationVariable:ActionsOrganizationVariable", List.of("variableName")),
            Map.entry("github:index/actionsOrganizationSecret:ActionsOrganizationSecret", List.of("secretName")),
            Map.entry("seqera:index/computeEnv:ComputeEnv", List.of("computeEnv.name")),
            Map.entry("seqera:index/workspaceParticipant:WorkspaceParticipant", List.of("email")));

    private Adoption() {
    }

    /**
     * Compares a plan with an export already renamed to the plan's project and stack
     * ({@link StateExport#renamedTo}).
     */
    public static Report compare(Plan plan, StateExport state) {
        var byUrn = new LinkedHashMap<String, StateExport.StateResource>();
        state.resources().forEach(r -> byUrn.put(r.urn(), r));
        var claimed = new HashSet<String>();
        var matched = new ArrayList<Match>();
        var creates = new ArrayList<PlannedResource>();
        var replace = new ArrayList<Replace>();
        var computed = computedValues(plan);
        for (var planned : plan.resources()) {
            var candidates = new ArrayList<String>();
            candidates.add(planned.urn());
            candidates.addAll(planned.aliases());
            StateExport.StateResource found = null;
            for (var candidate : candidates) {
                var entry = byUrn.get(candidate);
                if (entry != null && !claimed.contains(candidate) && entry.type().equals(planned.type())) {
                    found = entry;
                    break;
                }
            }
            if (found == null) {
                creates.add(planned);
                continue;
            }
            claimed.add(found.urn());
            matched.add(new Match(planned.urn(), found.urn(), found.id()));
            var reasons = replaceReasons(planned, found, computed);
            if (!reasons.isEmpty()) {
                replace.add(new Replace(planned.urn(), found.urn(), reasons));
            }
        }
        var delete = new ArrayList<String>();
        var hints = new LinkedHashMap<String, String>();
        for (var entry : state.resources()) {
            if (!claimed.contains(entry.urn())) {
                delete.add(entry.urn());
                hint(entry).ifPresent(h -> hints.put(entry.urn(), h));
            }
        }
        var collisions = new ArrayList<Collision>();
        for (var planned : creates) {
            for (var entry : state.resources()) {
                if (claimed.contains(entry.urn()) || !entry.type().equals(planned.type())) {
                    continue;
                }
                identity(planned, entry).ifPresent(id -> collisions.add(new Collision(planned.urn(), entry.urn(), id)));
            }
        }
        return new Report(plan.stack(), state.file().toString(), List.copyOf(matched),
                creates.stream().map(PlannedResource::urn).toList(), List.copyOf(delete), List.copyOf(replace),
                List.copyOf(collisions), hints);
    }

    private static java.util.Optional<String> hint(StateExport.StateResource entry) {
        if (entry.type().equals("command:local:Command")) {
            return java.util.Optional.of("a local command with no delete script: deleting it runs nothing; "
                    + "drop it from the state with: pulumi state delete '" + entry.urn() + "'");
        }
        if (entry.type().startsWith("pulumi:providers:") && Urnish.name(entry.urn()).startsWith("default")) {
            return java.util.Optional.of("a default provider: it goes once nothing uses it; "
                    + "or: pulumi state delete '" + entry.urn() + "'");
        }
        return java.util.Optional.empty();
    }

    private static java.util.Optional<String> identity(PlannedResource planned, StateExport.StateResource entry) {
        var paths = IDENTITY.getOrDefault(planned.type(),
                planned.type().startsWith("kubernetes:") ? List.of("metadata.name", "metadata.namespace") : List.of("name"));
        var parts = new ArrayList<String>();
        for (var path : paths) {
            var mine = planned.input(path);
            var theirs = stateValue(entry, path);
            if (mine == null || mine instanceof PlanValues.Unknown || mine instanceof PlanValues.Secret) {
                if (path.equals(paths.get(0))) {
                    return java.util.Optional.empty();
                }
                continue;
            }
            if (!same(mine, theirs)) {
                return java.util.Optional.empty();
            }
            parts.add(path + "=" + render(mine));
        }
        return parts.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(String.join(", ", parts));
    }

    /**
     * Values the offline mocks made up for resources' outputs (ids, ARNs in the offline account). An input
     * built from another resource's output holds one; under the engine it would hold the matched state's
     * real value instead, so such inputs are not compared.
     */
    static java.util.Set<String> computedValues(Plan plan) {
        var values = new HashSet<String>();
        for (var resource : plan.resources()) {
            if (resource.custom() && resource.importId() == null && resource.id() != null) {
                values.add(resource.id());
            }
        }
        return values;
    }

    private static boolean computedOffline(Object value, java.util.Set<String> computed) {
        if (value == labstacks.offline.plan.PlanValues.Unknown.VALUE) {
            return true;
        }
        if (value instanceof String s) {
            return computed.contains(s);
        }
        if (value instanceof List<?> list) {
            return list.stream().anyMatch(v -> computedOffline(v, computed));
        }
        return false;
    }

    /** Why the provider would replace the pair; empty when it would not. */
    static List<String> replaceReasons(PlannedResource planned, StateExport.StateResource entry,
                                       java.util.Set<String> computed) {
        var reasons = new ArrayList<String>();
        for (var rule : ReplaceRules.forType(planned.type())) {
            if (rule.endsWith(".*")) {
                var base = rule.substring(0, rule.length() - 2);
                leaves(base, planned.input(base), (path, value) -> compare(planned, entry, path, value, computed, reasons));
            } else {
                compare(planned, entry, rule, planned.input(rule), computed, reasons);
            }
        }
        return List.copyOf(reasons);
    }

    private static void compare(PlannedResource planned, StateExport.StateResource entry, String path, Object mine,
                                java.util.Set<String> computed, List<String> reasons) {
        // RequiresReplaceIfConfigured: only what the program sets counts; ignoreChanges hides the rest.
        if (mine == null || mine instanceof PlanValues.Unknown || mine instanceof PlanValues.Secret
                || computedOffline(mine, computed)) {
            return;
        }
        if (planned.ignoreChanges().stream().anyMatch(ignored -> path.equals(ignored) || path.startsWith(ignored + "."))) {
            return;
        }
        var theirs = stateValue(entry, path);
        if (theirs == StateExport.Secret.VALUE || same(mine, theirs)) {
            return;
        }
        if (theirs == null) {
            var old = renamedFrom(entry, path);
            reasons.add(path + ": not in the state (planned " + render(mine) + ")"
                    + (old == null ? "" : "; the state holds the Seqera 0.25.2 field " + old
                    + " - run `pulumi refresh --run-program` so the new provider reads " + lastSegment(path) + " back from the API, then export again"));
            return;
        }
        reasons.add(path + ": " + render(theirs) + " in the state, " + render(mine) + " planned");
    }

    /** The 0.25.2 name of a renamed Seqera field when the state still holds it. */
    private static String renamedFrom(StateExport.StateResource entry, String path) {
        var field = lastSegment(path);
        var old = ReplaceRules.SEQERA_RENAMED_FIELDS.get(field);
        if (old == null) {
            return null;
        }
        var oldPath = path.substring(0, path.length() - field.length()) + old;
        var value = stateValue(entry, oldPath);
        return value == null ? null : oldPath + "=" + render(value);
    }

    private static String lastSegment(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }

    /**
     * The state's value at a path: from the outputs (what the provider diffs against, and what
     * {@code pulumi refresh} updates) when the export has them, the inputs otherwise.
     */
    static Object stateValue(StateExport.StateResource entry, String path) {
        var source = entry.outputs().isEmpty() ? entry.inputs() : entry.outputs();
        Object current = source;
        for (var part : path.split("\\.")) {
            if (current instanceof Map<?, ?> map) {
                current = map.get(part);
            } else {
                return null;
            }
        }
        return current;
    }

    private static void leaves(String path, Object value, java.util.function.BiConsumer<String, Object> consumer) {
        if (value instanceof PlanValues.Secret || value instanceof PlanValues.Unknown || value == null) {
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> leaves(path + "." + k, v, consumer));
            return;
        }
        consumer.accept(path, value);
    }

    static boolean same(Object planned, Object state) {
        if (planned instanceof Number a && state instanceof Number b) {
            return new BigDecimal(a.toString()).compareTo(new BigDecimal(b.toString())) == 0;
        }
        if (planned instanceof List<?> a && state instanceof List<?> b) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!same(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (planned instanceof Map<?, ?> a && state instanceof Map<?, ?> b) {
            if (!a.keySet().equals(b.keySet())) {
                return false;
            }
            return a.keySet().stream().allMatch(k -> same(a.get(k), b.get(k)));
        }
        return Objects.equals(planned, state);
    }

    private static String render(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().map(Adoption::render).toList().toString();
        }
        if (value instanceof Number n) {
            return new BigDecimal(n.toString()).stripTrailingZeros().toPlainString();
        }
        return value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
    }

    /** URN pieces without validation (state entries were validated on reading). */
    private static final class Urnish {
        static String name(String urn) {
            var index = urn.lastIndexOf("::");
            return index < 0 ? urn : urn.substring(index + 2);
        }
    }
}
