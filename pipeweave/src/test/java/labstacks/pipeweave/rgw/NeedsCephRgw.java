package labstacks.pipeweave.rgw;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a test class that uses {@link CephRgw#shared()}: when a test run holds one, {@link CephRgwWarmUp}
 * starts the cluster at the beginning of the run, so the daemons come up while other classes run.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface NeedsCephRgw {}
