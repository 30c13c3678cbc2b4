package labstacks.offline.plan;

import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import labstacks.shared.validation.Vocabulary;

/**
 * Turns the property values a program sends to the engine into plain Java values (sorted maps, lists,
 * text, numbers, booleans), keeping the engine's special values visible: secrets, unknowns and
 * resource references.
 */
public final class PlanValues {

    /** The engine's marker keys and values (pulumi/sdk/go/common/resource/properties.go). */
    static final String SIG = "4dabf18193072939515e22adb298388d";

    static final String SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
    static final String RESOURCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";
    static final String OUTPUT_SIG = "d0e6a833031e9bbcd3f4e8bde6ca49a4";
    static final String UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

    private PlanValues() {}

    /** A secret value; shown as {@code "[secret]"}, never in plain text. */
    public record Secret(Object value) {
        @Override
        public String toString() {
            return "[secret]";
        }
    }

    /** A value not known until the engine creates the resource. */
    public enum Unknown {
        VALUE;

        @Override
        public String toString() {
            return "[unknown]";
        }
    }

    /** A reference to another resource. */
    public record ResourceReference(String urn, String id) {}

    public static Map<String, Object> of(Struct struct) {
        var result = new TreeMap<String, Object>();
        struct.getFieldsMap().forEach((key, value) -> result.put(key, of(value)));
        return Collections.unmodifiableMap(result);
    }

    public static Object of(Value value) {
        return switch (value.getKindCase()) {
            case NULL_VALUE, KIND_NOT_SET -> null;
            case BOOL_VALUE -> value.getBoolValue();
            case NUMBER_VALUE -> number(value.getNumberValue());
            case STRING_VALUE ->
                    UNKNOWN.equals(value.getStringValue()) ? Unknown.VALUE : value.getStringValue();
            case LIST_VALUE -> list(value.getListValue());
            case STRUCT_VALUE -> struct(value.getStructValue());
        };
    }

    /** Whether a raw engine value is a secret. */
    public static boolean isSecret(Value value) {
        return value.hasStructValue()
                && SECRET_SIG.equals(stringField(value.getStructValue(), SIG));
    }

    /** Wraps a raw engine value as a secret. */
    public static Value secret(Value value) {
        if (isSecret(value)) {
            return value;
        }
        return Value.newBuilder()
                .setStructValue(
                        Struct.newBuilder()
                                .putFields(
                                        SIG, Value.newBuilder().setStringValue(SECRET_SIG).build())
                                .putFields("value", value))
                .build();
    }

    /** Whether any part of a converted value is a secret. */
    public static boolean containsSecret(Object value) {
        if (value instanceof Secret) {
            return true;
        }
        if (value instanceof Map<?, ?> map) {
            return map.values().stream().anyMatch(PlanValues::containsSecret);
        }
        if (value instanceof List<?> list) {
            return list.stream().anyMatch(PlanValues::containsSecret);
        }
        return false;
    }

    /** The value with every secret replaced by what it holds: for tests that assert on secret inputs. */
    public static Object reveal(Object value) {
        if (value instanceof Secret secret) {
            return reveal(secret.value());
        }
        if (value instanceof Map<?, ?> map) {
            var result = new TreeMap<String, Object>();
            map.forEach((k, v) -> result.put(String.valueOf(k), reveal(v)));
            return result;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(PlanValues::reveal).toList();
        }
        return value;
    }

    private static Object number(double number) {
        // The wire only knows doubles; whole numbers read back as the int or long a program wrote.
        if (number == Math.rint(number) && Math.abs(number) <= Integer.MAX_VALUE) {
            return (int) number;
        }
        if (number == Math.rint(number) && Math.abs(number) <= Vocabulary.LARGEST_EXACT_DOUBLE) {
            return (long) number;
        }
        return number;
    }

    private static List<Object> list(ListValue list) {
        var result = new ArrayList<Object>();
        for (var element : list.getValuesList()) {
            result.add(of(element));
        }
        return Collections.unmodifiableList(result);
    }

    private static Object struct(Struct struct) {
        var sig = stringField(struct, SIG);
        if (SECRET_SIG.equals(sig)) {
            return new Secret(of(struct.getFieldsOrDefault("value", Value.getDefaultInstance())));
        }
        if (RESOURCE_SIG.equals(sig)) {
            return new ResourceReference(stringField(struct, "urn"), stringField(struct, "id"));
        }
        if (OUTPUT_SIG.equals(sig)) {
            if (!struct.containsFields("value")) {
                return Unknown.VALUE;
            }
            var inner = of(struct.getFieldsOrThrow("value"));
            var secret =
                    struct.containsFields("secret")
                            && struct.getFieldsOrThrow("secret").getBoolValue();
            return secret ? new Secret(inner) : inner;
        }
        return of(struct);
    }

    private static String stringField(Struct struct, String key) {
        var value = struct.getFieldsOrDefault(key, null);
        return value != null && value.hasStringValue() ? value.getStringValue() : null;
    }
}
