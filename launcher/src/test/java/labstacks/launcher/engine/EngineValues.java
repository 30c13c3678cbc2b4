package labstacks.launcher.engine;

import com.google.protobuf.ListValue;
import com.google.protobuf.NullValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The engine's wire values: protobuf {@link Struct}s with Pulumi's special signatures, converted to and
 * from plain Java values.
 *
 * <p>The signatures are Pulumi's own: {@code 4dabf18193072939515e22adb298388d} is the key that marks a
 * special object, {@code 1b47061264138c4ac30d75fd1eb44270} its value for a secret, and
 * {@code 04da6b54-80e4-46f7-96ec-b56ff0331ba9} the string that stands for an unknown value
 * (pulumi/pulumi {@code sdk/go/common/resource/sig/sig.go} and {@code sdk/go/common/resource/plugin/rpc.go};
 * the Java SDK's {@code com.pulumi.serialization.internal.Constants} uses the same strings).
 */
public final class EngineValues {

    public static final String SPECIAL_SIG_KEY = "4dabf18193072939515e22adb298388d";
    public static final String SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
    public static final String UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

    /** A secret as it arrived: the wrapped value, converted. */
    public record Secret(Object value) {}

    private EngineValues() {}

    public static boolean isSecret(Value value) {
        return value.hasStructValue()
                && SECRET_SIG.equals(
                        value.getStructValue()
                                .getFieldsOrDefault(SPECIAL_SIG_KEY, Value.getDefaultInstance())
                                .getStringValue());
    }

    public static Value secret(Value value) {
        return Value.newBuilder()
                .setStructValue(
                        Struct.newBuilder()
                                .putFields(
                                        SPECIAL_SIG_KEY,
                                        Value.newBuilder().setStringValue(SECRET_SIG).build())
                                .putFields("value", value))
                .build();
    }

    /** A struct as Java maps, lists, strings, doubles and booleans; secrets become {@link Secret}. */
    public static Map<String, Object> toJava(Struct struct) {
        var map = new LinkedHashMap<String, Object>();
        struct.getFieldsMap().forEach((key, value) -> map.put(key, toJava(value)));
        return map;
    }

    public static Object toJava(Value value) {
        if (isSecret(value)) {
            return new Secret(
                    toJava(
                            value.getStructValue()
                                    .getFieldsOrDefault("value", Value.getDefaultInstance())));
        }
        return switch (value.getKindCase()) {
            case NULL_VALUE, KIND_NOT_SET -> null;
            case NUMBER_VALUE -> value.getNumberValue();
            case STRING_VALUE -> value.getStringValue();
            case BOOL_VALUE -> value.getBoolValue();
            case STRUCT_VALUE -> toJava(value.getStructValue());
            case LIST_VALUE -> {
                var list = new ArrayList<Object>();
                value.getListValue().getValuesList().forEach(v -> list.add(toJava(v)));
                yield list;
            }
        };
    }

    public static Struct toStruct(Map<String, ?> map) {
        var struct = Struct.newBuilder();
        map.forEach((key, value) -> struct.putFields(key, toValue(value)));
        return struct.build();
    }

    public static Value toValue(Object value) {
        if (value == null) {
            return Value.newBuilder().setNullValue(NullValue.NULL_VALUE).build();
        }
        if (value instanceof Secret secret) {
            return secret(toValue(secret.value()));
        }
        if (value instanceof String s) {
            return Value.newBuilder().setStringValue(s).build();
        }
        if (value instanceof Number n) {
            return Value.newBuilder().setNumberValue(n.doubleValue()).build();
        }
        if (value instanceof Boolean b) {
            return Value.newBuilder().setBoolValue(b).build();
        }
        if (value instanceof Map<?, ?> map) {
            var struct = Struct.newBuilder();
            map.forEach((k, v) -> struct.putFields(String.valueOf(k), toValue(v)));
            return Value.newBuilder().setStructValue(struct).build();
        }
        if (value instanceof List<?> list) {
            var values = ListValue.newBuilder();
            list.forEach(v -> values.addValues(toValue(v)));
            return Value.newBuilder().setListValue(values).build();
        }
        throw new IllegalArgumentException("no engine value for " + value.getClass());
    }
}
