package labstacks.shared.config;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import com.google.gson.JsonSyntaxException;
import com.pulumi.core.Output;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import labstacks.shared.validation.Suggestions;
import labstacks.shared.validation.Vocabulary;

/**
 * Reads a settings record (a record whose components carry {@link Setting}) from a {@link StackConfig}.
 *
 * <p>Every key is checked before anything is returned, and all problems come back together: missing
 * keys, malformed values, secrets stored in plain text, unknown keys in the program's own namespaces
 * (with the nearest known key), and the record's own {@link SettingsRules}.
 *
 * <p>A program's settings are read once per run ({@link #read}), before {@code Pulumi.run}; a component
 * without {@link Setting} whose type is a record is a group of settings read the same way. A settings
 * record holds only what the stack file says: what a program derives from it is its own record.
 */
public final class SettingsLoader {

    /** Namespaces that providers read themselves; keys there are never reported as unknown. */
    private static final Set<String> PROVIDER_NAMESPACES =
            Set.of("aws", "kubernetes", "github", "seqera", "pulumi");

    /** What a missing credential reads as in an offline plan. */
    public static final String PLAN_PLACEHOLDER = "offline-plan-placeholder";

    private SettingsLoader() {}

    /**
     * The one reading of a settings record: the record (when there is no problem), every problem, and the
     * warnings for the user (credentials a plan runs without).
     */
    public record Reading<T extends Record>(
            T settings, List<ConfigProblem> problems, List<String> warnings) {
        public Reading {
            problems = List.copyOf(problems);
            warnings = List.copyOf(warnings);
        }

        public boolean hasProblems() {
            return !problems.isEmpty();
        }

        /**
         * The record.
         *
         * @throws StackConfigException listing every problem, when there is any
         */
        public T orThrow(String stackFile) {
            if (hasProblems()) {
                throw new StackConfigException(stackFile, problems);
            }
            return settings;
        }
    }

    /**
     * Reads the settings record once: every key, nested group and rule, all problems together. Secret
     * settings come back as secret Outputs (which need no running deployment).
     */
    public static <T extends Record> Reading<T> read(
            Class<T> type, StackConfig config, RunMode mode) {
        var problems = new ArrayList<ConfigProblem>();
        var warnings = new ArrayList<String>();
        var record = readRecord(type, config, mode, problems, warnings);
        reportUnknownKeys(type, config, problems);
        return new Reading<>(problems.isEmpty() ? type.cast(record) : null, problems, warnings);
    }

    /**
     * Reads the settings record.
     *
     * @throws StackConfigException listing every problem, when there is any
     */
    public static <T extends Record> T load(Class<T> type, StackConfig config, RunMode mode) {
        return read(type, config, mode).orThrow(config.stackFile());
    }

    /** The keys a settings record declares, nested groups included, in declaration order. */
    public static List<String> keys(Class<? extends Record> type) {
        return settings(type).stream().map(Setting::key).toList();
    }

    /** The settings a record declares, nested groups included, in declaration order. */
    public static List<Setting> settings(Class<? extends Record> type) {
        var settings = new ArrayList<Setting>();
        for (var component : type.getRecordComponents()) {
            switch (kind(type, component)) {
                case SETTING -> settings.add(annotation(type, component));
                case GROUP ->
                        settings.addAll(settings(component.getType().asSubclass(Record.class)));
            }
        }
        return settings;
    }

    private enum Kind {
        SETTING,
        GROUP
    }

    /**
     * A component is a setting ({@link Setting}) or a group of settings (a record type, read the same
     * way); anything else is a programming error, reported by {@link #annotation}.
     */
    private static Kind kind(Class<?> owner, RecordComponent component) {
        var setting = component.isAnnotationPresent(Setting.class);
        if (!setting && component.getType().isRecord()) {
            return Kind.GROUP;
        }
        annotation(owner, component);
        return Kind.SETTING;
    }

    private static Object readRecord(
            Class<? extends Record> type,
            StackConfig config,
            RunMode mode,
            List<ConfigProblem> problems,
            List<String> warnings) {
        var components = type.getRecordComponents();
        if (components == null) {
            throw new IllegalArgumentException(type + " is not a record");
        }
        var before = problems.size();
        var values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            values[i] =
                    switch (kind(type, components[i])) {
                        case SETTING ->
                                readComponent(
                                        type, components[i], config, mode, problems, warnings);
                        case GROUP ->
                                readRecord(
                                        components[i].getType().asSubclass(Record.class),
                                        config,
                                        mode,
                                        problems,
                                        warnings);
                    };
        }
        if (problems.size() > before) {
            return null;
        }
        Record record;
        try {
            var constructor =
                    type.getDeclaredConstructor(
                            Arrays.stream(components)
                                    .map(RecordComponent::getType)
                                    .toArray(Class<?>[]::new));
            constructor.setAccessible(true);
            record = constructor.newInstance(values);
        } catch (ReflectiveOperationException e) {
            var cause = e.getCause() != null ? e.getCause() : e;
            if (cause instanceof IllegalArgumentException invalid) {
                problems.add(
                        new ConfigProblem(
                                keys(type).get(0),
                                invalid.getMessage(),
                                "edit the settings in " + config.stackFile()));
                return null;
            }
            throw new IllegalStateException(
                    "cannot construct " + type.getName() + ": " + cause, cause);
        }
        if (record instanceof SettingsRules rules) {
            rules.check(
                    new SettingsRules.Problems() {
                        @Override
                        public void add(String key, String problem) {
                            add(
                                    key,
                                    problem,
                                    "edit "
                                            + key
                                            + " in "
                                            + config.stackFile()
                                            + " (pulumi config set "
                                            + key
                                            + " <value> -s "
                                            + config.stack()
                                            + ")");
                        }

                        @Override
                        public void add(String key, String problem, String fix) {
                            problems.add(new ConfigProblem(key, problem, fix));
                        }
                    });
        }
        return record;
    }

    private static Object readComponent(
            Class<?> owner,
            RecordComponent component,
            StackConfig config,
            RunMode mode,
            List<ConfigProblem> problems,
            List<String> warnings) {
        var setting = annotation(owner, component);
        var key = setting.key();
        var genericType = component.getGenericType();
        var optional = component.getType() == Optional.class;
        var valueType = optional ? typeArgument(genericType, 0) : genericType;
        var secretType = rawType(valueType) == Output.class;
        if (setting.secret() != secretType) {
            throw new IllegalStateException(
                    owner.getName()
                            + "."
                            + component.getName()
                            + ": a secret setting must be Output<String> and an Output<String> must be secret");
        }

        var fromConfig = config.get(key);
        String raw = null;
        String source = null;
        if (fromConfig.isPresent()) {
            raw = fromConfig.get();
            source = config.stackFile();
            if (!setting.secret() && config.isSecret(key)) {
                problems.add(
                        new ConfigProblem(
                                key,
                                "is stored encrypted (secure:) in "
                                        + config.stackFile()
                                        + ", but it is not a secret setting; an encrypted value here hides a plain setting from review"
                                        + " and cannot be read by the offline plan",
                                "store it in plain text: pulumi config set "
                                        + key
                                        + " "
                                        + (setting.example().isEmpty()
                                                ? "<value>"
                                                : setting.example())
                                        + " -s "
                                        + config.stack()));
                return null;
            }
            if (setting.secret() && !config.isSecret(key)) {
                problems.add(
                        new ConfigProblem(
                                key,
                                "is a secret but is stored in plain text in " + config.stackFile(),
                                "remove the plain value and run: pulumi config set --secret "
                                        + key
                                        + " <value> -s "
                                        + config.stack()));
                return null;
            }
        } else {
            for (var variable : setting.env()) {
                var value = config.env(variable);
                if (value.isPresent()) {
                    raw = value.get();
                    source = "$" + variable;
                    break;
                }
            }
        }
        if (raw == null && !setting.defaultValue().isEmpty()) {
            raw = setting.defaultValue();
            source = "the default";
        }
        if (raw == null) {
            if (optional) {
                return Optional.empty();
            }
            if (setting.credential() && mode == RunMode.PLAN) {
                warnings.add(
                        key
                                + " is not set ("
                                + setting.description()
                                + "); the offline plan uses a placeholder, a real deployment would stop here. "
                                + howToSet(setting, config));
                raw = PLAN_PLACEHOLDER;
                source = "a plan placeholder";
                if (rawType(valueType) == String.class) {
                    // A stand-in, not a value: the setting's pattern describes real values only.
                    return optional ? Optional.of(raw) : raw;
                }
            } else {
                problems.add(
                        new ConfigProblem(
                                key,
                                "is required but not set (" + setting.description() + ")",
                                howToSet(setting, config)));
                return null;
            }
        }

        var parsed = parse(setting, valueType, raw, source, config, problems);
        if (parsed == null) {
            return null;
        }
        return optional ? Optional.of(parsed) : parsed;
    }

    private static Object parse(
            Setting setting,
            Type valueType,
            String raw,
            String source,
            StackConfig config,
            List<ConfigProblem> problems) {
        var type = rawType(valueType);
        String detail = null;
        try {
            var value = convert(setting, type, raw);
            if (value != null) {
                return value;
            }
        } catch (InvalidValue e) {
            detail = e.getMessage();
        } catch (IllegalArgumentException
                | IllegalStateException
                | ArithmeticException
                | JsonSyntaxException e) {
            // reported below: the value does not have the expected form
        }
        var shown = setting.secret() ? "a secret value" : "\"" + shown(raw) + "\"";
        var alternatives = alternatives(setting);
        if (detail == null && !alternatives.isEmpty()) {
            detail =
                    Suggestions.nearest(raw.trim(), alternatives)
                            .map(nearest -> "did you mean " + nearest + "?")
                            .orElse(null);
        }
        problems.add(
                new ConfigProblem(
                        setting.key(),
                        "expected "
                                + expectedFor(setting, type)
                                + ", got "
                                + shown
                                + " from "
                                + source
                                + (detail == null ? "" : ": " + detail),
                        howToSet(setting, config)));
        return null;
    }

    /** A URL's user information: {@code scheme://user:password@}. */
    private static final Pattern URL_USER_INFO =
            Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)[^/@\\s]*@");

    /** The longest value an error repeats in full. */
    private static final int SHOWN_LENGTH = 120;

    /**
     * {@code raw} as an error may repeat it: never a password a URL carries, control characters (a newline from a
     * block scalar) written as escapes so the message stays on its line, and a long value cut short.
     */
    static String shown(String raw) {
        var text = URL_USER_INFO.matcher(raw).replaceAll("$1<user info hidden>@");
        var escaped = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            var c = text.charAt(i);
            switch (c) {
                case '\n' -> escaped.append("\\n");
                case '\r' -> escaped.append("\\r");
                case '\t' -> escaped.append("\\t");
                default -> {
                    if (Character.isISOControl(c)) {
                        escaped.append(String.format("\\u%04x", (int) c));
                    } else {
                        escaped.append(c);
                    }
                }
            }
        }
        if (escaped.length() > SHOWN_LENGTH) {
            return escaped.substring(0, SHOWN_LENGTH) + "... (" + raw.length() + " characters)";
        }
        return escaped.toString();
    }

    /** A pattern that only lists words ({@code nf-core|scoped}): the words; empty for any other pattern. */
    static List<String> alternatives(Setting setting) {
        if (!setting.pattern().matches("[A-Za-z0-9_-]+(\\|[A-Za-z0-9_-]+)+")) {
            return List.of();
        }
        return List.of(setting.pattern().split("\\|"));
    }

    /** The value of {@code raw} as {@code type}, or null when it does not have the expected form. */
    private static Object convert(Setting setting, Class<?> type, String raw) {
        if (type == Output.class) {
            if (raw.isEmpty()) {
                return null;
            }
            // A plan's placeholder stands for a credential that is not there; it has no form to
            // check.
            if (raw != PLAN_PLACEHOLDER) {
                var broken = setting.format().problem(raw);
                if (broken.isPresent()) {
                    throw new InvalidValue(broken.get());
                }
            }
            return Output.ofSecret(raw);
        }
        if (type == String.class) {
            // Only a provider reads its keys' values; an empty value of a program's own text
            // setting is a slip
            // (a default is taken by removing the key), never a value. Provider keys have their own
            // rules.
            if (raw.isBlank()
                    && !PROVIDER_NAMESPACES.contains(
                            setting.key().substring(0, setting.key().indexOf(':')))) {
                throw new InvalidValue(
                        "the value is empty; remove the key to take "
                                + (setting.defaultValue().isEmpty()
                                        ? "no value"
                                        : "the default " + setting.defaultValue())
                                + ", or give one");
            }
            if (!setting.pattern().isEmpty() && !Pattern.matches(setting.pattern(), raw)) {
                return null;
            }
            var broken = setting.format().problem(raw);
            if (broken.isPresent()) {
                throw new InvalidValue(broken.get());
            }
            return raw;
        }
        if (type == Integer.class
                || type == int.class
                || type == Long.class
                || type == long.class) {
            if (!WHOLE_NUMBER.matcher(raw.trim()).matches()) {
                // 010 or +5: readers disagree on them (octal, sign), so only the plain decimal form
                // is taken.
                throw new InvalidValue(
                        "write the number in plain decimal digits, without leading zeros or a sign '+'");
            }
            var number = Long.parseLong(raw.trim());
            if (number < setting.min() || number > setting.max()) {
                return null;
            }
            return type == Integer.class || type == int.class
                    ? (Object) Math.toIntExact(number)
                    : (Object) number;
        }
        if (type == Boolean.class || type == boolean.class) {
            return switch (raw.trim().toLowerCase(Locale.ROOT)) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                default -> null;
            };
        }
        if (type.isEnum()) {
            for (var constant : type.getEnumConstants()) {
                if (configName((Enum<?>) constant).equals(normalize(raw))) {
                    return constant;
                }
            }
            return null;
        }
        if (type == List.class) {
            var list = new ArrayList<String>();
            for (var element : json(raw).getAsJsonArray()) {
                if (!element.isJsonPrimitive()) {
                    return null;
                }
                list.add(element.getAsString());
            }
            return List.copyOf(list);
        }
        if (type == Map.class) {
            var map = new LinkedHashMap<String, String>();
            for (var entry : json(raw).getAsJsonObject().entrySet()) {
                if (!entry.getValue().isJsonPrimitive()) {
                    return null;
                }
                map.put(entry.getKey(), entry.getValue().getAsString());
            }
            return Map.copyOf(map);
        }
        throw new UnsupportedOperationException(
                "settings of type "
                        + type.getName()
                        + " are not supported ("
                        + setting.key()
                        + ")");
    }

    private static String expectedFor(Setting setting, Class<?> type) {
        if (type == Output.class) {
            return "a non-empty secret";
        }
        if (type == Integer.class
                || type == int.class
                || type == Long.class
                || type == long.class) {
            return "a whole number" + range(setting);
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type.isEnum()) {
            return "one of "
                    + Arrays.stream(type.getEnumConstants())
                            .map(c -> configName((Enum<?>) c))
                            .collect(Collectors.joining(", "));
        }
        if (type == List.class) {
            return "a list of text values";
        }
        if (type == Map.class) {
            return "a mapping of text keys to text values";
        }
        if (!setting.rule().isEmpty()) {
            return setting.rule();
        }
        if (!alternatives(setting).isEmpty()) {
            return "one of " + String.join(", ", alternatives(setting));
        }
        if (!setting.pattern().isEmpty()) {
            return "text matching " + setting.pattern();
        }
        return setting.format().description();
    }

    private static final Pattern WHOLE_NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)");

    /** A value of the right type that breaks a rule; the message says the rule. */
    private static final class InvalidValue extends RuntimeException {
        InvalidValue(String rule) {
            super(rule, null, false, false);
        }
    }

    /** How an enum constant is written in config: lower case, with '-' for '_'. */
    public static String configName(Enum<?> constant) {
        return normalize(constant.name());
    }

    private static String normalize(String text) {
        return text.trim().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static String range(Setting setting) {
        if (setting.max() == Vocabulary.LARGEST_EXACT_DOUBLE) {
            return (setting.min() != Long.MIN_VALUE ? " from " + setting.min() : "")
                    + " up to 2^53 ("
                    + setting.max()
                    + "), the largest the provider's number type holds exactly";
        }
        if (setting.min() != Long.MIN_VALUE && setting.max() != Long.MAX_VALUE) {
            return " from " + setting.min() + " to " + setting.max();
        }
        if (setting.min() != Long.MIN_VALUE) {
            return " >= " + setting.min();
        }
        if (setting.max() != Long.MAX_VALUE) {
            return " <= " + setting.max();
        }
        return "";
    }

    private static String howToSet(Setting setting, StackConfig config) {
        var example = setting.example().isEmpty() ? "<value>" : setting.example();
        var text = new StringBuilder("pulumi config set ");
        if (setting.secret()) {
            text.append("--secret ");
        }
        text.append(setting.key())
                .append(' ')
                .append(example)
                .append(" -s ")
                .append(config.stack());
        if (setting.env().length > 0) {
            text.append(", or export ")
                    .append(String.join(" or ", setting.env()))
                    .append(" (.envrc or the stack's Pulumi ESC environment)");
        }
        return text.toString();
    }

    private static void reportUnknownKeys(
            Class<? extends Record> type, StackConfig config, List<ConfigProblem> problems) {
        var declared = new LinkedHashSet<>(keys(type));
        var namespaces =
                declared.stream()
                        .map(k -> k.substring(0, k.indexOf(':')))
                        .filter(ns -> !PROVIDER_NAMESPACES.contains(ns))
                        // A program may read a labstacks key (labstacks:environment); StackSettings
                        // owns that namespace.
                        .filter(ns -> type == StackSettings.class || !ns.equals("labstacks"))
                        .collect(Collectors.toSet());
        for (var key : config.values().keySet().stream().sorted().toList()) {
            var colon = key.indexOf(':');
            var namespace = colon < 0 ? "" : key.substring(0, colon);
            if (!namespaces.contains(namespace) || declared.contains(key)) {
                continue;
            }
            var nearest =
                    Suggestions.nearest(
                            key,
                            declared.stream().filter(k -> k.startsWith(namespace + ":")).toList());
            problems.add(
                    new ConfigProblem(
                            key,
                            "is not a setting of this program"
                                    + nearest.map(k -> " (did you mean " + k + "?)").orElse(""),
                            "remove it from "
                                    + config.stackFile()
                                    + nearest.map(k -> " or rename it to " + k).orElse("")
                                    + "; known keys: "
                                    + declared.stream()
                                            .filter(k -> k.startsWith(namespace + ":"))
                                            .collect(Collectors.joining(", "))));
        }
    }

    private static JsonElement json(String raw) {
        return JsonParser.parseString(raw);
    }

    private static Setting annotation(Class<?> owner, RecordComponent component) {
        var setting = component.getAnnotation(Setting.class);
        if (setting == null) {
            throw new IllegalStateException(
                    owner.getName() + "." + component.getName() + " has no @Setting");
        }
        if (!setting.key().matches("[a-z][a-z0-9-]*:[A-Za-z][A-Za-z0-9_.-]*")) {
            throw new IllegalStateException(
                    owner.getName()
                            + "."
                            + component.getName()
                            + ": config key '"
                            + setting.key()
                            + "' is not of the form namespace:key");
        }
        return setting;
    }

    private static Type typeArgument(Type type, int index) {
        if (type instanceof ParameterizedType parameterized) {
            return parameterized.getActualTypeArguments()[index];
        }
        throw new IllegalStateException("raw generic type " + type + " in a settings record");
    }

    private static Class<?> rawType(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType parameterized) {
            return (Class<?>) parameterized.getRawType();
        }
        throw new IllegalStateException("unsupported setting type " + type);
    }
}
