package labstacks.constructs.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.core.v1.ConfigMap;
import com.pulumi.kubernetes.core.v1.ConfigMapArgs;
import com.pulumi.kubernetes.core.v1.inputs.ContainerArgs;
import com.pulumi.kubernetes.core.v1.inputs.EmptyDirVolumeSourceArgs;
import com.pulumi.kubernetes.core.v1.inputs.VolumeArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.CustomResourceOptions;
import io.kubernetes.client.openapi.models.V1Job;
import io.kubernetes.client.openapi.models.V1ServiceAccount;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import labstacks.offline.schema.KubernetesSchema;
import labstacks.offline.testing.ProgramHarness;
import labstacks.offline.testing.StackRun;
import org.junit.jupiter.api.Test;

/** A one-off Job runs once, under its own token-less account, and is replaced rather than patched. */
class OneOffJobTest {
    private static final String JOB = "kubernetes:batch/v1:Job";
    private static final String ACCOUNT = "kubernetes:core/v1:ServiceAccount";
    private static final Map<String, String> POD = Map.of("app.kubernetes.io/name", "migrate");

    private static ContainerArgs migrate() {
        return ContainerArgs.builder()
                .name("migrate")
                .image("registry.example/app:1.2.3")
                .args("alembic", "upgrade", "head")
                .resources(Containers.size("100m", "256Mi", "1", "1Gi"))
                .securityContext(Containers.restricted())
                .build();
    }

    private static StackRun run(UnaryOperator<OneOffJob.Builder> configure) {
        return ProgramHarness.component(
                        "one-off",
                        stack -> {
                            var database =
                                    new ConfigMap(
                                            "database",
                                            ConfigMapArgs.builder()
                                                    .metadata(
                                                            ObjectMetaArgs.builder()
                                                                    .name("database")
                                                                    .namespace("shop")
                                                                    .build())
                                                    .build());
                            var args =
                                    configure
                                            .apply(
                                                    OneOffJob.Args.builder(
                                                                    "migrate", "shop", migrate())
                                                            .podLabels(POD)
                                                            .activeDeadlineSeconds(600)
                                                            .startAfter(List.of(database)))
                                            .build();
                            var job = new OneOffJob(args, CustomResourceOptions.Empty);
                            stack.pulumi().export("job", Output.of(job.objectName()));
                        })
                .run()
                .assertSucceeded();
    }

    /**
     * Kubernetes API reference, batch/v1 JobSpec: {@code backoffLimit} defaults to 6 and a Job's pod
     * {@code restartPolicy} may only be Never or OnFailure; with Never a failed pod is replaced by a new pod
     * (counted against the backoff limit) instead of restarting its container in place.
     */
    @Test
    void theJobRunsOnceUnderItsOwnAccountWithoutAnApiToken() {
        var run = run(b -> b);
        var account =
                (V1ServiceAccount) KubernetesSchema.validate(run.resource(ACCOUNT, "migrate"));
        assertEquals(false, account.getAutomountServiceAccountToken());
        assertEquals("shop", account.getMetadata().getNamespace());
        var job = (V1Job) KubernetesSchema.validate(run.resource(JOB, "migrate"));
        var pod = job.getSpec().getTemplate().getSpec();
        assertEquals(
                "migrate", pod.getServiceAccountName(), "the pod runs under the Job's own account");
        assertEquals("Never", pod.getRestartPolicy());
        assertEquals(POD, job.getSpec().getTemplate().getMetadata().getLabels());
        assertEquals(List.of("alembic", "upgrade", "head"), pod.getContainers().get(0).getArgs());
        assertEquals(6, job.getSpec().getBackoffLimit());
        var sent = run.resource(JOB, "migrate");
        assertEquals(600, sent.input("spec.activeDeadlineSeconds"));
        assertNull(sent.input("spec.template.spec.initContainers"));
        assertNull(sent.input("spec.template.spec.volumes"));
        assertNull(sent.input("spec.template.spec.securityContext"));
        assertEquals("migrate", job.getMetadata().getName());
        assertEquals("migrate", run.output("job"));
    }

    /**
     * pulumi/pulumi-kubernetes v4.0.0 {@code provider/pkg/provider/diff.go} ({@code var job}): a change to
     * {@code .spec.template}, completions, parallelism or the selector replaces the Job; {@code provider.go} (Diff)
     * deletes first by itself only when the replacement keeps the same name and namespace. The option also orders a
     * Job renamed after its image (biositing) and shows the order in the plan.
     */
    @Test
    void aChangedJobIsReplacedAfterWhatItWaitsFor() {
        var run = run(b -> b);
        var job = run.resource(JOB, "migrate");
        assertTrue(job.deleteBeforeReplace(), "Job pod templates are immutable");
        // The account through the pod's serviceAccountName, the ConfigMap through startAfter.
        assertTrue(
                job.dependsOn().containsAll(List.of("migrate", "database")),
                job.dependsOn().toString());
        var account = run.resource(ACCOUNT, "migrate");
        assertFalse(account.deleteBeforeReplace());
        assertFalse(account.dependsOn().contains("database"), account.dependsOn().toString());
    }

    @Test
    void everyOptionalPartLandsWhereKubernetesReadsIt() {
        var wait =
                ContainerArgs.builder()
                        .name("wait")
                        .image("registry.example/wait:1")
                        .command("true")
                        .resources(Containers.size("10m", "16Mi", "100m", "64Mi"))
                        .securityContext(Containers.restricted())
                        .build();
        var run =
                run(
                        b ->
                                b.jobName("migrate-0123abcd")
                                        .labels(Map.of("team", "data"))
                                        .initContainers(List.of(wait))
                                        .volumes(
                                                List.of(
                                                        VolumeArgs.builder()
                                                                .name("tmp")
                                                                .emptyDir(
                                                                        EmptyDirVolumeSourceArgs
                                                                                .builder()
                                                                                .build())
                                                                .build()))
                                        .podSecurity(Containers.runAs(1000))
                                        .backoffLimit(2)
                                        .activeDeadlineSeconds(1800));
        var job = (V1Job) KubernetesSchema.validate(run.resource(JOB, "migrate"));
        assertEquals(
                "migrate-0123abcd",
                job.getMetadata().getName(),
                "the object's name, not the resource's");
        assertEquals("data", job.getMetadata().getLabels().get("team"));
        assertEquals(2, job.getSpec().getBackoffLimit());
        assertEquals(1800L, job.getSpec().getActiveDeadlineSeconds());
        var pod = job.getSpec().getTemplate().getSpec();
        assertEquals("wait", pod.getInitContainers().get(0).getName());
        assertEquals("tmp", pod.getVolumes().get(0).getName());
        assertEquals(1000L, pod.getSecurityContext().getRunAsUser());
        assertEquals(
                "migrate", pod.getServiceAccountName(), "the account keeps the resource's name");
        assertEquals(
                "data",
                ((V1ServiceAccount) KubernetesSchema.validate(run.resource(ACCOUNT, "migrate")))
                        .getMetadata()
                        .getLabels()
                        .get("team"));
        assertEquals("migrate-0123abcd", run.output("job"));
    }

    @Test
    void argsThatKubernetesWouldRejectOrThatLeaveThePodUnselectableAreRefused() {
        var noLabels =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> OneOffJob.Args.builder("migrate", "shop", migrate()).build());
        assertTrue(noLabels.getMessage().contains("labels"), noLabels.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        OneOffJob.Args.builder("Migrate_DB", "shop", migrate())
                                .podLabels(POD)
                                .build());
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        OneOffJob.Args.builder("migrate", "shop", migrate())
                                .podLabels(POD)
                                .jobName("x".repeat(64))
                                .build());
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        OneOffJob.Args.builder("migrate", "shop", migrate())
                                .podLabels(POD)
                                .backoffLimit(-1)
                                .build());
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        OneOffJob.Args.builder("migrate", "shop", migrate())
                                .podLabels(POD)
                                .activeDeadlineSeconds(0)
                                .build());
        var unbounded =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                OneOffJob.Args.builder("migrate", "shop", migrate())
                                        .podLabels(POD)
                                        .build());
        assertTrue(
                unbounded.getMessage().contains("activeDeadlineSeconds"), unbounded.getMessage());
    }

    /**
     * pulumi/pulumi-kubernetes v4.0.0 {@code provider/pkg/await/job.go}: {@code DefaultJobTimeoutMins = 10} unless
     * the resource's customTimeouts say otherwise. Back-off: kubernetes.io/docs/concepts/workloads/controllers/job/
     * ("Pod backoff failure policy": 10 s, 20 s, 40 s ... capped at six minutes).
     */
    @Test
    void pulumiWaitsForTheDeadlinePlusTheBackOffOfEveryRetry() {
        assertEquals(0, OneOffJob.backOffSeconds(0));
        assertEquals(10 + 20, OneOffJob.backOffSeconds(2));
        assertEquals(10 + 20 + 40 + 80 + 160 + 320, OneOffJob.backOffSeconds(6));
        assertEquals(
                10 + 20 + 40 + 80 + 160 + 320 + 360 + 360,
                OneOffJob.backOffSeconds(8),
                "each delay capped at 6 min");
        var run = run(b -> b.backoffLimit(2).activeDeadlineSeconds(1800));
        var expected = Long.toString((1800L + 30) * 1_000_000_000L) + "ns";
        assertEquals(
                Map.of("create", expected, "update", expected),
                run.resource(JOB, "migrate").customTimeouts());
        assertTrue(
                run.resource(ACCOUNT, "migrate").customTimeouts().isEmpty(),
                "the account is not awaited that long");
    }
}
