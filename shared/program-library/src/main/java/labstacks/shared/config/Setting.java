package labstacks.shared.config;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import labstacks.shared.validation.Format;

/**
 * Declares one stack setting on a component of a settings record.
 *
 * <p>The component's type says how the value is parsed and whether it is required:
 * {@code String}, {@code int}/{@code Integer}, {@code long}/{@code Long}, {@code boolean}/{@code Boolean},
 * an enum (matched case-insensitively, {@code -} and {@code _} alike), {@code List<String>}
 * (a YAML/JSON list), {@code Map<String, String>} (a YAML/JSON object), and
 * {@code Output<String>} for secrets. Wrapping any of these in {@code Optional} makes the setting
 * optional; so does a {@link #defaultValue()}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Setting {

    /** The full, namespaced config key, for example {@code pipeweave:glacierDays}. */
    String key();

    /** What the value means, in a few words; error messages and the README quote it. */
    String description();

    /** Environment variables read, in order, when the key is not in the stack config. */
    String[] env() default {};

    /**
     * A secret: the component must be {@code Output<String>} (or optional of it), the value comes back
     * as a secret Output, and a value stored in plain text in the stack file is an error.
     */
    boolean secret() default false;

    /**
     * A credential a real deployment needs but an offline plan can do without: when missing, a plan
     * warns and continues with a placeholder instead of failing.
     */
    boolean credential() default false;

    /** The value used when neither the stack config nor the environment has one (parsed like config). */
    String defaultValue() default "";

    /** A regular expression a string value must match in full. */
    String pattern() default "";

    /** What {@link #pattern()} allows, in words; errors say this instead of the expression. */
    String rule() default "";

    /**
     * The kind of text the value is (an S3 bucket name, an image reference, a URL, ...), checked by the
     * rules of the system that receives it ({@link labstacks.shared.validation.Vocabulary}).
     */
    Format format() default Format.TEXT;

    /** The smallest whole number allowed. */
    long min() default Long.MIN_VALUE;

    /** The largest whole number allowed. */
    long max() default Long.MAX_VALUE;

    /** An example value, shown in the fix of an error. */
    String example() default "";
}
