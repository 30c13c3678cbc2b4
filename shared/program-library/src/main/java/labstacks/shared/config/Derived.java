package labstacks.shared.config;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A component of a settings record that no config key sets: it is derived from the settings (parsed spec
 * files, computed names) by the program's {@code StackProgram.prepare}, once, before anything registers.
 * {@link SettingsLoader} leaves it null; {@code prepare} returns a copy with it filled.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Derived {
}
