package labstacks.shared.json;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;
import labstacks.shared.validation.Suggestions;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.cfg.MapperConfig;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.exc.ValueInstantiationException;
import tools.jackson.databind.introspect.AnnotatedMember;
import tools.jackson.databind.introspect.JacksonAnnotationIntrospector;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

/**
 * Binds a JSON file (a spec or catalog the project keeps) into a record, refusing what a lenient reader
 * would silently accept or drop. Every failure is a {@link JsonFileException} naming the file, the path of
 * the field and the fix:
 * <ul>
 *   <li>a field the record has no component for (a typo, or a setting this code would ignore);</li>
 *   <li>a field given twice in one object (a plain reader keeps the last one);</li>
 *   <li>a required field that is missing or {@code null}: every record component is required unless it is an
 *       {@link Optional}, or its record replaces the {@code null} with a default in its compact constructor;</li>
 *   <li>a value of the wrong type: no coercion of {@code "4"} to a number, {@code 4} to text, {@code 1.5} to a
 *       whole number or {@code 0} to an enum's first constant; text must not be blank;</li>
 *   <li>a record constructor that rejects a value with an {@link IllegalArgumentException}: its message
 *       follows the path of the object it was building.</li>
 * </ul>
 * JSON names are the record component names, or {@link JsonProperty#value()} where a component has one.
 * Fields a file may hold that the code deliberately does not read (what an export tool adds) are named in
 * {@code @JsonIgnoreProperties} on the record: ignored by name, never by accident.
 */
public final class StrictJson {

    private static final JsonMapper MAPPER = mapper(true);
    private static final Pattern MISSING_REQUIRED =
            Pattern.compile("Missing required creator property '([^']*)'");
    private static final Pattern DUPLICATE = Pattern.compile("Duplicate Object property \"(.*)\"");
    private static final Pattern OUT_OF_RANGE =
            Pattern.compile("Numeric value \\(([^)]*)\\) out of range");

    private StrictJson() {}

    private static JsonMapper mapper(boolean primitivesRequired) {
        var builder =
                JsonMapper.builder()
                        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                        // Off by default in Jackson 3 (moved here from DeserializationFeature): 0
                        // would bind the first constant.
                        .enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                        // No number or true/false read as text: "region": 5 is a mistake, not "5".
                        .withCoercionConfig(
                                LogicalType.Textual,
                                text ->
                                        text.setCoercion(
                                                        CoercionInputShape.Integer,
                                                        CoercionAction.Fail)
                                                .setCoercion(
                                                        CoercionInputShape.Float,
                                                        CoercionAction.Fail)
                                                .setCoercion(
                                                        CoercionInputShape.Boolean,
                                                        CoercionAction.Fail));
        return (primitivesRequired
                        ? builder.annotationIntrospector(new PrimitivesRequired())
                        : builder)
                .build();
    }

    /** Binds {@code text}; {@code file} is how errors name it. */
    public static <T extends Record> T read(String text, String file, Class<T> type) {
        return bind(file, type, mapper -> mapper.readValue(text, type));
    }

    /** Binds a file on disk; errors name it as given. */
    public static <T extends Record> T read(Path file, Class<T> type) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new JsonFileException(file.toString(), "", "no such file");
        } catch (IOException e) {
            throw new JsonFileException(
                    file.toString(),
                    "",
                    "cannot be read: "
                            + e.getClass().getSimpleName()
                            + (e.getMessage() == null ? "" : " " + e.getMessage()));
        }
        return read(text, file.toString(), type);
    }

    /** Binds a classpath resource of {@code type}'s class loader; errors name the resource. */
    public static <T extends Record> T resource(String resource, Class<T> type) {
        try (InputStream stream = type.getClassLoader().getResourceAsStream(resource)) {
            if (stream == null) {
                throw new JsonFileException(
                        resource,
                        "",
                        "is missing from the classpath; rebuild the module that ships it");
            }
            return read(new String(stream.readAllBytes(), StandardCharsets.UTF_8), resource, type);
        } catch (IOException e) {
            throw new JsonFileException(resource, "", "cannot be read: " + e.getMessage());
        }
    }

    /**
     * A primitive component cannot tell "absent" from 0 or false once bound, and Jackson fills absent ones
     * with that default; so a primitive is required in the JSON. Boxed components may default in the record.
     */
    private static final class PrimitivesRequired extends JacksonAnnotationIntrospector {
        @Override
        public Boolean hasRequiredMarker(MapperConfig<?> config, AnnotatedMember member) {
            return member.getRawType().isPrimitive()
                    ? Boolean.TRUE
                    : super.hasRequiredMarker(config, member);
        }
    }

    /**
     * Without required primitives: only to tell a misspelt field from a missing one (see {@link #bind}), so
     * built on the first such error rather than on every start.
     */
    private static final class LenientAboutMissing {
        static final JsonMapper MAPPER = mapper(false);
    }

    private interface Binding<T> {
        T bind(JsonMapper mapper);
    }

    private static <T extends Record> T bind(String file, Class<T> type, Binding<T> binding) {
        T value;
        try {
            value = binding.bind(MAPPER);
        } catch (JacksonException e) {
            if (e instanceof MismatchedInputException
                    && MISSING_REQUIRED.matcher(e.getOriginalMessage()).find()) {
                // Jackson reports a missing required field before an unknown one in the same
                // object, and a
                // missing field is most often a misspelt one: name the misspelling when there is
                // one.
                try {
                    binding.bind(LenientAboutMissing.MAPPER);
                } catch (UnrecognizedPropertyException unknown) {
                    throw translate(file, unknown);
                } catch (JacksonException ignored) {
                    // the missing field is the first problem after all
                }
            }
            throw translate(file, e);
        }
        if (value == null) {
            throw new JsonFileException(file, "", "is empty or null; it must be a JSON object");
        }
        requireValues(file, "", value);
        return value;
    }

    private static JsonFileException translate(String file, JacksonException e) {
        var path = path(e.getPath());
        if (e instanceof UnrecognizedPropertyException unknown) {
            var known = new TreeSet<String>();
            unknown.getKnownPropertyIds().forEach(id -> known.add(String.valueOf(id)));
            var suggestion =
                    suggest(unknown.getPropertyName(), known)
                            .map(s -> "did you mean '" + s + "'? ")
                            .orElse("");
            return new JsonFileException(
                    file,
                    path,
                    "is not a known field; " + suggestion + "known: " + String.join(", ", known));
        }
        if (e instanceof ValueInstantiationException instantiation) {
            var cause = instantiation.getCause();
            while (cause instanceof InvocationTargetException && cause.getCause() != null) {
                cause = cause.getCause();
            }
            if (cause instanceof JsonFileException own) {
                return own;
            }
            var reason =
                    cause instanceof IllegalArgumentException
                            ? cause.getMessage()
                            : "cannot be built: " + cause;
            // The path ends at the object whose constructor refused; the record's message names the
            // field.
            return new JsonFileException(file, "", (path.isEmpty() ? "" : path + ": ") + reason);
        }
        if (e instanceof InvalidFormatException format) {
            return new JsonFileException(
                    file,
                    path,
                    "must be "
                            + kind(format.getTargetType())
                            + ", got "
                            + quoted(format.getValue()));
        }
        if (e instanceof MismatchedInputException mismatch) {
            var required = MISSING_REQUIRED.matcher(e.getOriginalMessage());
            if (required.find()) {
                var field = path.endsWith(required.group(1)) ? path : join(path, required.group(1));
                return new JsonFileException(
                        file,
                        field,
                        "is missing or null; it must be " + kind(mismatch.getTargetType()));
            }
            if (e.getMessage() != null && e.getMessage().startsWith("Trailing token")) {
                return new JsonFileException(
                        file, "", "has content after its JSON value; keep one document per file");
            }
            var token = mismatch.getCurrentToken();
            var target = mismatch.getTargetType();
            if (path.isEmpty() && target != null && Record.class.isAssignableFrom(target)) {
                return new JsonFileException(file, "", "the top level must be a JSON object");
            }
            if (target != null
                    && target.isPrimitive()
                    && (token == null
                            || token.isStructEnd()
                            || token == JsonToken.VALUE_NULL
                            || token == JsonToken.PROPERTY_NAME)) {
                return new JsonFileException(
                        file, path, "is missing or null; it must be " + kind(target));
            }
            return new JsonFileException(
                    file,
                    path,
                    "must be " + kind(target) + (token == null ? "" : ", got " + describe(token)));
        }
        if (e instanceof InputCoercionException coercion) {
            // Valid JSON whose number does not fit the component (3000000000 for an int): name the
            // field.
            var value = OUT_OF_RANGE.matcher(coercion.getOriginalMessage());
            return new JsonFileException(
                    file,
                    path,
                    "must be "
                            + kind(coercion.getTargetType())
                            + " within "
                            + range(coercion.getTargetType())
                            + (value.find() ? ", got " + value.group(1) : ""));
        }
        if (e instanceof StreamReadException read) {
            var duplicate = DUPLICATE.matcher(read.getOriginalMessage());
            if (duplicate.find()) {
                var where = contextPath(read.processor());
                return new JsonFileException(
                        file,
                        (where.isEmpty() ? "" : where + ".") + duplicate.group(1),
                        "is given twice in one object; keep one");
            }
            var location = read.getLocation();
            return new JsonFileException(
                    file,
                    "",
                    "is not valid JSON"
                            + (location == null
                                    ? ""
                                    : " (line "
                                            + location.getLineNr()
                                            + ", column "
                                            + location.getColumnNr()
                                            + ")")
                            + ": "
                            + read.getOriginalMessage());
        }
        return new JsonFileException(file, path, "cannot be read: " + e.getOriginalMessage());
    }

    /** A known name the unknown one abbreviates or extends ({@code mito} for {@code mito_name}), else the nearest. */
    private static Optional<String> suggest(String name, Collection<String> known) {
        var plain = name.replace("_", "").toLowerCase(Locale.ROOT);
        var prefixed =
                known.stream()
                        .filter(
                                k -> {
                                    var candidate = k.replace("_", "").toLowerCase(Locale.ROOT);
                                    return plain.length() >= 3
                                            && (candidate.startsWith(plain)
                                                    || plain.startsWith(candidate));
                                })
                        .toList();
        return prefixed.size() == 1
                ? Optional.of(prefixed.get(0))
                : Suggestions.nearest(name, known);
    }

    /** After binding: a null where the record has no default is a missing field; blank text is refused. */
    private static void requireValues(String file, String path, Object value) {
        if (value instanceof Record record) {
            for (var component : record.getClass().getRecordComponents()) {
                var child = join(path, jsonName(component));
                var content = read(record, component);
                if (content == null) {
                    throw new JsonFileException(
                            file,
                            child,
                            "is missing; it must be " + kind(component.getGenericType()));
                }
                requireValues(file, child, content);
            }
        } else if (value instanceof Optional<?> optional) {
            optional.ifPresent(inner -> requireValues(file, path, inner));
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i) == null) {
                    throw new JsonFileException(
                            file, path + "[" + i + "]", "is null; give a value or remove it");
                }
                requireValues(file, path + "[" + i + "]", list.get(i));
            }
        } else if (value instanceof Map<?, ?> map) {
            for (var entry : map.entrySet()) {
                var child = join(path, String.valueOf(entry.getKey()));
                if (entry.getValue() == null) {
                    throw new JsonFileException(file, child, "is null; give a value or remove it");
                }
                requireValues(file, child, entry.getValue());
            }
        } else if (value instanceof String text && text.isBlank()) {
            throw new JsonFileException(file, path, "is blank; it must be non-empty text");
        }
    }

    private static Object read(Record record, RecordComponent component) {
        try {
            var accessor = component.getAccessor();
            accessor.setAccessible(true);
            return accessor.invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(
                    "cannot read " + record.getClass().getName() + "." + component.getName(), e);
        }
    }

    private static String jsonName(RecordComponent component) {
        var property = component.getAccessor().getAnnotation(JsonProperty.class);
        return property == null || property.value().isEmpty()
                ? component.getName()
                : property.value();
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private static String path(List<JacksonException.Reference> references) {
        var text = new StringBuilder();
        for (var reference : references) {
            if (reference.getPropertyName() != null) {
                text.append(text.length() == 0 ? "" : ".").append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                text.append('[').append(reference.getIndex()).append(']');
            }
        }
        return text.toString();
    }

    /** The path of the object the parser is in (for a duplicate, the object holding it). */
    private static String contextPath(JsonParser parser) {
        if (parser == null) {
            return "";
        }
        var steps = new ArrayList<String>();
        // The innermost context is the object with the duplicate, whose current name is the
        // duplicate itself.
        TokenStreamContext context = parser.streamReadContext();
        context = context == null ? null : context.getParent();
        while (context != null && !context.inRoot()) {
            if (context.inArray()) {
                steps.add(0, "[" + context.getCurrentIndex() + "]");
            } else if (context.currentName() != null) {
                steps.add(0, "." + context.currentName());
            }
            context = context.getParent();
        }
        var text = String.join("", steps);
        return text.startsWith(".") ? text.substring(1) : text;
    }

    private static String kind(Type type) {
        if (type instanceof ParameterizedType parameterized) {
            var raw = (Class<?>) parameterized.getRawType();
            var arguments = parameterized.getActualTypeArguments();
            if (raw == Optional.class) {
                return kind(arguments[0]);
            }
            if (Collection.class.isAssignableFrom(raw)) {
                return "a list of " + plural(kind(arguments[0]));
            }
            if (Map.class.isAssignableFrom(raw)) {
                return "an object of " + plural(kind(arguments[1]));
            }
            return kind(raw);
        }
        if (!(type instanceof Class<?> raw)) {
            return "a value";
        }
        if (raw == String.class) {
            return "text";
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return "true or false";
        }
        if (raw == int.class
                || raw == Integer.class
                || raw == long.class
                || raw == Long.class
                || raw == short.class
                || raw == Short.class
                || raw == BigInteger.class) {
            return "a whole number";
        }
        if (raw == double.class
                || raw == Double.class
                || raw == float.class
                || raw == Float.class
                || raw == BigDecimal.class) {
            return "a number";
        }
        if (raw.isEnum()) {
            var names = new ArrayList<String>();
            for (var constant : raw.getEnumConstants()) {
                names.add(((Enum<?>) constant).name());
            }
            return "one of " + String.join(", ", names);
        }
        if (raw.isArray() || Collection.class.isAssignableFrom(raw)) {
            return "a list";
        }
        return "an object";
    }

    private static String range(Class<?> type) {
        if (type == int.class || type == Integer.class) {
            return Integer.MIN_VALUE + " to " + Integer.MAX_VALUE;
        }
        if (type == long.class || type == Long.class) {
            return Long.MIN_VALUE + " to " + Long.MAX_VALUE;
        }
        if (type == short.class || type == Short.class) {
            return Short.MIN_VALUE + " to " + Short.MAX_VALUE;
        }
        return "its range";
    }

    private static String plural(String kind) {
        return switch (kind) {
            case "text" -> "text values";
            case "true or false" -> "true/false values";
            case "a whole number" -> "whole numbers";
            case "a number" -> "numbers";
            case "an object" -> "objects";
            default -> kind.startsWith("a list") ? "lists" : "values (" + kind + ")";
        };
    }

    private static String describe(JsonToken token) {
        return switch (token) {
            case START_OBJECT, END_OBJECT, PROPERTY_NAME -> "an object";
            case START_ARRAY, END_ARRAY -> "a list";
            case VALUE_STRING -> "text";
            case VALUE_NUMBER_INT -> "a whole number";
            case VALUE_NUMBER_FLOAT -> "a decimal number";
            case VALUE_TRUE, VALUE_FALSE -> "true/false";
            case VALUE_NULL -> "null";
            default -> token.name();
        };
    }

    private static String quoted(Object value) {
        return value instanceof String ? "\"" + value + "\"" : String.valueOf(value);
    }
}
