package labstacks.constructs.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pulumi.kubernetes.core.v1.ConfigMap;
import com.pulumi.kubernetes.core.v1.ConfigMapArgs;
import com.pulumi.kubernetes.core.v1.inputs.ContainerArgs;
import com.pulumi.kubernetes.core.v1.inputs.ContainerPortArgs;
import com.pulumi.kubernetes.core.v1.inputs.ExecActionArgs;
import com.pulumi.kubernetes.core.v1.inputs.ProbeArgs;
import com.pulumi.kubernetes.core.v1.inputs.VolumeMountArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.CustomResourceOptions;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1ServiceAccount;
import io.kubernetes.client.openapi.models.V1StatefulSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import labstacks.constructs.kubernetes.StatefulService.Port;
import labstacks.offline.schema.KubernetesSchema;
import labstacks.offline.testing.ProgramHarness;
import labstacks.offline.testing.StackRun;
import org.junit.jupiter.api.Test;

/**
 * A stateful service: one replica under its own token-less account, governed by a headless Service, reached
 * through a client Service, its data claimed per replica.
 */
class StatefulServiceTest {
    private static final String STATEFUL_SET = "kubernetes:apps/v1:StatefulSet";
    private static final String SERVICE = "kubernetes:core/v1:Service";
    private static final String ACCOUNT = "kubernetes:core/v1:ServiceAccount";
    private static final Map<String, String> SELECTOR =
            Map.of("app.kubernetes.io/name", "shop", "app.kubernetes.io/component", "db");

    private static ContainerArgs.Builder postgres() {
        var ready =
                ProbeArgs.builder()
                        .exec(ExecActionArgs.builder().command("pg_isready").build())
                        .periodSeconds(10)
                        .build();
        return ContainerArgs.builder()
                .name("postgres")
                .image("postgres:17.2")
                .ports(ContainerPortArgs.builder().name("postgres").containerPort(5432).build())
                .volumeMounts(
                        VolumeMountArgs.builder()
                                .name("data")
                                .mountPath("/var/lib/postgresql/data")
                                .build())
                .readinessProbe(ready)
                .livenessProbe(ready)
                .resources(Containers.size("250m", "512Mi", "1", "2Gi"))
                .securityContext(Containers.restricted());
    }

    private static StatefulService.Builder builder() {
        return StatefulService.Args.builder(
                "db",
                "shop",
                SELECTOR,
                postgres().build(),
                List.of(new Port("postgres", 5432, 15432)));
    }

    private static StackRun run(UnaryOperator<StatefulService.Builder> configure) {
        return ProgramHarness.component(
                        "stateful",
                        stack -> {
                            var config =
                                    new ConfigMap(
                                            "settings",
                                            ConfigMapArgs.builder()
                                                    .metadata(
                                                            ObjectMetaArgs.builder()
                                                                    .name("settings")
                                                                    .namespace("shop")
                                                                    .build())
                                                    .build());
                            var service =
                                    new StatefulService(
                                            configure
                                                    .apply(builder().startAfter(List.of(config)))
                                                    .build(),
                                            CustomResourceOptions.Empty);
                            stack.pulumi().export("service", service.serviceName());
                        })
                .run()
                .assertSucceeded();
    }

    private static <T> T model(StackRun run, String type, String name, Class<T> model) {
        return model.cast(KubernetesSchema.validate(run.resource(type, name)));
    }

    /**
     * Kubernetes: a StatefulSet's pods get DNS names {@code <pod>.<serviceName>} from the headless Service
     * (clusterIP None) that {@code spec.serviceName} names. pulumi/pulumi-kubernetes v4.0.0
     * {@code provider/pkg/await/service.go} ({@code shouldWaitForPods}): a headless Service is ready without
     * endpoints, so the StatefulSet can wait for it without waiting on its own pods; a Service with a cluster
     * address waits for ready endpoints, which is why {@code serviceName()} makes a consumer wait for a ready
     * server. {@code provider/pkg/provider/diff.go} ({@code var statefulSet}): {@code .spec.serviceName} and
     * {@code .spec.volumeClaimTemplates} replace the StatefulSet (the API server refuses them in place).
     */
    @Test
    void oneReplicaRunsUnderItsOwnAccountGovernedByTheHeadlessService() {
        var run =
                run(
                        b ->
                                b.podSecurity(Containers.runAs(999))
                                        .volumeClaims(
                                                List.of(
                                                        StatefulService.volumeClaim(
                                                                "data",
                                                                "10Gi",
                                                                Optional.of("fast")))));
        var account = model(run, ACCOUNT, "db", V1ServiceAccount.class);
        assertEquals(false, account.getAutomountServiceAccountToken());
        var set = model(run, STATEFUL_SET, "db", V1StatefulSet.class);
        assertEquals(1, set.getSpec().getReplicas());
        assertEquals("db-headless", set.getSpec().getServiceName());
        assertEquals(SELECTOR, set.getSpec().getSelector().getMatchLabels());
        assertEquals(
                SELECTOR,
                set.getSpec().getTemplate().getMetadata().getLabels(),
                "the selector matches its own pods");
        var pod = set.getSpec().getTemplate().getSpec();
        assertEquals("db", pod.getServiceAccountName());
        assertEquals(999L, pod.getSecurityContext().getRunAsUser());
        var claim = set.getSpec().getVolumeClaimTemplates().get(0);
        assertEquals("data", claim.getMetadata().getName());
        assertEquals(List.of("ReadWriteOnce"), claim.getSpec().getAccessModes());
        assertEquals(
                "10Gi",
                claim.getSpec().getResources().getRequests().get("storage").toSuffixedString());
        assertEquals("fast", claim.getSpec().getStorageClassName());
        var dependsOn = run.resource(STATEFUL_SET, "db").dependsOn();
        // The account, the headless Service (both through inputs) and the startAfter ConfigMap.
        assertTrue(
                dependsOn.containsAll(List.of("db", "db-headless", "settings")),
                dependsOn.toString());
    }

    @Test
    void theClientServicePublishesItsPortAndTheHeadlessOneThePodsOwn() {
        var run = run(b -> b);
        var client = model(run, SERVICE, "db", V1Service.class);
        assertEquals(SELECTOR, client.getSpec().getSelector());
        assertNull(client.getSpec().getClusterIP(), "the client Service gets a cluster address");
        assertEquals(15432, client.getSpec().getPorts().get(0).getPort());
        assertEquals("postgres", client.getSpec().getPorts().get(0).getTargetPort().getStrValue());
        var headless = model(run, SERVICE, "db-headless", V1Service.class);
        assertEquals("None", headless.getSpec().getClusterIP());
        assertEquals(SELECTOR, headless.getSpec().getSelector());
        assertEquals(5432, headless.getSpec().getPorts().get(0).getPort());
        assertEquals(
                "postgres", headless.getSpec().getPorts().get(0).getTargetPort().getStrValue());
        assertNull(headless.getSpec().getPublishNotReadyAddresses());
        assertEquals("db", run.output("service"));
        var set = run.resource(STATEFUL_SET, "db");
        assertNull(set.input("spec.volumeClaimTemplates"));
        assertNull(set.input("spec.template.spec.securityContext"));
    }

    @Test
    void aServerThatFindsItsPeersWhileStartingNeedNotWaitForTheHeadlessService() {
        var run =
                run(
                        b ->
                                b.publishNotReadyAddresses(true)
                                        .awaitHeadlessService(false)
                                        .labels(Map.of("team", "data")));
        var headless = model(run, SERVICE, "db-headless", V1Service.class);
        assertEquals(true, headless.getSpec().getPublishNotReadyAddresses());
        assertEquals("data", headless.getMetadata().getLabels().get("team"));
        var set = run.resource(STATEFUL_SET, "db");
        assertEquals("db-headless", set.input("spec.serviceName"));
        assertFalse(set.dependsOn().contains("db-headless"), set.dependsOn().toString());
    }

    @Test
    void aContainerWithoutProbesSizeOrSecurityContextIsRefused() {
        var unprobed = ContainerArgs.builder().name("postgres").image("postgres:17.2").build();
        var error =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                StatefulService.Args.builder(
                                                "db",
                                                "shop",
                                                SELECTOR,
                                                unprobed,
                                                List.of(new Port("postgres", 5432)))
                                        .build());
        assertEquals(
                "db: the container lacks a readiness probe, a liveness probe, resources, a security context",
                error.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        StatefulService.Args.builder(
                                        "db",
                                        "shop",
                                        Map.of(),
                                        postgres().build(),
                                        List.of(new Port("postgres", 5432)))
                                .build());
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        StatefulService.Args.builder(
                                        "db", "shop", SELECTOR, postgres().build(), List.of())
                                .build());
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        StatefulService.Args.builder(
                                        "db",
                                        "shop",
                                        SELECTOR,
                                        postgres().build(),
                                        List.of(
                                                new Port("postgres", 5432),
                                                new Port("postgres", 5433)))
                                .build());
        assertThrows(IllegalArgumentException.class, () -> new Port("postgres-server-port", 5432));
        assertThrows(IllegalArgumentException.class, () -> new Port("pg", 70000));
    }

    /**
     * A stack that keeps its data protects and retains the StatefulSet that owns the claims: the engine then refuses
     * a destroy or a replacement (a new volume size or class in volumeClaimTemplates) instead of carrying it out. The
     * Services and the account hold nothing and stay free to change; a StatefulSet without claims is not held.
     */
    @Test
    void aStatefulSetWithClaimsIsProtectedAndRetainedWhereDataIsKept() {
        var claims = List.of(StatefulService.volumeClaim("data", "10Gi", Optional.empty()));
        var kept = run(b -> b.volumeClaims(claims).retention(DataRetention.KEEP));
        var statefulSet = kept.resource(STATEFUL_SET, "db");
        assertTrue(statefulSet.protect() && statefulSet.retainOnDelete());
        assertEquals(
                List.of("settings"),
                statefulSet.dependsOn().stream().filter(d -> d.equals("settings")).toList(),
                "its own dependencies stay");
        assertFalse(
                kept.resource(SERVICE, "db").protect() || kept.resource(ACCOUNT, "db").protect());
        var disposable =
                run(b -> b.volumeClaims(claims).retention(DataRetention.DISPOSABLE))
                        .resource(STATEFUL_SET, "db");
        assertFalse(disposable.protect() || disposable.retainOnDelete());
        var noClaims = run(b -> b.retention(DataRetention.KEEP)).resource(STATEFUL_SET, "db");
        assertFalse(noClaims.protect() || noClaims.retainOnDelete());
    }
}
