package labstacks.offline.adopt;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import labstacks.offline.plan.OfflineMocks;
import labstacks.offline.plan.Plan;
import labstacks.offline.plan.PlanValues;
import labstacks.offline.plan.PlannedResource;

/**
 * What a {@code pulumi up} of a plan would do to a stack whose state is an export: each planned resource
 * matched to the state entry it takes over (by URN, or by one of its aliases), imported by id, accepted as
 * new, or created; matched pairs the provider would replace; each state entry nothing claims deleted. A
 * preview without the engine, for the one question adoption asks: does anything that exists get deleted,
 * replaced or created a second time? Where a value cannot be compared offline (a secret held as
 * ciphertext) it says so; it never counts such a value as equal.
 */
public final class Adoption {

    /** A planned resource and the state entry it takes over. */
    public record Match(String urn, String stateUrn, String id) {}

    /** A matched pair whose replace-triggering inputs differ. */
    public record Replace(String urn, String stateUrn, List<String> reasons) {}

    /** A planned create whose identity (name) equals a state entry nothing claims: it would exist twice. */
    public record Collision(String urn, String stateUrn, String identity) {}

    /** A planned resource with no state entry that the engine imports by id instead of creating. */
    public record Import(String urn, String importId) {}

    /** A planned resource with no state entry whose creation is accepted, and why. */
    public record Accepted(String urn, String why) {}

    /** A replace-triggering input of a matched pair that cannot be compared offline, and why. */
    public record Uncompared(String urn, String stateUrn, String path, String why) {}

    /**
     * The outcome.
     *
     * @param stack      the stack the export was renamed to
     * @param state      the export file
     * @param matched    planned resources that take over a state entry (replaced ones included)
     * @param create     planned resources with no state entry, no import id and no acceptance (engine URNs)
     * @param imports    planned resources with no state entry that are imported by id
     * @param accepted   planned resources with no state entry accepted as new
     * @param delete     state entries nothing in the plan claims
     * @param replace    matched pairs the provider would replace, with the reasons
     * @param collisions creates that would collide with an existing object of the state
     * @param uncompared replace-triggering inputs that cannot be compared (counted as not safe)
     * @param pending    operations the export says were interrupted
     * @param hints      what to do about particular deletes, from looking at the entry
     * @param warnings   what else the reader must know
     */
    public record Report(
            String stack,
            String state,
            List<Match> matched,
            List<String> create,
            List<Import> imports,
            List<Accepted> accepted,
            List<String> delete,
            List<Replace> replace,
            List<Collision> collisions,
            List<Uncompared> uncompared,
            List<StateExport.PendingOperation> pending,
            Map<String, String> hints,
            List<String> warnings) {

        /**
         * Every planned resource matched, imported or accepted; nothing that exists deleted, replaced or
         * created twice; nothing left uncompared; no interrupted operation.
         */
        public boolean safe() {
            return create.isEmpty()
                    && delete.isEmpty()
                    && replace.isEmpty()
                    && collisions.isEmpty()
                    && uncompared.isEmpty()
                    && pending.isEmpty();
        }
    }

    /** Identity inputs for finding a create that duplicates an unclaimed state entry; "name" otherwise. */
    private static final Map<String, List<String>> IDENTITY =
            Map.ofEntries(
                    Map.entry("aws:s3/bucket:Bucket", List.of("bucket")),
                    Map.entry("aws:s3/bucketV2:BucketV2", List.of("bucket")),
                    Map.entry(
                            "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2",
                            List.of("bucket")),
                    Map.entry(
                            "aws:s3/bucketCorsConfigurationV2:BucketCorsConfigurationV2",
                            List.of("bucket")),
                    Map.entry(
                            "aws:iam/userPolicyAttachment:UserPolicyAttachment",
                            List.of("user", "policyArn")),
                    Map.entry("aws:iam/accessKey:AccessKey", List.of("user")),
                    Map.entry(
                            "github:index/actionsOrganizationVariable:ActionsOrganizationVariable",
                            List.of("variableName")),
                    Map.entry(
                            "github:index/actionsOrganizationSecret:ActionsOrganizationSecret",
                            List.of("secretName")),
                    Map.entry("seqera:index/computeEnv:ComputeEnv", List.of("computeEnv.name")),
                    Map.entry(
                            "seqera:index/workspaceParticipant:WorkspaceParticipant",
                            List.of("email")));

    private Adoption() {}

    /** {@link #compare(Plan, StateExport, Set)} with no creates accepted. */
    public static Report compare(Plan plan, StateExport state) {
        return compare(plan, state, Set.of());
    }

    /**
     * Compares a plan with an export already renamed to the plan's project and stack
     * ({@link StateExport#renamedTo}).
     *
     * @param acceptCreate engine URNs of planned resources that may be created (nothing of theirs exists)
     */
    public static Report compare(Plan plan, StateExport state, Set<String> acceptCreate) {
        var byUrn = new LinkedHashMap<String, StateExport.StateResource>();
        state.resources().forEach(r -> byUrn.put(r.urn(), r));
        var claimed = new HashSet<String>();
        var matched = new ArrayList<Match>();
        var creates = new ArrayList<PlannedResource>();
        var imports = new ArrayList<Import>();
        var accepted = new ArrayList<Accepted>();
        var uncompared = new ArrayList<Uncompared>();
        var warnings = new ArrayList<String>();
        var reasonsByUrn = new LinkedHashMap<String, List<String>>();
        var stateOf = new HashMap<String, StateExport.StateResource>();
        var invented = inventedValues(plan);
        for (var planned : plan.resources()) {
            var found = find(planned, byUrn, claimed);
            if (found == null) {
                if (planned.importId() != null) {
                    imports.add(new Import(planned.urn(), planned.importId()));
                } else if (acceptCreate.contains(planned.urn())) {
                    accepted.add(new Accepted(planned.urn(), "--accept-create"));
                } else if (!planned.custom()) {
                    accepted.add(
                            new Accepted(
                                    planned.urn(),
                                    planned.type().equals("pulumi:pulumi:Stack")
                                            ? "the stack itself"
                                            : "a component: it makes nothing outside the state"));
                } else if (planned.type().startsWith("pulumi:providers:")) {
                    accepted.add(
                            new Accepted(
                                    planned.urn(),
                                    "a provider: configuration the engine holds, nothing in the cloud"));
                } else {
                    creates.add(planned);
                }
                continue;
            }
            claimed.add(found.urn());
            stateOf.put(planned.urn(), found);
            matched.add(new Match(planned.urn(), found.urn(), found.id()));
            var reasons = new ArrayList<String>();
            replaceReasons(planned, found, invented, reasons, uncompared, warnings);
            importReason(planned, found).ifPresent(reasons::add);
            reasonsByUrn.put(planned.urn(), reasons);
        }
        providerReasons(plan, stateOf, reasonsByUrn);
        var replace = new ArrayList<Replace>();
        for (var match : matched) {
            var reasons = reasonsByUrn.getOrDefault(match.urn(), List.of());
            if (!reasons.isEmpty()) {
                replace.add(new Replace(match.urn(), match.stateUrn(), List.copyOf(reasons)));
            }
        }
        var delete = new ArrayList<String>();
        var hints = new LinkedHashMap<String, String>();
        var usedProviders = new HashSet<String>();
        for (var entry : state.resources()) {
            if (claimed.contains(entry.urn()) && entry.provider() != null) {
                usedProviders.add(providerUrn(entry.provider()));
            }
        }
        for (var entry : state.resources()) {
            if (!claimed.contains(entry.urn())) {
                delete.add(entry.urn());
                hint(entry, usedProviders).ifPresent(h -> hints.put(entry.urn(), h));
            }
        }
        var collisions = new ArrayList<Collision>();
        for (var planned : creates) {
            for (var entry : state.resources()) {
                if (claimed.contains(entry.urn()) || !entry.type().equals(planned.type())) {
                    continue;
                }
                identity(planned, entry)
                        .ifPresent(
                                id ->
                                        collisions.add(
                                                new Collision(planned.urn(), entry.urn(), id)));
            }
        }
        var planned = new HashSet<String>();
        plan.resources().forEach(r -> planned.add(r.urn()));
        for (var urn : acceptCreate) {
            if (!planned.contains(urn)) {
                warnings.add("--accept-create " + urn + ": the plan has no such resource");
            } else if (accepted.stream().noneMatch(a -> a.urn().equals(urn))) {
                warnings.add(
                        "--accept-create "
                                + urn
                                + ": not a create (it is matched or imported), so nothing is accepted");
            }
        }
        if (matched.stream().allMatch(m -> m.stateUrn().contains("::pulumi:pulumi:Stack::"))) {
            warnings.add(
                    "nothing in "
                            + state.file()
                            + " matches a resource of "
                            + plan.stack()
                            + " but the stack itself: is it the export of another program's stack?");
        }
        var pending = state.pending();
        return new Report(
                plan.stack(),
                state.file().toString(),
                List.copyOf(matched),
                creates.stream().map(PlannedResource::urn).toList(),
                List.copyOf(imports),
                List.copyOf(accepted),
                List.copyOf(delete),
                List.copyOf(replace),
                List.copyOf(collisions),
                List.copyOf(uncompared),
                List.copyOf(pending),
                hints,
                List.copyOf(warnings));
    }

    private static StateExport.StateResource find(
            PlannedResource planned,
            Map<String, StateExport.StateResource> byUrn,
            Set<String> claimed) {
        var candidates = new ArrayList<String>();
        candidates.add(planned.urn());
        candidates.addAll(planned.aliases());
        for (var candidate : candidates) {
            var entry = byUrn.get(candidate);
            if (entry != null
                    && !claimed.contains(candidate)
                    && entry.type().equals(planned.type())) {
                return entry;
            }
        }
        return null;
    }

    /**
     * The engine imports again when a goal's import id differs from the old entry's import id (or its id,
     * when it was created rather than imported), and that import replaces the entry
     * (pulumi/pulumi {@code pkg/resource/deploy/step_generator.go}: {@code isImport} is true when
     * {@code oldImportID != goal.ID}; with an old entry it returns an ImportReplacementStep and a
     * ReplaceStep with pending delete).
     */
    private static Optional<String> importReason(
            PlannedResource planned, StateExport.StateResource entry) {
        if (planned.importId() == null) {
            return Optional.empty();
        }
        var old =
                entry.importId() != null && !entry.importId().isEmpty()
                        ? entry.importId()
                        : entry.id();
        if (planned.importId().equals(old)) {
            return Optional.empty();
        }
        return Optional.of(
                "import id "
                        + quote(planned.importId())
                        + " differs from the state's "
                        + (entry.importId() != null && !entry.importId().isEmpty()
                                ? "import id "
                                : "id ")
                        + quote(old)
                        + ": the engine imports it again and replaces this entry; leave the import id unset for a resource"
                        + " the state already holds");
    }

    /**
     * A resource whose provider is replaced is replaced with it, and so is one whose provider changes
     * unless both old and new are default providers (pulumi/pulumi
     * {@code pkg/resource/deploy/step_generator.go}, {@code providerChanged}: "If one or both of these
     * providers are not default providers, we will need to accept the diff and replace everything").
     */
    private static void providerReasons(
            Plan plan,
            Map<String, StateExport.StateResource> stateOf,
            Map<String, List<String>> reasonsByUrn) {
        var plannedByUrn = new HashMap<String, PlannedResource>();
        plan.resources().forEach(r -> plannedByUrn.put(r.urn(), r));
        for (var planned : plan.resources()) {
            var entry = stateOf.get(planned.urn());
            if (entry == null
                    || !planned.custom()
                    || planned.type().startsWith("pulumi:providers:")) {
                continue;
            }
            var reasons = reasonsByUrn.get(planned.urn());
            var oldProvider = entry.provider() == null ? null : providerUrn(entry.provider());
            if (planned.providerUrn() == null) {
                if (oldProvider != null && !isDefaultProvider(oldProvider)) {
                    reasons.add(
                            "its provider changes from "
                                    + oldProvider
                                    + " to a default provider: the engine replaces a resource whose provider changes");
                }
                continue;
            }
            var providerState = stateOf.get(planned.providerUrn());
            var provider = plannedByUrn.get(planned.providerUrn());
            if (providerState == null || !providerState.urn().equals(oldProvider)) {
                reasons.add(
                        "its provider changes from "
                                + (oldProvider == null ? "none" : oldProvider)
                                + " to "
                                + planned.providerUrn()
                                + ": the engine replaces a resource whose provider changes"
                                + " (unless both are default providers)");
                continue;
            }
            var providerReasons = reasonsByUrn.getOrDefault(planned.providerUrn(), List.of());
            if (!providerReasons.isEmpty() && provider != null) {
                reasons.add(
                        "its provider "
                                + provider.name()
                                + " is replaced ("
                                + String.join("; ", providerReasons)
                                + "): every resource of a replaced provider is replaced with it");
            }
        }
    }

    private static boolean isDefaultProvider(String providerUrn) {
        var name = providerUrn.substring(providerUrn.lastIndexOf("::") + 2);
        return name.startsWith("default");
    }

    /** A provider reference is {@code <urn>::<id>}. */
    private static String providerUrn(String reference) {
        var index = reference.lastIndexOf("::");
        return index < 0 ? reference : reference.substring(0, index);
    }

    private static Optional<String> hint(
            StateExport.StateResource entry, Set<String> usedProviders) {
        if (entry.type().equals("command:local:Command")) {
            var script = stateValue(entry, "delete", false);
            if (script == StateExport.Secret.VALUE || script instanceof StateExport.Revealed) {
                return Optional.of(
                        "a local command whose delete script is a secret: cannot tell what deleting it runs; "
                                + "drop it from the state with: pulumi state delete '"
                                + entry.urn()
                                + "'");
            }
            if (script instanceof String s && !s.isBlank()) {
                return Optional.of(
                        "a local command with a delete script: `pulumi up` RUNS it when the entry goes"
                                + " (pulumi-command local Delete); read it in the export, or drop the entry with: pulumi state delete '"
                                + entry.urn()
                                + "'");
            }
            // pulumi-command v1.1.0 provider/pkg/provider/local/commandController.go: Delete
            // returns at once
            // when no delete script is set.
            return Optional.of(
                    "a local command with no delete script: deleting it runs nothing; "
                            + "drop it from the state with: pulumi state delete '"
                            + entry.urn()
                            + "'");
        }
        if (entry.type().startsWith("pulumi:providers:")) {
            var what =
                    isDefaultProvider(entry.urn())
                            ? "a default provider"
                            : "a provider the program no longer uses";
            if (usedProviders.contains(entry.urn())) {
                return Optional.of(
                        what
                                + " that matched resources still use: the engine replaces them when it goes");
            }
            // pulumi/pulumi pkg/resource/deploy/providers/registry.go Delete only unregisters the
            // provider.
            return Optional.of(
                    what
                            + ": only its state entry goes (no plugin is called); "
                            + "or: pulumi state delete '"
                            + entry.urn()
                            + "'");
        }
        return Optional.empty();
    }

    private static Optional<String> identity(
            PlannedResource planned, StateExport.StateResource entry) {
        var paths =
                IDENTITY.getOrDefault(
                        planned.type(),
                        planned.type().startsWith("kubernetes:")
                                ? List.of("metadata.name", "metadata.namespace")
                                : List.of("name"));
        var parts = new ArrayList<String>();
        for (var path : paths) {
            var mine = planned.input(path);
            var theirs = stateValue(entry, path, planned.type().startsWith("kubernetes:"));
            if (mine == null
                    || mine instanceof PlanValues.Unknown
                    || mine instanceof PlanValues.Secret) {
                if (path.equals(paths.get(0))) {
                    return Optional.empty();
                }
                continue;
            }
            if (!same(mine, theirs)) {
                return Optional.empty();
            }
            parts.add(path + "=" + render(mine));
        }
        return parts.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", parts));
    }

    /**
     * Names the offline mocks invented where a provider would pick a random one (auto-naming:
     * {@code <logical name>-<suffix>}). An input holding one was not set by the program; under the engine
     * it holds the real name, so it is not compared. Every other value is: a name the program sets is an
     * input, even when the mocks also use it as the resource's id.
     */
    static Set<String> inventedValues(Plan plan) {
        var values = new HashSet<String>();
        for (var resource : plan.resources()) {
            if (resource.custom() && resource.importId() == null) {
                values.add(OfflineMocks.inventedName(resource.type(), resource.name()));
            }
        }
        return values;
    }

    private static boolean computedOffline(Object value, Set<String> invented) {
        if (value == PlanValues.Unknown.VALUE) {
            return true;
        }
        if (value instanceof String s) {
            return invented.stream().anyMatch(s::contains);
        }
        if (value instanceof List<?> list) {
            return list.stream().anyMatch(v -> computedOffline(v, invented));
        }
        if (value instanceof Map<?, ?> map) {
            return map.values().stream().anyMatch(v -> computedOffline(v, invented));
        }
        return false;
    }

    /** Why the provider would replace the pair, into {@code reasons}; what cannot be compared, into {@code uncompared}. */
    static void replaceReasons(
            PlannedResource planned,
            StateExport.StateResource entry,
            Set<String> invented,
            List<String> reasons,
            List<Uncompared> uncompared) {
        replaceReasons(planned, entry, invented, reasons, uncompared, new ArrayList<>());
    }

    /** As above; {@code unknown} collects replace-triggering inputs known only at deploy time. */
    static void replaceReasons(
            PlannedResource planned,
            StateExport.StateResource entry,
            Set<String> invented,
            List<String> reasons,
            List<Uncompared> uncompared,
            List<String> unknown) {
        var fromInputs = ReplaceRules.diffsInputs(planned.type());
        for (var rule : ReplaceRules.forType(planned.type())) {
            if (rule.endsWith(".*")) {
                var base = rule.substring(0, rule.length() - 2);
                leaves(
                        base,
                        planned.input(base),
                        (path, value) ->
                                compare(
                                        planned,
                                        entry,
                                        path,
                                        value,
                                        invented,
                                        fromInputs,
                                        reasons,
                                        uncompared,
                                        unknown));
            } else {
                compare(
                        planned,
                        entry,
                        rule,
                        planned.input(rule),
                        invented,
                        fromInputs,
                        reasons,
                        uncompared,
                        unknown);
            }
        }
        ReplaceRules.special(
                        planned.type(), planned::input, path -> stateValue(entry, path, fromInputs))
                .ifPresent(reasons::add);
    }

    private static void compare(
            PlannedResource planned,
            StateExport.StateResource entry,
            String path,
            Object mine,
            Set<String> invented,
            boolean fromInputs,
            List<String> reasons,
            List<Uncompared> uncompared,
            List<String> unknown) {
        // RequiresReplaceIfConfigured: only what the program sets counts; ignoreChanges hides the
        // rest.
        if (planned.ignoreChanges().stream()
                .anyMatch(ignored -> path.equals(ignored) || path.startsWith(ignored + "."))) {
            return;
        }
        if (mine instanceof PlanValues.Secret secret) {
            mine = secret.value();
            if (mine == null || mine == PlanValues.Unknown.VALUE) {
                if (stateValue(entry, path, fromInputs) != null) {
                    uncompared.add(
                            new Uncompared(
                                    planned.urn(),
                                    entry.urn(),
                                    path,
                                    "a secret whose planned value is known only at deploy time"));
                }
                return;
            }
        }
        if (mine == null || computedOffline(mine, invented)) {
            if (mine != null && stateValue(entry, path, fromInputs) != null) {
                // Another resource's output (an ARN, a Seqera id): the engine compares it with the
                // matched
                // resource's real value; offline it cannot be told.
                unknown.add(
                        planned.urn()
                                + ": "
                                + path
                                + " is known only at deploy time (another resource's output):"
                                + " not compared here; a replace of that resource is reported on its own");
            }
            return;
        }
        var theirs = stateValue(entry, path, fromInputs);
        if (theirs == StateExport.Secret.VALUE) {
            uncompared.add(
                    new Uncompared(
                            planned.urn(),
                            entry.urn(),
                            path,
                            "the export holds it as ciphertext; compare with `pulumi stack export --show-secrets --file FILE`"
                                    + " (keep that file private)"));
            return;
        }
        if (theirs instanceof StateExport.Revealed revealed) {
            if (!same(mine, revealed.value())) {
                reasons.add(path + ": the state's secret value differs from the planned one");
            }
            return;
        }
        if (same(mine, theirs)) {
            return;
        }
        var secretPlanned = planned.input(path) instanceof PlanValues.Secret;
        if (theirs == null) {
            var old = renamedFrom(entry, path);
            reasons.add(
                    path
                            + ": not in the state (planned "
                            + (secretPlanned ? "[secret]" : render(mine))
                            + ")"
                            + (old == null
                                    ? ""
                                    : "; the state holds the Seqera 0.25.2 field "
                                            + old
                                            + " - run `pulumi refresh --run-program` so the new provider reads "
                                            + lastSegment(path)
                                            + " back from the API, then export again"));
            return;
        }
        reasons.add(
                secretPlanned
                        ? path + ": the state's value differs from the planned secret"
                        : path
                                + ": "
                                + render(theirs)
                                + " in the state, "
                                + render(mine)
                                + " planned");
    }

    /** The 0.25.2 name of a renamed Seqera field when the state still holds it. */
    private static String renamedFrom(StateExport.StateResource entry, String path) {
        var field = lastSegment(path);
        var old = ReplaceRules.SEQERA_RENAMED_FIELDS.get(field);
        if (old == null) {
            return null;
        }
        var oldPath = path.substring(0, path.length() - field.length()) + old;
        var value = stateValue(entry, oldPath, false);
        return value == null ? null : oldPath + "=" + render(value);
    }

    private static String lastSegment(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }

    /**
     * The state's value at a path. Bridged (Terraform) providers diff the configuration against the prior
     * state, which the export holds as outputs (and {@code pulumi refresh} updates); the Kubernetes
     * provider diffs old inputs against new ones ({@code fromInputs}).
     */
    static Object stateValue(StateExport.StateResource entry, String path, boolean fromInputs) {
        var source = fromInputs || entry.outputs().isEmpty() ? entry.inputs() : entry.outputs();
        if (fromInputs && source.isEmpty()) {
            source = entry.outputs();
        }
        Object current = source;
        for (var part : path.split("\\.")) {
            if (current instanceof StateExport.Revealed revealed) {
                current = revealed.value();
            }
            if (current == StateExport.Secret.VALUE) {
                return current;
            }
            if (current instanceof Map<?, ?> map) {
                current = map.get(part);
            } else if (current instanceof List<?> list
                    && part.matches("\\d{1,6}")
                    && Integer.parseInt(part) < list.size()) {
                current = list.get(Integer.parseInt(part));
            } else {
                return null;
            }
        }
        return current;
    }

    private static void leaves(String path, Object value, BiConsumer<String, Object> consumer) {
        if (value instanceof PlanValues.Secret
                || value instanceof PlanValues.Unknown
                || value == null) {
            consumer.accept(path, value);
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> leaves(path + "." + k, v, consumer));
            return;
        }
        consumer.accept(path, value);
    }

    static boolean same(Object planned, Object state) {
        if (planned instanceof PlanValues.Secret secret) {
            planned = secret.value();
        }
        if (state instanceof StateExport.Revealed revealed) {
            state = revealed.value();
        }
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

    static String render(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().map(Adoption::render).toList().toString();
        }
        if (value instanceof Number n) {
            return new BigDecimal(n.toString()).stripTrailingZeros().toPlainString();
        }
        if (value instanceof Map<?, ?> map) {
            var parts = new ArrayList<String>();
            map.forEach((k, v) -> parts.add(k + "=" + render(v)));
            return "{" + String.join(", ", parts) + "}";
        }
        return value instanceof String s ? quote(s) : String.valueOf(value);
    }

    private static String quote(String s) {
        return "\""
                + (s.length() > 200
                        ? s.substring(0, 200) + "...(" + s.length() + " characters)"
                        : s)
                + "\"";
    }
}
