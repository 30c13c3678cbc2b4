package labstacks.moderate;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * What one chart at its pinned version does with the values a stack gives it, written down from the chart's
 * templates (never rendered here: neither chart's archive is on Maven Central or npm, so helm-java cannot
 * template it). The facts live in {@link ChartContracts} with their provenance; this class only checks them
 * against a plan.
 *
 * @param release    the release name (the charts derive object names from it)
 * @param chart      chart name
 * @param version    chart version the facts were recorded for
 * @param rendered   the objects the chart renders for given values (kind + name)
 * @param references the objects the rendered pods and bindings name but the chart does not render
 * @param bindings   the ServiceAccounts the chart's own RoleBindings bind its Roles to, for given values
 * @param valueKeys  every value key path the chart's values.yaml declares, with its kind
 */
record ChartContract(
        String release,
        String chart,
        String version,
        Function<Values, List<ObjectRef>> rendered,
        Function<Values, List<Reference>> references,
        Function<Values, List<String>> bindings,
        Map<String, String> valueKeys) {

    /** A Kubernetes object by kind and name (one namespace). */
    record ObjectRef(String kind, String name) {
        @Override
        public String toString() {
            return kind + " " + name;
        }
    }

    /**
     * A reference by name from the chart's objects: a Secret (optionally one key of it), ConfigMap or ServiceAccount.
     *
     * @param target   the referenced object
     * @param key      the key read from it, if one
     * @param optional true when the chart marks it optional (the pod starts without it)
     * @param by       what refers to it, for the message
     */
    record Reference(ObjectRef target, Optional<String> key, boolean optional, String by) {
        static Reference to(String kind, String name, String by) {
            return new Reference(new ObjectRef(kind, name), Optional.empty(), false, by);
        }

        static Reference key(String secret, String key, String by) {
            return new Reference(new ObjectRef("Secret", secret), Optional.of(key), false, by);
        }
    }

    /** Reads the values a release was given, with the chart's defaults where a key is unset. */
    record Values(Map<String, Object> map) {
        Object get(String path) {
            Object current = map;
            for (var part : path.split("\\.")) {
                if (current instanceof Map<?, ?> m) {
                    current = m.get(part);
                } else if (current instanceof List<?> l
                        && part.matches("[0-9]+")
                        && Integer.parseInt(part) < l.size()) {
                    current = l.get(Integer.parseInt(part));
                } else {
                    return null;
                }
            }
            return current;
        }

        boolean bool(String path, boolean chartDefault) {
            var value = get(path);
            return value == null ? chartDefault : Boolean.TRUE.equals(value);
        }

        String string(String path, String chartDefault) {
            var value = get(path);
            return value == null || value.toString().isEmpty() ? chartDefault : value.toString();
        }

        List<?> list(String path) {
            return get(path) instanceof List<?> l ? l : List.of();
        }

        /** The names of a list of {@code {name: ...}} entries (envSecrets, envConfigMaps). */
        List<String> names(String path) {
            var names = new ArrayList<String>();
            for (var item : list(path)) {
                if (item instanceof Map<?, ?> m && m.get("name") != null) {
                    names.add(m.get("name").toString());
                }
            }
            return names;
        }

        /** A copy with one value replaced ({@code null} removes it), for planting mistakes. */
        @SuppressWarnings("unchecked")
        Values with(String path, Object value) {
            var copy = (Map<String, Object>) deepCopy(map);
            var parts = path.split("\\.");
            Object current = copy;
            for (int i = 0; i < parts.length - 1; i++) {
                current =
                        current instanceof List<?> l
                                ? l.get(Integer.parseInt(parts[i]))
                                : ((Map<String, Object>) current)
                                        .computeIfAbsent(
                                                parts[i], k -> new LinkedHashMap<String, Object>());
            }
            var last = (Map<String, Object>) current;
            if (value == null) {
                last.remove(parts[parts.length - 1]);
            } else {
                last.put(parts[parts.length - 1], value);
            }
            return new Values(copy);
        }

        private static Object deepCopy(Object value) {
            if (value instanceof Map<?, ?> m) {
                var copy = new LinkedHashMap<String, Object>();
                m.forEach((k, v) -> copy.put(k.toString(), deepCopy(v)));
                return copy;
            }
            if (value instanceof List<?> l) {
                return new ArrayList<>(l.stream().map(Values::deepCopy).toList());
            }
            return value;
        }
    }

    /** Loads a {@code path<TAB>kind} file from the test resources. */
    static Map<String, String> keys(String resource) {
        var keys = new LinkedHashMap<String, String>();
        try (var in =
                new BufferedReader(
                        new InputStreamReader(
                                Objects.requireNonNull(
                                        ChartContract.class.getResourceAsStream(resource),
                                        resource),
                                StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    var parts = line.split("\t");
                    keys.put(parts[0], parts[1]);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(resource, e);
        }
        return keys;
    }

    /**
     * Everything wrong between this chart, the values and the stack: objects both would create, references
     * to objects (or keys) nothing creates, the chart binding its Roles to the stack's ServiceAccounts, and
     * value keys the chart does not have.
     *
     * @param values       the release's values
     * @param stackObjects the objects the stack creates in the release's namespace, each with its data keys
     * @param otherCharts  objects other releases render there
     */
    List<String> violations(
            Values values, Map<ObjectRef, Set<String>> stackObjects, Set<ObjectRef> otherCharts) {
        var problems = new ArrayList<String>();
        var label = chart + " " + version + " (release " + release + ")";
        List<ObjectRef> renderedObjects = rendered.apply(values);
        for (var object : renderedObjects) {
            if (stackObjects.containsKey(object)) {
                problems.add(
                        label
                                + " renders "
                                + object
                                + ", which the stack also creates: Helm refuses to adopt it");
            }
            if (otherCharts.contains(object)) {
                problems.add(label + " renders " + object + ", which another release also renders");
            }
        }
        for (var reference : references.apply(values)) {
            if (reference.optional() || renderedObjects.contains(reference.target())) {
                continue;
            }
            var keys = stackObjects.get(reference.target());
            if (keys == null) {
                problems.add(
                        label
                                + ": "
                                + reference.by()
                                + " needs "
                                + reference.target()
                                + ", which nothing creates");
            } else if (reference.key().isPresent() && !keys.contains(reference.key().get())) {
                problems.add(
                        label
                                + ": "
                                + reference.by()
                                + " reads key "
                                + reference.key().get()
                                + " of "
                                + reference.target()
                                + ", which has only "
                                + keys);
            }
        }
        for (var account : bindings.apply(values)) {
            if (stackObjects.containsKey(new ObjectRef("ServiceAccount", account))) {
                problems.add(
                        label
                                + " binds its own Role to the stack's ServiceAccount "
                                + account
                                + ": the stack's narrower Role is not what applies");
            }
        }
        unknownKeys(values.map(), "", problems, label);
        return problems;
    }

    private void unknownKeys(Object value, String path, List<String> problems, String label) {
        if (!(value instanceof Map<?, ?> map)) {
            return;
        }
        for (var entry : map.entrySet()) {
            var child = path.isEmpty() ? entry.getKey().toString() : path + "." + entry.getKey();
            var kind = valueKeys.get(child);
            if (kind == null) {
                problems.add(label + " has no value " + child + ": Helm ignores it silently");
            } else if (kind.equals("map")) {
                unknownKeys(entry.getValue(), child, problems, label);
            } else if (kind.equals("items") && entry.getValue() instanceof List<?> items) {
                for (var item : items) {
                    unknownKeys(item, child + ".0", problems, label);
                }
            }
        }
    }
}
