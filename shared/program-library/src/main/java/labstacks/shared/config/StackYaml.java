package labstacks.shared.config;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import labstacks.shared.validation.Suggestions;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.io.StringReader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a stack file the way the Pulumi CLI does: a YAML 1.2 document whose config values reach the
 * program as text. The parser here (SnakeYAML) speaks YAML 1.1, whose implicit types differ from 1.2's
 * core schema ({@code 010} is 8 in 1.1 and 10 in 1.2, {@code 1:30} is 90 or text, {@code yes} is true or
 * text): a plain value whose two readings could differ is refused with "quote it" as the fix, so the
 * offline plan and a deploy never read a value differently. Duplicate keys are errors, not "last wins".
 */
final class StackYaml {

    /** A node turned into plain values: text, JSON text for lists and mappings, and the secure marker. */
    record Value(String text, boolean secure) {
    }

    // YAML 1.2 core schema (yaml.org/spec/1.2.2, 10.3.2 Tag Resolution).
    private static final Pattern CORE_NULL = Pattern.compile("null|Null|NULL|~|");
    private static final Pattern CORE_BOOL = Pattern.compile("true|True|TRUE|false|False|FALSE");
    private static final Pattern CORE_INT = Pattern.compile("[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+");
    private static final Pattern CORE_FLOAT = Pattern.compile(
            "[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\\.(inf|Inf|INF)|\\.nan|\\.NaN|\\.NAN");

    /** The only forms of non-text values both readings agree on, digit for digit. */
    private static final Pattern PLAIN_NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?");
    private static final Set<String> PLAIN_BOOL = Set.of("true", "false");

    /** The keys of a stack file (pulumi/sdk/go/common/workspace/project.go, ProjectStack). */
    static final Set<String> TOP_LEVEL_KEYS = Set.of("config", "environment", "secretsprovider", "encryptedkey",
            "encryptionsalt");

    private final String fileName;
    private final List<ConfigProblem> problems = new ArrayList<>();

    private StackYaml(String fileName) {
        this.fileName = fileName;
    }

    /** The document's root node; a syntax error is a {@link StackFileException}. */
    static Node compose(String fileName, String text) {
        try {
            var node = new Yaml(new SafeConstructor(new LoaderOptions())).compose(new StringReader(text));
            return node;
        } catch (org.yaml.snakeyaml.error.YAMLException e) {
            throw new StackFileException(fileName + " is not valid YAML: " + e.getMessage()
                    + "\nFix the file (pulumi config set rewrites it correctly).", e);
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
                reader.problems.add(new ConfigProblem(key, "is not a key of a stack file"
                        + nearest.map(k -> " (did you mean " + k + "?)").orElse(""),
                        "remove it from " + fileName + nearest.map(k -> " or rename it to " + k).orElse("")
                                + "; a stack file has: " + String.join(", ", new java.util.TreeSet<>(TOP_LEVEL_KEYS))));
            } else if (key.equals("config")) {
                configNode = entry.getValue();
            }
        }
        if (configNode != null && !isNull(configNode)) {
            if (!(configNode instanceof MappingNode config)) {
                throw new StackFileException(fileName + ": 'config' must be a mapping of keys to values");
            }
            for (var entry : reader.entries(config, "")) {
                var key = entry.getKey();
                if (!key.contains(":")) {
                    reader.problems.add(new ConfigProblem(key, "has no namespace",
                            "write it as " + project + ":" + key + " or <system>:" + key + " in " + fileName));
                    continue;
                }
                var node = entry.getValue();
                if (isNull(node)) {
                    reader.problems.add(new ConfigProblem(key, "has no value in " + fileName,
                            "give it one or remove the line"));
                    continue;
                }
                if (node instanceof MappingNode map && map.getValue().size() == 1
                        && map.getValue().get(0).getKeyNode() instanceof ScalarNode k && k.getValue().equals("secure")) {
                    values.put(key, new Value(null, true));
                    continue;
                }
                var json = reader.json(node, key, stack);
                if (json == null) {
                    continue;
                }
                if (json.isJsonPrimitive()) {
                    values.put(key, new Value(json.getAsString(), false));
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
                problems.add(new ConfigProblem(prefix + "?", "has a key that is not text (line "
                        + line(tuple.getKeyNode()) + ")", "write the key as plain text in " + fileName));
                continue;
            }
            var key = keyNode.getValue();
            var line = line(keyNode);
            var earlier = seen.putIfAbsent(key, line);
            if (earlier != null) {
                problems.add(new ConfigProblem(prefix + key, "is set twice in " + fileName + " (lines " + earlier
                        + " and " + line + "); YAML readers differ on which one counts",
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
        problems.add(new ConfigProblem(key, "has a value the stack file cannot hold (line " + line(node) + ")",
                "pulumi config set " + key + " <value> -s " + stack));
        return null;
    }

    private JsonElement scalar(ScalarNode scalar, String key, String stack) {
        var text = scalar.getValue();
        if (scalar.getScalarStyle() != DumperOptions.ScalarStyle.PLAIN) {
            return new JsonPrimitive(text);
        }
        var tag11 = scalar.getTag();
        var tag12 = coreTag(text);
        if (tag12.equals(Tag.NULL) && tag11.equals(Tag.NULL)) {
            return JsonNull.INSTANCE;
        }
        if (tag12.equals(Tag.STR) && tag11.equals(Tag.STR)) {
            return new JsonPrimitive(text);
        }
        if (tag12.equals(Tag.BOOL) && tag11.equals(Tag.BOOL) && PLAIN_BOOL.contains(text)) {
            return new JsonPrimitive(Boolean.parseBoolean(text));
        }
        if ((tag12.equals(Tag.INT) || tag12.equals(Tag.FLOAT)) && tag11.equals(tag12)
                && PLAIN_NUMBER.matcher(text).matches()) {
            return new JsonPrimitive(new BigDecimal(text));
        }
        var octal = tag11.equals(Tag.INT) && text.matches("[-+]?0[0-7_]+");
        var why = octal
                ? "YAML 1.1 reads a leading 0 as octal: " + text + " is " + Long.parseLong(text.replace("_", "")
                .replace("+", ""), 8) + ", YAML 1.2 (which the Pulumi CLI reads) as a decimal number or text"
                : tag11.equals(tag12)
                ? "this form of " + name(tag12) + " is not read alike by all YAML readers"
                : "YAML 1.1 reads it as " + name(tag11) + explain(text, tag11)
                + ", YAML 1.2 (which the Pulumi CLI reads) as " + name(tag12);
        problems.add(new ConfigProblem(key, "has the unquoted value " + text + " (line " + line(scalar) + "): " + why,
                "quote it: " + key + ": \"" + text.replace("\"", "\\\"") + "\""
                        + (tag12.equals(Tag.BOOL) ? " (or write true/false in lower case)"
                        : tag12.equals(Tag.INT) || tag12.equals(Tag.FLOAT) ? " (or write the number in plain decimal digits)" : "")));
        return null;
    }

    private static String explain(String text, Tag tag11) {
        if ((tag11.equals(Tag.INT) || tag11.equals(Tag.FLOAT)) && text.contains(":")) {
            return " (base 60)";
        }
        return "";
    }

    private static Tag coreTag(String text) {
        if (CORE_NULL.matcher(text).matches()) {
            return Tag.NULL;
        }
        if (CORE_BOOL.matcher(text).matches()) {
            return Tag.BOOL;
        }
        if (CORE_INT.matcher(text).matches()) {
            return Tag.INT;
        }
        if (CORE_FLOAT.matcher(text).matches()) {
            return Tag.FLOAT;
        }
        return Tag.STR;
    }

    private static String name(Tag tag) {
        if (tag.equals(Tag.STR)) {
            return "text";
        }
        if (tag.equals(Tag.INT)) {
            return "a whole number";
        }
        if (tag.equals(Tag.FLOAT)) {
            return "a decimal number";
        }
        if (tag.equals(Tag.BOOL)) {
            return "a boolean";
        }
        if (tag.equals(Tag.NULL)) {
            return "no value";
        }
        if (tag.equals(Tag.TIMESTAMP)) {
            return "a timestamp";
        }
        return tag.getValue();
    }

    private static boolean isNull(Node node) {
        return node instanceof ScalarNode s && s.getScalarStyle() == DumperOptions.ScalarStyle.PLAIN
                && CORE_NULL.matcher(s.getValue()).matches();
    }

    private static int line(Node node) {
        return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }
}
