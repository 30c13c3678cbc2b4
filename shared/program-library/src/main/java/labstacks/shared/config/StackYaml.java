package labstacks.shared.config;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import labstacks.shared.validation.Suggestions;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.resolver.JsonScalarResolver;
import org.snakeyaml.engine.v2.schema.CoreSchema;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads a stack file: a YAML 1.2 document (core schema, read by snakeyaml-engine) whose config values reach
 * the program as text. A plain value that YAML readers take differently is refused with "quote it" as the
 * fix, so the offline plan, a deploy and a reviewer never read a value differently. The Pulumi CLI reads
 * stack files with Go's gopkg.in/yaml.v3 (pulumi/pulumi sdk/go/common/encoding/marshal.go, since v3.50.0)
 * into {@code config.Value}s whose plain scalars are decoded ({@code 010} is octal 8, {@code 1e3} the number
 * 1000) and handed on in their JSON form (sdk/go/common/resource/config/object.go, since v3.88.0). So a
 * value is taken only where three readings agree: YAML 1.2's core schema, YAML 1.1's types (SnakeYAML's
 * resolver, which the Pulumi SDK already carries: stricter than yaml.v3, which reads {@code yes} as text)
 * and YAML 1.2's JSON schema (which knows only the plain forms {@code 90}, {@code 1.5}, {@code true}); a
 * top-level number must also be written in the form the CLI hands on. Duplicate keys are errors, as in
 * yaml.v3.
 */
final class StackYaml {

    /** A node turned into plain values: text, JSON text for lists and mappings, and the secure marker. */
    record Value(String text, boolean secure) {}

    private static final LoadSettings CORE_SCHEMA =
            LoadSettings.builder().setSchema(new CoreSchema()).build();
    private static final JsonScalarResolver JSON_SCHEMA = new JsonScalarResolver();
    private static final Resolver YAML_11 = new Resolver();

    /** The keys of a stack file (pulumi/sdk/go/common/workspace/project.go, ProjectStack). */
    static final Set<String> TOP_LEVEL_KEYS =
            Set.of("config", "environment", "secretsprovider", "encryptedkey", "encryptionsalt");

    private final String fileName;
    private final List<ConfigProblem> problems = new ArrayList<>();

    private StackYaml(String fileName) {
        this.fileName = fileName;
    }

    /** The document's root node; a syntax error is a {@link StackFileException}. */
    static Node compose(String fileName, String text) {
        try {
            return new Compose(CORE_SCHEMA).composeString(text).orElse(null);
        } catch (YamlEngineException e) {
            throw new StackFileException(
                    fileName
                            + " is not valid YAML: "
                            + e.getMessage()
                            + "\nFix the file (pulumi config set rewrites it correctly).",
                    e);
        }
    }

    /**
     * The config of a stack file: key to value, every problem collected.
     *
     * @throws StackConfigException listing every key whose value cannot be read the same way twice
     */
    static Map<String, Value> config(String fileName, String text, String project, String stack) {
        var reader = new StackYaml(fileName);
        var root = compose(fileName, text);
        var values = new LinkedHashMap<String, Value>();
        if (root == null) {
            return values;
        }
        if (!(root instanceof MappingNode top)) {
            throw new StackFileException(fileName + ": the top level must be a mapping");
        }
        Node configNode = null;
        for (var entry : reader.entries(top, "")) {
            var key = entry.getKey();
            if (!TOP_LEVEL_KEYS.contains(key)) {
                var nearest = Suggestions.nearest(key, TOP_LEVEL_KEYS);
                reader.problems.add(
                        new ConfigProblem(
                                key,
                                "is not a key of a stack file"
                                        + nearest.map(k -> " (did you mean " + k + "?)").orElse(""),
                                "remove it from "
                                        + fileName
                                        + nearest.map(k -> " or rename it to " + k).orElse("")
                                        + "; a stack file has: "
                                        + String.join(", ", new TreeSet<>(TOP_LEVEL_KEYS))));
            } else if (key.equals("config")) {
                configNode = entry.getValue();
            }
        }
        if (configNode != null && !isNull(configNode)) {
            if (!(configNode instanceof MappingNode config)) {
                throw new StackFileException(
                        fileName + ": 'config' must be a mapping of keys to values");
            }
            for (var entry : reader.entries(config, "")) {
                var key = entry.getKey();
                if (!key.contains(":")) {
                    reader.problems.add(
                            new ConfigProblem(
                                    key,
                                    "has no namespace",
                                    "write it as "
                                            + project
                                            + ":"
                                            + key
                                            + " or <system>:"
                                            + key
                                            + " in "
                                            + fileName));
                    continue;
                }
                var node = entry.getValue();
                if (isNull(node)) {
                    reader.problems.add(
                            new ConfigProblem(
                                    key,
                                    "has no value in " + fileName,
                                    "give it one or remove the line"));
                    continue;
                }
                if (node instanceof MappingNode map
                        && map.getValue().size() == 1
                        && map.getValue().get(0).getKeyNode() instanceof ScalarNode k
                        && k.getValue().equals("secure")) {
                    values.put(key, new Value(null, true));
                    continue;
                }
                var json = reader.json(node, key, stack);
                if (json == null) {
                    continue;
                }
                if (json.isJsonPrimitive()) {
                    var scalar = (ScalarNode) node;
                    var written = scalar.getValue();
                    // The CLI decodes a plain number and hands the program its JSON form (1.50 as
                    // 1.5, 1e3 as
                    // 1000: pulumi/pulumi sdk/go/common/resource/config/object.go, since v3.88.0).
                    // Only a number
                    // already in that form is taken, so the offline plan and a deploy read the same
                    // text.
                    if (scalar.isPlain() && json.getAsJsonPrimitive().isNumber()) {
                        var canonical = json.getAsString();
                        if (!canonical.equals(written)) {
                            reader.problems.add(
                                    new ConfigProblem(
                                            key,
                                            "has the unquoted number "
                                                    + written
                                                    + " (line "
                                                    + line(scalar)
                                                    + "), which the Pulumi CLI hands the program as "
                                                    + canonical,
                                            "write "
                                                    + key
                                                    + ": "
                                                    + canonical
                                                    + ", or quote it to keep the text: "
                                                    + key
                                                    + ": \""
                                                    + written
                                                    + "\""));
                            continue;
                        }
                    }
                    values.put(key, new Value(written, false));
                } else {
                    values.put(key, new Value(json.toString(), false));
                }
            }
        }
        if (!reader.problems.isEmpty()) {
            throw new StackConfigException(fileName, reader.problems);
        }
        return values;
    }

    /** The entries of a mapping, in order; a key given twice is a problem (never "the last one wins"). */
    private List<Map.Entry<String, Node>> entries(MappingNode mapping, String prefix) {
        var seen = new LinkedHashMap<String, Integer>();
        var result = new ArrayList<Map.Entry<String, Node>>();
        for (var tuple : mapping.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode keyNode)) {
                problems.add(
                        new ConfigProblem(
                                prefix + "?",
                                "has a key that is not text (line "
                                        + line(tuple.getKeyNode())
                                        + ")",
                                "write the key as plain text in " + fileName));
                continue;
            }
            var key = keyNode.getValue();
            var line = line(keyNode);
            var earlier = seen.putIfAbsent(key, line);
            if (earlier != null) {
                problems.add(
                        new ConfigProblem(
                                prefix + key,
                                "is set twice in "
                                        + fileName
                                        + " (lines "
                                        + earlier
                                        + " and "
                                        + line
                                        + "); YAML readers differ on which one counts",
                                "keep one of the two lines"));
                continue;
            }
            result.add(Map.entry(key, tuple.getValueNode()));
        }
        return result;
    }

    /** A node as JSON with YAML 1.2 core types, or null after reporting a problem. */
    private JsonElement json(Node node, String key, String stack) {
        if (node instanceof ScalarNode scalar) {
            return scalar(scalar, key, stack);
        }
        if (node instanceof SequenceNode sequence) {
            var array = new JsonArray();
            for (var element : sequence.getValue()) {
                var value = json(element, key, stack);
                if (value == null) {
                    return null;
                }
                array.add(value);
            }
            return array;
        }
        if (node instanceof MappingNode mapping) {
            var object = new JsonObject();
            var before = problems.size();
            for (var entry : entries(mapping, key + ".")) {
                var value = json(entry.getValue(), key, stack);
                if (value == null) {
                    return null;
                }
                object.add(entry.getKey(), value);
            }
            return problems.size() == before ? object : null;
        }
        problems.add(
                new ConfigProblem(
                        key,
                        "has a value the stack file cannot hold (line " + line(node) + ")",
                        "pulumi config set " + key + " <value> -s " + stack));
        return null;
    }

    private JsonElement scalar(ScalarNode scalar, String key, String stack) {
        var text = scalar.getValue();
        if (!scalar.isPlain()) {
            return new JsonPrimitive(text);
        }
        var tag12 = scalar.getTag();
        var tag11 = YAML_11.resolve(NodeId.scalar, text, true).getValue();
        var agreed = tag12.getValue().equals(tag11);
        if (agreed && tag12.equals(Tag.NULL)) {
            return JsonNull.INSTANCE;
        }
        if (agreed && tag12.equals(Tag.STR)) {
            return new JsonPrimitive(text);
        }
        if (agreed && tag12.equals(JSON_SCHEMA.resolve(text, true))) {
            if (tag12.equals(Tag.BOOL)) {
                return new JsonPrimitive(Boolean.parseBoolean(text));
            }
            if (tag12.equals(Tag.INT) || tag12.equals(Tag.FLOAT)) {
                // As Go's encoding/json writes the number yaml.v3 read: 1.50 is 1.5, 1e3 is 1000.
                return new JsonPrimitive(
                        new BigDecimal(new BigDecimal(text).stripTrailingZeros().toPlainString()));
            }
        }
        var octal = tag11.equals(Tag.INT.getValue()) && text.matches("[-+]?0[0-7_]+");
        var why =
                octal
                        ? "YAML 1.1 reads a leading 0 as octal: "
                                + text
                                + " is "
                                + Long.parseLong(text.replace("_", "").replace("+", ""), 8)
                                + ", YAML 1.2 as a decimal number or text"
                        : agreed
                                ? "this form of "
                                        + name(tag12.getValue())
                                        + " is not read alike by all YAML readers"
                                : "YAML 1.1 reads it as "
                                        + name(tag11)
                                        + explain(text, tag11)
                                        + ", YAML 1.2 as "
                                        + name(tag12.getValue());
        problems.add(
                new ConfigProblem(
                        key,
                        "has the unquoted value " + text + " (line " + line(scalar) + "): " + why,
                        "quote it: "
                                + key
                                + ": \""
                                + text.replace("\"", "\\\"")
                                + "\""
                                + (tag12.equals(Tag.BOOL)
                                        ? " (or write true/false in lower case)"
                                        : tag12.equals(Tag.INT) || tag12.equals(Tag.FLOAT)
                                                ? " (or write the number in plain decimal digits)"
                                                : "")));
        return null;
    }

    private static String explain(String text, String tag11) {
        if ((tag11.equals(Tag.INT.getValue()) || tag11.equals(Tag.FLOAT.getValue()))
                && text.contains(":")) {
            return " (base 60)";
        }
        return "";
    }

    private static String name(String tag) {
        return switch (tag.substring(tag.lastIndexOf(':') + 1)) {
            case "str" -> "text";
            case "int" -> "a whole number";
            case "float" -> "a decimal number";
            case "bool" -> "a boolean";
            case "null" -> "no value";
            case "timestamp" -> "a timestamp";
            default -> tag;
        };
    }

    private static boolean isNull(Node node) {
        return node instanceof ScalarNode s && s.isPlain() && s.getTag().equals(Tag.NULL);
    }

    private static int line(Node node) {
        return node.getStartMark().map(mark -> mark.getLine() + 1).orElse(0);
    }
}
