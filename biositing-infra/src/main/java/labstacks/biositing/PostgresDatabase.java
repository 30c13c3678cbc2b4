package labstacks.biositing;

import com.pulumi.kubernetes.apps.v1.StatefulSet;
import com.pulumi.kubernetes.apps.v1.StatefulSetArgs;
import com.pulumi.kubernetes.apps.v1.inputs.StatefulSetSpecArgs;
import com.pulumi.kubernetes.core.v1.ConfigMap;
import com.pulumi.kubernetes.core.v1.ConfigMapArgs;
import com.pulumi.kubernetes.core.v1.Service;
import com.pulumi.kubernetes.core.v1.ServiceArgs;
import com.pulumi.kubernetes.core.v1.inputs.ConfigMapVolumeSourceArgs;
import com.pulumi.kubernetes.core.v1.inputs.ContainerArgs;
import com.pulumi.kubernetes.core.v1.inputs.ContainerPortArgs;
import com.pulumi.kubernetes.core.v1.inputs.EmptyDirVolumeSourceArgs;
import com.pulumi.kubernetes.core.v1.inputs.EnvVarArgs;
import com.pulumi.kubernetes.core.v1.inputs.ExecActionArgs;
import com.pulumi.kubernetes.core.v1.inputs.PersistentVolumeClaimArgs;
import com.pulumi.kubernetes.core.v1.inputs.PersistentVolumeClaimSpecArgs;
import com.pulumi.kubernetes.core.v1.inputs.PodSpecArgs;
import com.pulumi.kubernetes.core.v1.inputs.PodTemplateSpecArgs;
import com.pulumi.kubernetes.core.v1.inputs.ProbeArgs;
import com.pulumi.kubernetes.core.v1.inputs.ResourceRequirementsArgs;
import com.pulumi.kubernetes.core.v1.inputs.ServicePortArgs;
import com.pulumi.kubernetes.core.v1.inputs.ServiceSpecArgs;
import com.pulumi.kubernetes.core.v1.inputs.VolumeArgs;
import com.pulumi.kubernetes.core.v1.inputs.VolumeMountArgs;
import com.pulumi.kubernetes.meta.v1.inputs.LabelSelectorArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;

import labstacks.shared.kubernetes.Containers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The compose {@code db} service: PostGIS as a one-replica StatefulSet with the {@code pgdata} volume, the
 * {@code create_prefect_db.sql} init script, the compose health check as readiness probe (and, restarted
 * only when it keeps failing, as liveness probe), the compose {@code shm_size}, the {@code db} Service the
 * clients use and the headless {@code db-headless} Service that governs the StatefulSet's pod names.
 */
public final class PostgresDatabase extends ComponentResource {
    public static final String TYPE = "labstacks:biositing:PostgresDatabase";
    static final String INIT_SCRIPT = "create_prefect_db.sql";
    /** The official image's postgres user. */
    static final int POSTGRES_UID = 999;
    /** The governing Service of the StatefulSet: headless, so {@code db-0.db-headless} resolves to the pod. */
    static final String HEADLESS_SERVICE = Pods.DB_SERVICE + "-headless";

    private final StatefulSet statefulSet;
    private final Service service;
    private final Service headlessService;

    public PostgresDatabase(String name, BiositingSettings settings, EtlConfiguration configuration,
                            CustomResourceOptions k8s, ComponentResourceOptions options) {
        super(TYPE, name, options);
        var child = CustomResourceOptions.merge(k8s, CustomResourceOptions.builder().parent(this).build());
        var namespace = settings.namespace();

        var initdb = new ConfigMap("postgres-initdb", ConfigMapArgs.builder()
                .metadata(Pods.metadata("postgres-initdb", namespace, Pods.DATABASE))
                .data(Map.of(INIT_SCRIPT, initScript()))
                .build(), child);

        var account = Pods.serviceAccount("db", namespace, Pods.DATABASE, child);
        var claim = PersistentVolumeClaimArgs.builder()
                .metadata(ObjectMetaArgs.builder().name("pgdata").build())
                .spec(volumeSpec(settings.postgresStorage(), settings))
                .build();

        var healthCheck = ExecActionArgs.builder().command(healthCheck()).build();
        var container = ContainerArgs.builder()
                .name("postgres")
                .image(settings.postgresImage())
                .ports(ContainerPortArgs.builder().name("postgres").containerPort(5432).build())
                .envFrom(Pods.dotEnv(configuration))
                // A subdirectory: the volume's root may hold lost+found, which initdb refuses.
                .env(EnvVarArgs.builder().name("PGDATA").value("/var/lib/postgresql/data/pgdata").build())
                .volumeMounts(
                        VolumeMountArgs.builder().name("pgdata").mountPath("/var/lib/postgresql/data").build(),
                        // One file, as compose bind-mounts it: the PostGIS image keeps its own script in the
                        // same directory (10_postgis.sh), which a whole-directory mount would hide.
                        VolumeMountArgs.builder().name("initdb").mountPath("/docker-entrypoint-initdb.d/" + INIT_SCRIPT)
                                .subPath(INIT_SCRIPT).readOnly(true).build(),
                        VolumeMountArgs.builder().name("dshm").mountPath("/dev/shm").build())
                // The compose health check: interval 10s, timeout 5s, retries 5.
                .readinessProbe(ProbeArgs.builder().exec(healthCheck)
                        .periodSeconds(10).timeoutSeconds(5).failureThreshold(5)
                        .build())
                // The first start runs initdb and the PostGIS image's own init scripts; give it five minutes
                // before liveness may restart anything.
                .startupProbe(ProbeArgs.builder().exec(healthCheck)
                        .periodSeconds(10).timeoutSeconds(5).failureThreshold(30)
                        .build())
                // A restart only for a server that stopped answering for two minutes, not for a slow query.
                .livenessProbe(ProbeArgs.builder().exec(healthCheck)
                        .periodSeconds(30).timeoutSeconds(5).failureThreshold(4)
                        .build())
                // The shared memory counts against the memory limit, so the limit leaves room for it.
                .resources(Containers.size("250m", "512Mi", "1", "2Gi"))
                .securityContext(Containers.noEscalation())
                .build();

        // Created before the StatefulSet that names it, so the pod's DNS record exists from its first start.
        this.headlessService = new Service(HEADLESS_SERVICE, ServiceArgs.builder()
                .metadata(Pods.metadata(HEADLESS_SERVICE, namespace, Pods.DATABASE))
                .spec(ServiceSpecArgs.builder()
                        .clusterIP("None")
                        .selector(Pods.selector(Pods.DATABASE))
                        .ports(ServicePortArgs.builder().name("postgres").port(5432).targetPort("postgres").build())
                        .build())
                .build(), child);

        this.statefulSet = new StatefulSet("db", StatefulSetArgs.builder()
                .metadata(Pods.metadata("db", namespace, Pods.DATABASE))
                .spec(StatefulSetSpecArgs.builder()
                        .serviceName(HEADLESS_SERVICE)
                        .replicas(1)
                        .selector(LabelSelectorArgs.builder().matchLabels(Pods.selector(Pods.DATABASE)).build())
                        .template(PodTemplateSpecArgs.builder()
                                .metadata(Pods.podMetadata(Pods.DATABASE))
                                .spec(PodSpecArgs.builder()
                                        .serviceAccountName("db")
                                        .securityContext(Containers.runAs(POSTGRES_UID))
                                        .containers(container)
                                        .volumes(VolumeArgs.builder().name("initdb")
                                                        .configMap(ConfigMapVolumeSourceArgs.builder().name("postgres-initdb").build())
                                                        .build(),
                                                VolumeArgs.builder().name("dshm")
                                                        .emptyDir(EmptyDirVolumeSourceArgs.builder().medium("Memory")
                                                                .sizeLimit(UpstreamRelease.DATABASE_SHM).build())
                                                        .build())
                                        .build())
                                .build())
                        .volumeClaimTemplates(claim)
                        .build())
                .build(), CustomResourceOptions.merge(child, CustomResourceOptions.builder()
                        .dependsOn(initdb, account, headlessService, configuration.secret(), configuration.configMap()).build()));

        this.service = new Service(Pods.DB_SERVICE, ServiceArgs.builder()
                .metadata(Pods.metadata(Pods.DB_SERVICE, namespace, Pods.DATABASE))
                .spec(ServiceSpecArgs.builder()
                        .selector(Pods.selector(Pods.DATABASE))
                        .ports(ServicePortArgs.builder().name("postgres").port(settings.postgresPort())
                                .targetPort("postgres").build())
                        .build())
                .build(), child);
        registerOutputs(Map.of("service", service.metadata().applyValue(m -> Pods.DB_SERVICE)));
    }

    /** The compose health check, {@code pg_isready -U $POSTGRES_USER -d $POSTGRES_DB}, through a shell. */
    static java.util.List<String> healthCheck() {
        return java.util.List.of("sh", "-c", "pg_isready -U \"$POSTGRES_USER\" -d \"$POSTGRES_DB\"");
    }

    static PersistentVolumeClaimSpecArgs volumeSpec(String size, BiositingSettings settings) {
        var spec = PersistentVolumeClaimSpecArgs.builder()
                .accessModes("ReadWriteOnce")
                .resources(ResourceRequirementsArgs.builder().requests(Map.of("storage", size)).build());
        settings.storageClass().ifPresent(spec::storageClassName);
        return spec.build();
    }

    static String initScript() {
        try (var stream = PostgresDatabase.class.getResourceAsStream(INIT_SCRIPT)) {
            if (stream == null) {
                throw new IllegalStateException(INIT_SCRIPT + " is missing from the biositing-infra jar");
            }
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public StatefulSet statefulSet() {
        return statefulSet;
    }

    public Service service() {
        return service;
    }

    public Service headlessService() {
        return headlessService;
    }
}
