package labstacks.shared.program;

import java.util.Map;

/** A stand-in for a provider function (an invoke) when no cloud can be asked. */
@FunctionalInterface
public interface OfflineFunction {
    /**
     * @param args the invoke's arguments
     * @return the function's result properties
     */
    Map<String, Object> call(Map<String, Object> args);
}
