package labstacks.shared.program;

import java.util.LinkedHashMap;
import java.util.Map;

/** Insertion-ordered maps from key-value pairs, for stack outputs and chart values that read in a set order. */
public final class OrderedMap {

    private OrderedMap() {}

    /** {@code of("a", 1, "b", 2)}: keys are Strings; values may be null or Outputs. */
    public static Map<String, Object> of(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values must come in pairs");
        }
        var map = new LinkedHashMap<String, Object>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
