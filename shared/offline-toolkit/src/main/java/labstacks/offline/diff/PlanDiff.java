package labstacks.offline.diff;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import labstacks.offline.adopt.ReplaceRules;

/**
 * Compares two outputs of {@code ./labstacks plan --all --json} (or single-stack plans) stack by stack:
 * resources keyed by their {@code urn}; inputs compared value by value, with the provider's
 * replace-triggering inputs ({@link ReplaceRules}, and the resource's own {@code replaceOnChanges})
 * marking a replace; options, stack outputs and provider packages compared too.
 *
 * <p>Both plan shapes are read: references ({@code parent}, {@code provider}, {@code dependsOn},
 * {@code aliases}) as bare names or as full URNs, with or without a top-level {@code version}. When
 * one plan has a URN and the other a name, the two are compared by name, so a plan written before the
 * URN change does not mark every resource as changed.
 */
public final class PlanDiff {

    /** The resource entry keys that are not options (compared separately or not at all). */
    private static final Set<String> NOT_OPTIONS =
            Set.of("type", "name", "urn", "inputs", "outputs");

    private static final Set<String> REFERENCE_OPTIONS =
            Set.of("parent", "provider", "dependsOn", "aliases");

    private PlanDiff() {}

    /** A plan file that cannot be read or is not a plan. */
    public static final class PlanFileException extends RuntimeException {
        public PlanFileException(String message) {
            super(message);
        }
    }

    /** Reads a plan file: one plan object or an array of them, as {@code plan --json} writes. */
    public static Map<String, JsonObject> read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new PlanFileException(
                    file
                            + ": no such file (write it with ./labstacks plan --all --json "
                            + file
                            + ")");
        } catch (IOException e) {
            throw new PlanFileException(file + ": cannot read it: " + e.getMessage());
        }
        try {
            return stacks(file.toString(), JsonParser.parseString(text));
        } catch (JsonParseException e) {
            throw new PlanFileException(
                    file
                            + ": not JSON ("
                            + e.getMessage()
                            + "); expected the output of"
                            + " ./labstacks plan --all --json");
        }
    }

    /** The plans of a document by stack name. */
    static Map<String, JsonObject> stacks(String source, JsonElement document) {
        var plans = new ArrayList<JsonElement>();
        if (document.isJsonArray()) {
            document.getAsJsonArray().forEach(plans::add);
        } else if (document.isJsonObject()) {
            plans.add(document);
        }
        var result = new TreeMap<String, JsonObject>();
        for (var element : plans) {
            if (!element.isJsonObject()
                    || !element.getAsJsonObject().has("stack")
                    || !element.getAsJsonObject().get("stack").isJsonPrimitive()
                    || !element.getAsJsonObject().has("resources")) {
                throw new PlanFileException(
                        source
                                + ": not a plan (each entry needs \"stack\" and \"resources\");"
                                + " expected the output of ./labstacks plan --all --json");
            }
            var plan = element.getAsJsonObject();
            if (result.put(plan.get("stack").getAsString(), plan) != null) {
                throw new PlanFileException(
                        source + ": stack " + plan.get("stack").getAsString() + " appears twice");
            }
        }
        if (result.isEmpty()) {
            throw new PlanFileException(
                    source
                            + ": holds no plan; expected the output of ./labstacks plan --all --json");
        }
        return result;
    }

    /** Every stack of either document, by name. */
    public static List<StackDiff> compare(
            Map<String, JsonObject> base, Map<String, JsonObject> head) {
        var names = new TreeSet<String>();
        names.addAll(base.keySet());
        names.addAll(head.keySet());
        var result = new ArrayList<StackDiff>();
        for (var name : names) {
            result.add(compare(name, base.get(name), head.get(name)));
        }
        return result;
    }

    static StackDiff compare(String stack, JsonObject base, JsonObject head) {
        if (head == null) {
            return new StackDiff(
                    stack,
                    StackDiff.Status.REMOVED,
                    List.of(),
                    urns(base),
                    List.of(),
                    List.of(),
                    0,
                    List.of(
                            "no stack file in the new commit: its resources stay deployed until someone runs"
                                    + " pulumi destroy and pulumi stack rm on it"));
        }
        var headErrors = errors(head);
        if (base == null) {
            return new StackDiff(
                    stack,
                    headErrors.isEmpty() ? StackDiff.Status.ADDED : StackDiff.Status.UNKNOWN,
                    urns(head),
                    List.of(),
                    List.of(),
                    List.of(),
                    0,
                    headErrors.isEmpty()
                            ? List.of()
                            : List.of("the new plan failed: " + String.join("; ", headErrors)));
        }
        var baseErrors = errors(base);
        if (!headErrors.isEmpty() || !baseErrors.isEmpty()) {
            var notes = new ArrayList<String>();
            if (!baseErrors.isEmpty()) {
                notes.add("the old plan failed: " + String.join("; ", baseErrors));
            }
            if (!headErrors.isEmpty()) {
                notes.add("the new plan failed: " + String.join("; ", headErrors));
            }
            return new StackDiff(
                    stack,
                    StackDiff.Status.UNKNOWN,
                    List.of(),
                    List.of(),
                    List.of(),
                    List.of(),
                    0,
                    notes);
        }
        var before = resources(base);
        var after = resources(head);
        var added = new ArrayList<String>();
        var removed = new ArrayList<String>();
        var replaced = new ArrayList<StackDiff.Change>();
        var updated = new ArrayList<StackDiff.Change>();
        var unchanged = 0;
        for (var urn : after.keySet()) {
            if (!before.containsKey(urn)) {
                added.add(urn);
            }
        }
        for (var entry : before.entrySet()) {
            var next = after.get(entry.getKey());
            if (next == null) {
                removed.add(entry.getKey());
                continue;
            }
            var change = change(entry.getKey(), entry.getValue(), next);
            if (change == null) {
                unchanged++;
            } else if (change.replaceTriggers().isEmpty()) {
                updated.add(change);
            } else {
                replaced.add(change);
            }
        }
        var notes = new ArrayList<String>();
        var outputs = differingPaths(flatten(base.get("outputs")), flatten(head.get("outputs")));
        if (!outputs.isEmpty()) {
            notes.add("stack outputs differ: " + String.join(", ", outputs));
        }
        var packages = differingPaths(packages(base), packages(head));
        if (!packages.isEmpty()) {
            var described = new ArrayList<String>();
            var old = packages(base);
            var now = packages(head);
            for (var name : packages) {
                described.add(
                        name
                                + " "
                                + old.getOrDefault(name, "(none)")
                                + " -> "
                                + now.getOrDefault(name, "(none)"));
            }
            notes.add("provider packages differ: " + String.join(", ", described));
        }
        var changed =
                !added.isEmpty()
                        || !removed.isEmpty()
                        || !replaced.isEmpty()
                        || !updated.isEmpty()
                        || !notes.isEmpty();
        return new StackDiff(
                stack,
                changed ? StackDiff.Status.CHANGED : StackDiff.Status.UNCHANGED,
                added,
                removed,
                replaced,
                updated,
                unchanged,
                notes);
    }

    /** The change of one resource present in both plans, or null when it is the same. */
    private static StackDiff.Change change(String urn, JsonObject before, JsonObject after) {
        var inputs = differingPaths(flatten(before.get("inputs")), flatten(after.get("inputs")));
        var options = new ArrayList<String>();
        var keys = new TreeSet<String>();
        before.keySet().forEach(keys::add);
        after.keySet().forEach(keys::add);
        for (var key : keys) {
            if (NOT_OPTIONS.contains(key)) {
                continue;
            }
            var a = before.get(key);
            var b = after.get(key);
            boolean same =
                    REFERENCE_OPTIONS.contains(key)
                            ? sameReferences(a, b)
                            : Objects.equals(normal(a), normal(b));
            if (!same) {
                options.add(key);
            }
        }
        if (inputs.isEmpty() && options.isEmpty()) {
            return null;
        }
        var type = after.has("type") ? after.get("type").getAsString() : "";
        var triggers = new ArrayList<String>();
        var rules = new ArrayList<>(ReplaceRules.forType(type));
        var replaceOnChanges = after.get("replaceOnChanges");
        if (replaceOnChanges != null && replaceOnChanges.isJsonArray()) {
            replaceOnChanges.getAsJsonArray().forEach(e -> rules.add(e.getAsString()));
        }
        for (var path : inputs) {
            if (rules.stream().anyMatch(rule -> covers(rule, path))) {
                triggers.add(path);
            }
        }
        return new StackDiff.Change(urn, type, inputs, options, triggers);
    }

    /** Whether a replace rule ({@code bucket}, {@code computeEnv.*}, {@code metadata.name}) covers an input path. */
    static boolean covers(String rule, String path) {
        var prefix = rule.endsWith(".*") ? rule.substring(0, rule.length() - 2) : rule;
        if (rule.equals("*")) {
            return true;
        }
        return path.equals(prefix)
                || path.startsWith(prefix + ".")
                || path.startsWith(prefix + "[");
    }

    private static JsonElement normal(JsonElement element) {
        return element == null ? JsonNull.INSTANCE : element;
    }

    /** References compared as URNs when both sides are URNs, else by the name a URN ends with. */
    private static boolean sameReferences(JsonElement a, JsonElement b) {
        var left = references(a);
        var right = references(b);
        if (left.size() != right.size()) {
            return false;
        }
        var bothUrns =
                left.stream().allMatch(PlanDiff::isUrn) && right.stream().allMatch(PlanDiff::isUrn);
        var l = new TreeSet<String>();
        var r = new TreeSet<String>();
        left.forEach(s -> l.add(bothUrns ? s : name(s)));
        right.forEach(s -> r.add(bothUrns ? s : name(s)));
        return l.equals(r);
    }

    private static List<String> references(JsonElement element) {
        var result = new ArrayList<String>();
        if (element == null || element.isJsonNull()) {
            return result;
        }
        if (element.isJsonArray()) {
            element.getAsJsonArray()
                    .forEach(e -> result.add(e.isJsonPrimitive() ? e.getAsString() : e.toString()));
        } else {
            result.add(element.isJsonPrimitive() ? element.getAsString() : element.toString());
        }
        return result;
    }

    private static boolean isUrn(String value) {
        return value.startsWith("urn:pulumi:");
    }

    private static String name(String reference) {
        return isUrn(reference) ? reference.substring(reference.lastIndexOf("::") + 2) : reference;
    }

    private static List<String> errors(JsonObject plan) {
        var errors = new ArrayList<String>();
        var element = plan.get("errors");
        if (element != null && element.isJsonArray()) {
            element.getAsJsonArray()
                    .forEach(e -> errors.add(e.isJsonPrimitive() ? e.getAsString() : e.toString()));
        }
        return errors;
    }

    private static Map<String, JsonObject> resources(JsonObject plan) {
        var result = new LinkedHashMap<String, JsonObject>();
        var resources = plan.get("resources");
        if (resources == null || !resources.isJsonArray()) {
            return result;
        }
        for (var element : resources.getAsJsonArray()) {
            if (!element.isJsonObject() || !element.getAsJsonObject().has("urn")) {
                throw new PlanFileException(
                        "stack "
                                + plan.get("stack").getAsString()
                                + ": a resource without \"urn\"; write the plan with ./labstacks plan --all --json");
            }
            result.put(
                    element.getAsJsonObject().get("urn").getAsString(), element.getAsJsonObject());
        }
        return result;
    }

    private static List<String> urns(JsonObject plan) {
        return new ArrayList<>(resources(plan).keySet());
    }

    private static Map<String, String> packages(JsonObject plan) {
        var result = new TreeMap<String, String>();
        var packages = plan.get("packages");
        if (packages instanceof JsonArray array) {
            for (var element : array) {
                if (element.isJsonObject() && element.getAsJsonObject().has("name")) {
                    var pkg = element.getAsJsonObject();
                    result.put(
                            pkg.get("name").getAsString(),
                            String.valueOf(pkg.get("version")).replace("\"", "")
                                    + (pkg.has("parameterization")
                                                    && !pkg.get("parameterization").isJsonNull()
                                            ? " " + pkg.get("parameterization")
                                            : ""));
                }
            }
        }
        return result;
    }

    /** A JSON value as path to scalar text: {@code a.b}, {@code a[0].c}; an empty object or list is its own leaf. */
    static Map<String, String> flatten(JsonElement element) {
        var result = new TreeMap<String, String>();
        flatten("", element, result);
        return result;
    }

    private static void flatten(String path, JsonElement element, Map<String, String> into) {
        if (element == null || element.isJsonNull()) {
            if (!path.isEmpty()) {
                into.put(path, "null");
            }
        } else if (element.isJsonObject() && element.getAsJsonObject().size() > 0) {
            for (var entry : element.getAsJsonObject().entrySet()) {
                flatten(
                        path.isEmpty() ? entry.getKey() : path + "." + entry.getKey(),
                        entry.getValue(),
                        into);
            }
        } else if (element.isJsonArray() && element.getAsJsonArray().size() > 0) {
            var array = element.getAsJsonArray();
            for (int i = 0; i < array.size(); i++) {
                flatten(path + "[" + i + "]", array.get(i), into);
            }
        } else if (!path.isEmpty()) {
            into.put(path, element.toString());
        }
    }

    private static List<String> differingPaths(
            Map<String, String> before, Map<String, String> after) {
        var paths = new TreeSet<String>();
        paths.addAll(before.keySet());
        paths.addAll(after.keySet());
        var result = new ArrayList<String>();
        for (var path : paths) {
            if (!Objects.equals(before.get(path), after.get(path))) {
                result.add(path);
            }
        }
        return result;
    }
}
