package labstacks.launcher;

import com.pulumi.core.Output;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import labstacks.shared.config.Setting;
import labstacks.shared.config.SettingsLoader;
import labstacks.shared.validation.Format;
import labstacks.shared.validation.Vocabulary;

/**
 * The settings reference of a settings record, read from its {@link Setting} annotations and component
 * types only (never typed twice): what {@code ./labstacks settings} prints and the module READMEs' tables
 * are generated from.
 */
final class SettingsReference {

    /** One key as a user sets it. */
    record Entry(
            String key,
            String type,
            String defaultValue,
            String rule,
            boolean secret,
            List<String> env,
            String description) {}

    private SettingsReference() {}

    /** Every setting of the record, nested groups included, in declaration order. */
    static List<Entry> of(Class<? extends Record> type) {
        var entries = new ArrayList<Entry>();
        for (var component : type.getRecordComponents()) {
            var setting = component.getAnnotation(Setting.class);
            if (setting != null) {
                entries.add(entry(setting, component));
            } else if (component.getType().isRecord()) {
                entries.addAll(of(component.getType().asSubclass(Record.class)));
            }
        }
        return entries;
    }

    private static Entry entry(Setting setting, RecordComponent component) {
        var optional = component.getType() == Optional.class;
        Type valueType =
                optional ? argument(component.getGenericType()) : component.getGenericType();
        var raw = raw(valueType);
        String type;
        var rules = new ArrayList<String>();
        if (raw == Output.class || raw == String.class) {
            type = "text";
            if (setting.format() != Format.TEXT) {
                rules.add(setting.format().description());
            }
        } else if (raw == int.class
                || raw == Integer.class
                || raw == long.class
                || raw == Long.class) {
            type = "integer";
            range(setting).ifPresent(rules::add);
        } else if (raw == boolean.class || raw == Boolean.class) {
            type = "boolean";
        } else if (raw.isEnum()) {
            type =
                    "one of "
                            + String.join(
                                    ", ",
                                    Arrays.stream(raw.getEnumConstants())
                                            .map(c -> SettingsLoader.configName((Enum<?>) c))
                                            .toList());
        } else if (raw == List.class) {
            type = "list of text";
        } else if (raw == Map.class) {
            type = "map of text";
        } else {
            type = raw.getSimpleName();
        }
        if (!setting.rule().isEmpty()) {
            rules.add(setting.rule());
        } else if (!setting.pattern().isEmpty()) {
            rules.add("matches `" + setting.pattern() + "`");
        }
        String defaultValue;
        if (!setting.defaultValue().isEmpty()) {
            defaultValue = setting.defaultValue();
        } else if (optional) {
            defaultValue = "none (optional)";
        } else if (setting.credential()) {
            defaultValue = "required to deploy (a plan warns)";
        } else {
            defaultValue = "required";
        }
        return new Entry(
                setting.key(),
                type,
                defaultValue,
                String.join("; ", rules),
                setting.secret(),
                List.of(setting.env()),
                setting.description());
    }

    private static Optional<String> range(Setting setting) {
        var min = setting.min() != Long.MIN_VALUE;
        var max = setting.max() != Long.MAX_VALUE;
        var maxText =
                setting.max() == Vocabulary.LARGEST_EXACT_DOUBLE
                        ? "2^53"
                        : String.valueOf(setting.max());
        if (min && max) {
            return Optional.of(setting.min() + " to " + maxText);
        }
        if (min) {
            return Optional.of("at least " + setting.min());
        }
        return max ? Optional.of("at most " + maxText) : Optional.empty();
    }

    private static Type argument(Type type) {
        return type instanceof ParameterizedType parameterized
                ? parameterized.getActualTypeArguments()[0]
                : Object.class;
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType parameterized) {
            return (Class<?>) parameterized.getRawType();
        }
        return Object.class;
    }

    /** The reference as a Markdown table; {@code |} in a cell is escaped, every cell is one line. */
    static String markdown(List<Entry> entries) {
        var text =
                new StringBuilder(
                        "| key | type | default | rule | secret | environment | description |\n"
                                + "|---|---|---|---|---|---|---|\n");
        for (var entry : entries) {
            text.append("| `")
                    .append(entry.key())
                    .append("` | ")
                    .append(cell(entry.type()))
                    .append(" | ")
                    .append(
                            code(
                                    entry.defaultValue(),
                                    !entry.defaultValue().startsWith("required")
                                            && !entry.defaultValue().startsWith("none")))
                    .append(" | ")
                    .append(cell(entry.rule()))
                    .append(" | ")
                    .append(entry.secret() ? "secret" : "")
                    .append(" | ")
                    .append(
                            String.join(
                                    ", ", entry.env().stream().map(v -> "`$" + v + "`").toList()))
                    .append(" | ")
                    .append(cell(entry.description()))
                    .append(" |\n");
        }
        return text.toString();
    }

    /** The reference for a terminal: one block per key. */
    static String text(List<Entry> entries) {
        var text = new StringBuilder();
        for (var entry : entries) {
            text.append(entry.key())
                    .append('\n')
                    .append("  ")
                    .append(entry.description())
                    .append('\n')
                    .append("  type: ")
                    .append(entry.type())
                    .append('\n')
                    .append("  default: ")
                    .append(entry.defaultValue())
                    .append('\n');
            if (!entry.rule().isEmpty()) {
                text.append("  rule: ").append(entry.rule()).append('\n');
            }
            text.append("  secret: ")
                    .append(entry.secret() ? "yes (pulumi config set --secret)" : "no")
                    .append('\n');
            if (!entry.env().isEmpty()) {
                text.append("  environment: ")
                        .append(String.join(", ", entry.env().stream().map(v -> "$" + v).toList()))
                        .append(" (when the stack file has no value)\n");
            }
        }
        return text.toString();
    }

    private static String code(String text, boolean asCode) {
        if (!asCode) {
            return cell(text);
        }
        // A value containing a backtick needs a longer fence; none does today, but keep the cell
        // valid.
        var fence = text.contains("`") ? "`` " : "`";
        return fence + text.replace("|", "\\|") + new StringBuilder(fence).reverse();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
