package labstacks.moderate;

import static labstacks.moderate.ComponentRuns.NAMESPACE;
import static labstacks.moderate.ComponentRuns.model;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1ServiceAccount;
import io.kubernetes.client.openapi.models.V1StatefulSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import labstacks.constructs.kubernetes.StatefulService;
import labstacks.offline.testing.StackRun;
import org.junit.jupiter.api.Test;

/** The four dependency services, each a probed, sized, non-root StatefulSet behind a Service and a headless Service. */
class DependencyServiceTest {
    private static final String STATEFUL_SET = "kubernetes:apps/v1:StatefulSet";
    private static final String SERVICE = "kubernetes:core/v1:Service";

    private static StackRun run(Function<CustomResourceOptions, StatefulService.Builder> server) {
        return ComponentRuns.run(
                "dependency",
                k8s -> {
                    var args = server.apply(k8s).build();
                    new DependencyService(
                            args.name(),
                            new DependencyService.Args(args, k8s),
                            ComponentResourceOptions.Empty);
                });
    }

    @Test
    void postgresKeepsItsDataOnAClaimOfTheSizeAndClassGivenAndReadsItsPasswordFromTheSecretGiven() {
        var run =
                run(
                        k8s ->
                                DependencyServices.postgres(
                                        NAMESPACE,
                                        ComponentRuns.named("pg-credentials", k8s),
                                        "7Gi",
                                        Optional.of("fast-ssd")));
        var set = model(run, STATEFUL_SET, "postgres", V1StatefulSet.class);
        assertEquals(NAMESPACE, set.getMetadata().getNamespace());
        var claim = set.getSpec().getVolumeClaimTemplates().get(0);
        assertEquals("data", claim.getMetadata().getName());
        assertEquals(
                "7Gi",
                claim.getSpec().getResources().getRequests().get("storage").toSuffixedString());
        assertEquals("fast-ssd", claim.getSpec().getStorageClassName());
        assertEquals(List.of("ReadWriteOnce"), claim.getSpec().getAccessModes());
        var pod = set.getSpec().getTemplate().getSpec();
        var container = pod.getContainers().get(0);
        assertEquals("postgres:14.13", container.getImage());
        assertEquals("/var/lib/postgresql/data", container.getVolumeMounts().get(0).getMountPath());
        assertEquals("pg-credentials", container.getEnvFrom().get(0).getSecretRef().getName());
        // The official image's postgres user (uid 999); the volume is group-owned by it.
        assertEquals(999L, pod.getSecurityContext().getRunAsUser());
        assertEquals(999L, pod.getSecurityContext().getFsGroup());
        assertEquals(List.of("ALL"), container.getSecurityContext().getCapabilities().getDrop());
        assertEquals(
                "pg_isready -U \"$POSTGRES_USER\" -d \"$POSTGRES_DB\"",
                container.getReadinessProbe().getExec().getCommand().get(2));
        var resource = run.resource(STATEFUL_SET, "postgres");
        assertTrue(
                resource.dependsOn().contains("pg-credentials"),
                "waits for the Secret it reads: " + resource.dependsOn());
        assertEquals("postgres", resource.parent());
    }

    @Test
    void eachServiceRunsUnderItsOwnTokenlessAccountBehindAClientAndAHeadlessService() {
        var run =
                run(
                        k8s ->
                                DependencyServices.rabbitmq(
                                        NAMESPACE,
                                        ComponentRuns.named("mq-credentials", k8s),
                                        "2Gi",
                                        Optional.empty()));
        var account =
                model(run, "kubernetes:core/v1:ServiceAccount", "rabbitmq", V1ServiceAccount.class);
        assertEquals(false, account.getAutomountServiceAccountToken());
        var set = model(run, STATEFUL_SET, "rabbitmq", V1StatefulSet.class);
        assertEquals("rabbitmq", set.getSpec().getTemplate().getSpec().getServiceAccountName());
        assertTrue(
                run.resource(STATEFUL_SET, "rabbitmq").dependsOn().contains("rabbitmq"),
                "waits for its account");
        assertNull(
                set.getSpec().getVolumeClaimTemplates().get(0).getSpec().getStorageClassName(),
                "the cluster's default class");
        assertEquals(1, set.getSpec().getReplicas());

        var service = model(run, SERVICE, "rabbitmq", V1Service.class).getSpec();
        assertEquals(Labels.service("rabbitmq"), service.getSelector());
        assertEquals(
                Map.of("amqp", 5672, "management", 15672),
                service.getPorts().stream()
                        .collect(Collectors.toMap(p -> p.getName(), p -> p.getPort())));
        service.getPorts()
                .forEach(
                        p ->
                                assertEquals(
                                        p.getName(),
                                        p.getTargetPort().getStrValue(),
                                        "targets the named port"));
        var headless = model(run, SERVICE, "rabbitmq-headless", V1Service.class).getSpec();
        assertEquals("None", headless.getClusterIP());
        assertTrue(headless.getPublishNotReadyAddresses());
        assertEquals(Labels.service("rabbitmq"), headless.getSelector());
        assertEquals(
                "rabbitmq-headless",
                set.getSpec().getServiceName(),
                "the headless Service governs the pod's DNS name");
        assertEquals(Labels.service("rabbitmq"), set.getSpec().getSelector().getMatchLabels());
        assertEquals(
                Labels.service("rabbitmq"), set.getSpec().getTemplate().getMetadata().getLabels());
    }

    @Test
    void keycloakWithAHostnameStartsStrictAndWithoutOneAnswersAtThePublicUrl() {
        var production =
                model(
                                run(
                                        k8s ->
                                                DependencyServices.keycloak(
                                                        NAMESPACE,
                                                        Optional.of("login.example.org"),
                                                        "https://login.example.org",
                                                        ComponentRuns.named("db", k8s),
                                                        ComponentRuns.named(
                                                                "kc-credentials", k8s))),
                                STATEFUL_SET,
                                "keycloak",
                                V1StatefulSet.class)
                        .getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .get(0);
        assertEquals(List.of("start", "--hostname=login.example.org"), production.getArgs());
        var env = ComponentRuns.env(production);
        assertEquals("true", env.get("KC_HOSTNAME_STRICT"));
        assertFalse(env.containsKey("KC_HOSTNAME_URL"));
        assertEquals("db", env.get("KC_DB_URL_HOST"), "the PostgreSQL Service given");
        assertEquals("keycloak", env.get("KC_DB_USERNAME"));
        assertEquals("kc-credentials", production.getEnvFrom().get(0).getSecretRef().getName());

        var localRun =
                run(
                        k8s ->
                                DependencyServices.keycloak(
                                        NAMESPACE,
                                        Optional.empty(),
                                        "http://10.0.0.7:30080",
                                        ComponentRuns.named("db", k8s),
                                        ComponentRuns.named("kc-credentials", k8s)));
        var local =
                model(localRun, STATEFUL_SET, "keycloak", V1StatefulSet.class)
                        .getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .get(0);
        assertEquals(List.of("start-dev"), local.getArgs());
        assertEquals("false", ComponentRuns.env(local).get("KC_HOSTNAME_STRICT"));
        assertEquals("http://10.0.0.7:30080", ComponentRuns.env(local).get("KC_HOSTNAME_URL"));
        assertTrue(
                localRun.resource(STATEFUL_SET, "keycloak")
                        .dependsOn()
                        .containsAll(List.of("db", "kc-credentials")),
                "waits for the database Service and the Secret it names");
        // Production waited 180 s before probing liveness: the first start migrates the database.
        assertEquals(180, local.getLivenessProbe().getInitialDelaySeconds());
        assertEquals("/health/ready", local.getReadinessProbe().getHttpGet().getPath());
    }

    @Test
    void elasticsearchIsASingleNodeWithoutSecurityReadOnlyByOpenMetadata() {
        var run = run(k8s -> DependencyServices.elasticsearch(NAMESPACE, "3Gi", Optional.empty()));
        var container =
                model(run, STATEFUL_SET, "elasticsearch", V1StatefulSet.class)
                        .getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .get(0);
        assertEquals("docker.elastic.co/elasticsearch/elasticsearch:7.17.13", container.getImage());
        assertEquals("single-node", ComponentRuns.env(container).get("discovery.type"));
        assertEquals(
                "/usr/share/elasticsearch/data", container.getVolumeMounts().get(0).getMountPath());
        assertTrue(
                container.getEnvFrom() == null || container.getEnvFrom().isEmpty(),
                "reads no Secret");
    }

    @Test
    void anUnpinnedImageIsRefused() {
        for (var image : List.of("postgres", "postgres:latest")) {
            var e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> DependencyServices.pinned("postgres", image));
            assertTrue(e.getMessage().contains("pinned"), e.getMessage());
        }
        DependencyServices.pinned("postgres", DependencyServices.POSTGRES_IMAGE);
    }
}
