package labstacks.pipeweave.rgw;

import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Starts Ceph RGW in the background when the run begins and holds a class marked {@link NeedsCephRgw}, so its
 * ~14 s start overlaps the classes before it instead of adding to the build (issue 28). A run without such a
 * class (one test picked with {@code -Dtest}) starts nothing. Registered for the JUnit Platform launcher in
 * {@code META-INF/services/org.junit.platform.launcher.TestExecutionListener}.
 */
public final class CephRgwWarmUp implements TestExecutionListener {
    @Override
    public void testPlanExecutionStarted(TestPlan plan) {
        for (var root : plan.getRoots()) {
            for (var test : plan.getDescendants(root)) {
                if (needsRgw(test)) {
                    CephRgw.startInBackground();
                    return;
                }
            }
        }
    }

    private static boolean needsRgw(TestIdentifier test) {
        return test.getSource()
                .filter(ClassSource.class::isInstance)
                .map(ClassSource.class::cast)
                .map(
                        source -> {
                            try {
                                return source.getJavaClass()
                                        .isAnnotationPresent(NeedsCephRgw.class);
                            } catch (RuntimeException e) {
                                return false;
                            }
                        })
                .orElse(false);
    }
}
