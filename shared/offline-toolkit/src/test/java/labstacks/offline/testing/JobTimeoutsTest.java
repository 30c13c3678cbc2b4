package labstacks.offline.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.pulumi.kubernetes.batch.v1.Job;
import com.pulumi.kubernetes.batch.v1.JobArgs;
import com.pulumi.kubernetes.batch.v1.inputs.JobSpecArgs;
import com.pulumi.kubernetes.core.v1.inputs.ContainerArgs;
import com.pulumi.kubernetes.core.v1.inputs.PodSpecArgs;
import com.pulumi.kubernetes.core.v1.inputs.PodTemplateSpecArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.CustomTimeouts;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The check behind every stack's JobWaitsTest finds each way a Job can outlive Pulumi's wait. */
class JobTimeoutsTest {
    private static Job job(String name, Integer deadline, CustomTimeouts timeouts) {
        var spec =
                JobSpecArgs.builder()
                        .template(
                                PodTemplateSpecArgs.builder()
                                        .spec(
                                                PodSpecArgs.builder()
                                                        .restartPolicy("Never")
                                                        .containers(
                                                                ContainerArgs.builder()
                                                                        .name("c")
                                                                        .image("busybox:1.36")
                                                                        .build())
                                                        .build())
                                        .build());
        if (deadline != null) {
            spec.activeDeadlineSeconds(deadline);
        }
        var options = CustomResourceOptions.builder();
        if (timeouts != null) {
            options.customTimeouts(timeouts);
        }
        return new Job(
                name,
                JobArgs.builder()
                        .metadata(ObjectMetaArgs.builder().name(name).build())
                        .spec(spec.build())
                        .build(),
                options.build());
    }

    @Test
    void missingShortAndUnboundedJobsAreEachReported() {
        var run =
                ProgramHarness.component(
                                "jobs",
                                stack -> {
                                    job(
                                            "covered",
                                            600,
                                            CustomTimeouts.builder()
                                                    .create(Duration.ofMinutes(10))
                                                    .update(Duration.ofMinutes(11))
                                                    .build());
                                    job("default-wait", 1800, null);
                                    job(
                                            "short-update",
                                            600,
                                            CustomTimeouts.builder()
                                                    .create(Duration.ofMinutes(10))
                                                    .update(Duration.ofMinutes(5))
                                                    .build());
                                    job(
                                            "unbounded",
                                            null,
                                            CustomTimeouts.builder()
                                                    .create(Duration.ofHours(1))
                                                    .update(Duration.ofHours(1))
                                                    .build());
                                })
                        .run()
                        .assertSucceeded();
        assertEquals(
                List.of(
                        "default-wait: no customTimeouts.create (Pulumi would wait 10 min)",
                        "default-wait: no customTimeouts.update (Pulumi would wait 10 min)",
                        "short-update: customTimeouts.update 300000000000ns is shorter than its 600 s deadline",
                        "unbounded: no spec.activeDeadlineSeconds, so no wait can be known to cover it"),
                JobTimeouts.shortfalls(run.plan()));
    }

    @Test
    void goDurationsAreReadAsTheEngineWritesThem() {
        assertEquals(Duration.ofSeconds(1830), JobTimeouts.parse("1830000000000ns"));
        assertEquals(Duration.ofMinutes(76).plusSeconds(30), JobTimeouts.parse("1h16m30s"));
        assertEquals(Duration.ofMillis(1500), JobTimeouts.parse("1.5s"));
        assertThrows(IllegalArgumentException.class, () -> JobTimeouts.parse("10 minutes"));
        assertThrows(IllegalArgumentException.class, () -> JobTimeouts.parse(""));
    }
}
