package labstacks.shared.aws;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An IAM policy document, built as JSON by a JSON library rather than string concatenation, so
 * names with quotes or a missing comma can never produce a document AWS reads differently.
 * The output is byte-stable: the same statements always give the same text (hashes depend on it).
 */
public final class PolicyDocument {
    public static final String VERSION = "2012-10-17";

    private final List<Statement> statements;

    private PolicyDocument(List<Statement> statements) {
        this.statements = List.copyOf(statements);
    }

    public static PolicyDocument of(Statement... statements) {
        return new PolicyDocument(List.of(statements));
    }

    public static PolicyDocument of(List<Statement> statements) {
        return new PolicyDocument(statements);
    }

    public List<Statement> statements() {
        return statements;
    }

    /**
     * Reads a policy document back: {@code Statement} as one object or a list, {@code Action} and
     * {@code Resource} as a string or a list, a {@code "*"} principal as {@code {"AWS": "*"}}.
     *
     * @throws IllegalArgumentException when the text is not JSON, is not a policy document, or uses
     *                                  {@code NotAction}/{@code NotResource}/{@code NotPrincipal}, which
     *                                  this model does not hold
     */
    public static PolicyDocument parse(String json) {
        try {
            var root = JsonParser.parseString(json);
            if (!root.isJsonObject() || !root.getAsJsonObject().has("Statement")) {
                throw new IllegalArgumentException("not a policy document: no Statement");
            }
            var statements = root.getAsJsonObject().get("Statement");
            var result = new ArrayList<Statement>();
            for (var element :
                    statements.isJsonArray() ? statements.getAsJsonArray() : List.of(statements)) {
                result.add(Statement.parse(element.getAsJsonObject()));
            }
            return new PolicyDocument(result);
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException e) {
            // Gson's syntax errors, and a field of the wrong shape (an Effect that is missing or an
            // object).
            throw new IllegalArgumentException(
                    "not a readable policy document: " + e.getMessage(), e);
        }
    }

    /** The document as compact JSON. */
    public String toJson() {
        var document = new JsonObject();
        document.addProperty("Version", VERSION);
        var array = new JsonArray();
        statements.forEach(s -> array.add(s.toJsonObject()));
        document.add("Statement", array);
        return new GsonBuilder().disableHtmlEscaping().create().toJson(document);
    }

    /** Allow or Deny. */
    public enum Effect {
        Allow,
        Deny
    }

    /**
     * One statement.
     *
     * @param sid        a name for the statement, or null
     * @param effect     Allow or Deny
     * @param principal  e.g. {@code {"Service": ["ec2.amazonaws.com"]}} or {@code {"AWS": "*"}}; empty for identity policies
     * @param actions    the actions, never empty
     * @param resources  the resources; empty only for trust policies
     * @param conditions operator to (key to value or values), e.g. {@code {"Bool": {"aws:SecureTransport": "false"}}}
     */
    public record Statement(
            String sid,
            Effect effect,
            Map<String, Object> principal,
            List<String> actions,
            List<String> resources,
            Map<String, Map<String, Object>> conditions) {
        public Statement {
            Objects.requireNonNull(effect, "effect");
            principal = Map.copyOf(principal);
            actions = List.copyOf(actions);
            resources = List.copyOf(resources);
            conditions = Map.copyOf(conditions);
            if (actions.isEmpty()) {
                throw new IllegalArgumentException("a statement needs at least one action");
            }
        }

        static Statement parse(JsonObject object) {
            for (var unsupported : List.of("NotAction", "NotResource", "NotPrincipal")) {
                if (object.has(unsupported)) {
                    throw new IllegalArgumentException("statement uses " + unsupported);
                }
            }
            var principal = new LinkedHashMap<String, Object>();
            var rawPrincipal = object.get("Principal");
            if (rawPrincipal != null && rawPrincipal.isJsonPrimitive()) {
                principal.put("AWS", rawPrincipal.getAsString());
            } else if (rawPrincipal != null) {
                rawPrincipal
                        .getAsJsonObject()
                        .entrySet()
                        .forEach(e -> principal.put(e.getKey(), valueOf(e.getValue())));
            }
            var conditions = new LinkedHashMap<String, Map<String, Object>>();
            if (object.has("Condition")) {
                object.getAsJsonObject("Condition")
                        .entrySet()
                        .forEach(
                                op -> {
                                    var keys = new LinkedHashMap<String, Object>();
                                    op.getValue()
                                            .getAsJsonObject()
                                            .entrySet()
                                            .forEach(
                                                    k ->
                                                            keys.put(
                                                                    k.getKey(),
                                                                    valueOf(k.getValue())));
                                    conditions.put(op.getKey(), keys);
                                });
            }
            return new Statement(
                    object.has("Sid") ? object.get("Sid").getAsString() : null,
                    Effect.valueOf(object.get("Effect").getAsString()),
                    principal,
                    strings(object.get("Action")),
                    strings(object.get("Resource")),
                    conditions);
        }

        private static Object valueOf(JsonElement element) {
            return element.isJsonArray() ? strings(element) : element.getAsString();
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

        public static Builder allow(String... actions) {
            return new Builder(Effect.Allow, actions);
        }

        public static Builder deny(String... actions) {
            return new Builder(Effect.Deny, actions);
        }

        JsonObject toJsonObject() {
            var object = new JsonObject();
            if (sid != null) {
                object.addProperty("Sid", sid);
            }
            object.addProperty("Effect", effect.name());
            if (!principal.isEmpty()) {
                object.add("Principal", sortedObject(principal));
            }
            object.add("Action", stringOrArray(actions));
            if (!resources.isEmpty()) {
                object.add("Resource", stringOrArray(resources));
            }
            if (!conditions.isEmpty()) {
                var condition = new JsonObject();
                conditions.keySet().stream()
                        .sorted()
                        .forEach(op -> condition.add(op, sortedObject(conditions.get(op))));
                object.add("Condition", condition);
            }
            return object;
        }

        private static JsonObject sortedObject(Map<String, ?> map) {
            var object = new JsonObject();
            map.keySet().stream()
                    .sorted()
                    .forEach(
                            key -> {
                                var value = map.get(key);
                                if (value instanceof List<?> list) {
                                    var array = new JsonArray();
                                    list.forEach(v -> array.add(String.valueOf(v)));
                                    object.add(key, array);
                                } else {
                                    object.addProperty(key, String.valueOf(value));
                                }
                            });
            return object;
        }

        private static JsonElement stringOrArray(List<String> values) {
            if (values.size() == 1) {
                return new JsonPrimitive(values.get(0));
            }
            var array = new JsonArray();
            values.forEach(array::add);
            return array;
        }
    }

    /** Builds a {@link Statement}. */
    public static final class Builder {
        private final Effect effect;
        private final List<String> actions;
        private String sid;
        private final Map<String, Object> principal = new LinkedHashMap<>();
        private final List<String> resources = new ArrayList<>();
        private final Map<String, Map<String, Object>> conditions = new LinkedHashMap<>();

        private Builder(Effect effect, String... actions) {
            this.effect = effect;
            this.actions = List.of(actions);
        }

        public Builder sid(String name) {
            this.sid = name;
            return this;
        }

        public Builder principal(String type, Object value) {
            principal.put(type, value);
            return this;
        }

        public Builder resources(String... arns) {
            resources.addAll(List.of(arns));
            return this;
        }

        public Builder condition(String operator, String key, Object value) {
            conditions.computeIfAbsent(operator, k -> new LinkedHashMap<>()).put(key, value);
            return this;
        }

        public Statement build() {
            return new Statement(sid, effect, principal, actions, resources, conditions);
        }
    }
}
