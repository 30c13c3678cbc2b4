package labstacks.shared.config;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import com.google.gson.JsonSyntaxException;
import com.pulumi.core.Output;
import labstacks.shared.config.RunMode;

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

/**
 * Reads a settings record (a record whose components carry {@link Setting}) from a {@link StackConfig}.
 *
 * <p>Every key is checked before anything is returned, and all problems come back together: missing
 * keys, malformed values, secrets stored in plain text, unknown keys in the program's own namespaces
 * (with the nearest known key), and the record's own {@link SettingsRules}.
 *
 * <p>{@link #check} is pure and may run before {@code Pulumi.run}; {@link #load} creates the secret
 * Outputs and therefore runs inside it.
 */
public final class SettingsLoader {

    /** Namespaces that providers read themselves; keys there are never reported as unknown. */
    private static final Set<String> PROVIDER_NAMESPACES = Set.of("aws", "kubernetes", "github", "seqera", "pulumi");

    /** What a missing credential reads as in an offline plan. */
    public static final String PLAN_PLACEHOLDER = "offline-plan-placeholder";

    /** Stands for a secret that is valid but not yet created as an Output. */
    private static final Object UNMATERIALIZED = new Object();

    private SettingsLoader() {
    }

    /** The result of reading a settings record: the record, plus warnings for the user. */
    public record Loaded<T extends Record>(T settings, List<String> warnings) {
        public Loaded {
            warnings = List.copyOf(warnings);
        }
    }

    /** Every problem with the settings of {@code type}, without creating any Output. */
    public static List<ConfigProblem> check(Class<? extends Record> type, StackConfig config, RunMode mode) {
        return read(type, config, mode, false).problems;
    }

    /** The warnings (missing credentials in a plan) reading {@code type} would give. */
    public static List<String> warnings(Class<? extends Record> type, StackConfig config, RunMode mode) {
        return read(type, config, mode, false).warnings;
    }

    /**
     * Reads the settings record.
     *
     * @throws StackConfigException listing every problem, when there is any
     */
    public static <T extends Record> Loaded<T> load(Class<T> type, StackConfig config, RunMode mode) {
        var reading = read(type, config, mode, true);
        if (!reading.problems.isEmpty()) {
            throw new StackConfigException(config.stackFile(), reading.problems);
        }
        return new Loaded<>(type.cast(reading.record), reading.warnings);
    }

    /** The keys a settings record declares, in declaration order. */
    public static List<String> keys(Class<? extends Record> type) {
        return Arrays.stream(type.getRecordComponents())
                .map(c -> annotation(type, c).key())
                .toList();
    }

    private static final class Reading {
        final List<ConfigProblem> problems = new ArrayList<>();
        final List<String> warnings = new ArrayList<>();
        Record record;
    }

    private static Reading read(Class<? extends Record> type, StackConfig config, RunMode mode, boolean materialize) {
        var reading = new Reading();
        var components = type.getRecordComponents();
        if (components == null) {
            throw new IllegalArgumentException(type + " is not a record");
        }
        var values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            values[i] = readComponent(type, components[i], config, mode, materialize, reading);
        }
        reportUnknownKeys(type, config, reading);
        if (!reading.problems.isEmpty()) {
            return reading;
        }
        try {
            var constructor = type.getDeclaredConstructor(
                    Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
            constructor.setAccessible(true);
            reading.record = constructor.newInstance(values);
        } catch (ReflectiveOperationException e) {
            var cause = e.getCause() != null ? e.getCause() : e;
            if (cause instanceof IllegalArgumentException invalid) {
                reading.problems.add(new ConfigProblem(keys(type).get(0), invalid.getMessage(),
                        "edit the settings in " + config.stackFile()));
                return reading;
            }
            throw new IllegalStateException("cannot construct " + type.getName() + ": " + cause, cause);
        }
        if (reading.record instanceof SettingsRules rules) {
            rules.check(new SettingsRules.Problems() {
                @Override
                public void add(String key, String problem) {
                    add(key, problem, "edit " + key + " in " + config.stackFile()
                            + " (pulumi config set " + key + " <value> -s " + config.stack() + ")");
                }

                @Override
                public void add(String key, String problem, String fix) {
                    reading.problems.add(new ConfigProblem(key, problem, fix));
                }
            });
        }
        return reading;
    }

    private static Object readComponent(Class<?> owner, RecordComponent component, StackConfig config,
                                        RunMode mode, boolean materialize, Reading reading) {
        var setting = annotation(owner, component);
        var key = setting.key();
        var genericType = component.getGenericType();
        var optional = component.getType() == Optional.class;
        var valueType = optional ? typeArgument(genericType, 0) : genericType;
        var secretType = rawType(valueType) == Output.class;
        if (setting.secret() != secretType) {
            throw new IllegalStateException(owner.getName() + "." + component.getName()
                    + ": a secret setting must be Output<String> and an Output<String> must be secret");
        }

        var fromConfig = config.get(key);
        String raw = null;
        String source = null;
        if (fromConfig.isPresent()) {
            raw = fromConfig.get();
            source = config.stackFile();
            if (!setting.secret() && config.isSecret(key)) {
                reading.problems.add(new ConfigProblem(key,
                        "is stored encrypted (secure:) in " + config.stackFile()
                                + ", but it is not a secret setting; an encrypted value here hides a plain setting from review"
                                + " and cannot be read by the offline plan",
                        "store it in plain text: pulumi config set " + key + " "
                                + (setting.example().isEmpty() ? "<value>" : setting.example()) + " -s " + config.stack()));
                return null;
            }
            if (setting.secret() && !config.isSecret(key)) {
                reading.problems.add(new ConfigProblem(key,
                        "is a secret but is stored in plain text in " + config.stackFile(),
                        "remove the plain value and run: pulumi config set --secret " + key
                                + " <value> -s " + config.stack()));
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
                reading.warnings.add(key + " is not set (" + setting.description()
                        + "); the offline plan uses a placeholder, a real deployment would stop here. "
                        + howToSet(setting, config));
                raw = PLAN_PLACEHOLDER;
                source = "a plan placeholder";
                if (rawType(valueType) == String.class) {
                    // A stand-in, not a value: the setting's pattern describes real values only.
                    return optional ? Optional.of(raw) : raw;
                }
            } else {
                reading.problems.add(new ConfigProblem(key,
                        "is required but not set (" + setting.description() + ")", howToSet(setting, config)));
                return null;
            }
        }

        var parsed = parse(setting, valueType, raw, source, config, materialize, reading);
        if (parsed == null) {
            return null;
        }
        if (parsed == UNMATERIALIZED) {
            // A pure check runs before Pulumi.run, where no real Output may exist. Rules see that the
            // secret is there (Optional.of), never its value.
            var standIn = uncheckedSecret(setting.key());
            return optional ? Optional.of(standIn) : standIn;
        }
        return optional ? Optional.of(parsed) : parsed;
    }

    private static Object parse(Setting setting, Type valueType, String raw, String source, StackConfig config,
                                boolean materialize, Reading reading) {
        var type = rawType(valueType);
        String detail = null;
        try {
            var value = convert(setting, type, raw, materialize);
            if (value != null) {
                return value;
            }
        } catch (InvalidValue e) {
            detail = e.getMessage();
        } catch (IllegalArgumentException | IllegalStateException | ArithmeticException | JsonSyntaxException e) {
            // reported below: the value does not have the expected form
        }
        var shown = setting.secret() ? "a secret value" : "\"" + raw + "\"";
        reading.problems.add(new ConfigProblem(setting.key(),
                "expected " + expectedFor(setting, type) + ", got " + shown + " from " + source
                        + (detail == null ? "" : ": " + detail),
                howToSet(setting, config)));
        return null;
    }

    /** The value of {@code raw} as {@code type}, or null when it does not have the expected form. */
    private static Object convert(Setting setting, Class<?> type, String raw, boolean materialize) {
        if (type == Output.class) {
            if (raw.isEmpty()) {
                return null;
            }
            // Before Pulumi.run no Output may be created; check() only needs to know the value is fine.
            return materialize ? Output.ofSecret(raw) : UNMATERIALIZED;
        }
        if (type == String.class) {
            if (!setting.pattern().isEmpty() && !Pattern.matches(setting.pattern(), raw)) {
                return null;
            }
            var broken = setting.format().problem(raw);
            if (broken.isPresent()) {
                throw new InvalidValue(broken.get());
            }
            return raw;
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            if (!WHOLE_NUMBER.matcher(raw.trim()).matches()) {
                // 010 or +5: readers disagree on them (octal, sign), so only the plain decimal form is taken.
                throw new InvalidValue("write the number in plain decimal digits, without leading zeros or a sign '+'");
            }
            var number = Long.parseLong(raw.trim());
            if (number < setting.min() || number > setting.max()) {
                return null;
            }
            return type == Integer.class || type == int.class ? (Object) Math.toIntExact(number) : (Object) number;
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
        throw new UnsupportedOperationException("settings of type " + type.getName() + " are not supported ("
                + setting.key() + ")");
    }

    private static String expectedFor(Setting setting, Class<?> type) {
        if (type == Output.class) {
            return "a non-empty secret";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number" + range(setting);
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(c -> configName((Enum<?>) c))
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

    /**
     * An Output that only says "a valid secret is set": any use of it fails, so a settings rule that tries
     * to read a secret during the check is a programming error caught at once.
     */
    private static Output<?> uncheckedSecret(String key) {
        return (Output<?>) java.lang.reflect.Proxy.newProxyInstance(Output.class.getClassLoader(),
                new Class<?>[] {Output.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "toString":
                            return "Output(" + key + ", secret, not read during the check)";
                        case "hashCode":
                            return System.identityHashCode(proxy);
                        case "equals":
                            return proxy == args[0];
                        default:
                            throw new IllegalStateException("settings checks must not read the secret " + key);
                    }
                });
    }

    /** How an enum constant is written in config: lower case, with '-' for '_'. */
    public static String configName(Enum<?> constant) {
        return normalize(constant.name());
    }

    private static String normalize(String text) {
        return text.trim().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static String range(Setting setting) {
        if (setting.max() == labstacks.shared.validation.Vocabulary.LARGEST_EXACT_DOUBLE) {
            return (setting.min() != Long.MIN_VALUE ? " from " + setting.min() : "") + " up to 2^53 ("
                    + setting.max() + "), the largest the provider's number type holds exactly";
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
        text.append(setting.key()).append(' ').append(example).append(" -s ").append(config.stack());
        if (setting.env().length > 0) {
            text.append(", or export ").append(String.join(" or ", setting.env()))
                    .append(" (.envrc or the stack's Pulumi ESC environment)");
        }
        return text.toString();
    }

    private static void reportUnknownKeys(Class<? extends Record> type, StackConfig config, Reading reading) {
        var declared = new LinkedHashSet<>(keys(type));
        var namespaces = declared.stream()
                .map(k -> k.substring(0, k.indexOf(':')))
                .filter(ns -> !PROVIDER_NAMESPACES.contains(ns))
                // A program may read a labstacks key (labstacks:environment); StackSettings owns that namespace.
                .filter(ns -> type == StackSettings.class || !ns.equals("labstacks"))
                .collect(Collectors.toSet());
        for (var key : config.values().keySet().stream().sorted().toList()) {
            var colon = key.indexOf(':');
            var namespace = colon < 0 ? "" : key.substring(0, colon);
            if (!namespaces.contains(namespace) || declared.contains(key)) {
                continue;
            }
            var nearest = labstacks.shared.validation.Suggestions.nearest(key,
                    declared.stream().filter(k -> k.startsWith(namespace + ":")).toList());
            reading.problems.add(new ConfigProblem(key,
                    "is not a setting of this program" + nearest.map(k -> " (did you mean " + k + "?)").orElse(""),
                    "remove it from " + config.stackFile() + nearest.map(k -> " or rename it to " + k).orElse("")
                            + "; known keys: " + declared.stream().filter(k -> k.startsWith(namespace + ":"))
                            .collect(Collectors.joining(", "))));
        }
    }

    private static JsonElement json(String raw) {
        return JsonParser.parseString(raw);
    }

    private static Setting annotation(Class<?> owner, RecordComponent component) {
        var setting = component.getAnnotation(Setting.class);
        if (setting == null) {
            throw new IllegalStateException(owner.getName() + "." + component.getName() + " has no @Setting");
        }
        if (!setting.key().matches("[a-z][a-z0-9-]*:[A-Za-z][A-Za-z0-9_.-]*")) {
            throw new IllegalStateException(owner.getName() + "." + component.getName()
                    + ": config key '" + setting.key() + "' is not of the form namespace:key");
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
