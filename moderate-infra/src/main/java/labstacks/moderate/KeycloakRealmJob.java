package labstacks.moderate;

import com.pulumi.kubernetes.batch.v1.Job;
import com.pulumi.kubernetes.batch.v1.JobArgs;
import com.pulumi.kubernetes.batch.v1.inputs.JobSpecArgs;
import com.pulumi.kubernetes.core.v1.inputs.ContainerArgs;
import com.pulumi.kubernetes.core.v1.inputs.EnvVarArgs;
import com.pulumi.kubernetes.core.v1.inputs.EnvVarSourceArgs;
import com.pulumi.kubernetes.core.v1.inputs.PodSpecArgs;
import com.pulumi.kubernetes.core.v1.inputs.PodTemplateSpecArgs;
import com.pulumi.kubernetes.core.v1.inputs.SecretKeySelectorArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import labstacks.shared.kubernetes.Containers;
import labstacks.shared.kubernetes.ServiceAccounts;

import java.util.List;
import java.util.Map;

/**
 * Creates the {@code moderate} realm and OpenMetadata's OIDC client with moderate-cli, as the original's
 * keycloak-init Job did. Every command skips what exists, and the retries stand in for waiting on Keycloak.
 */
public final class KeycloakRealmJob extends ComponentResource {
    public static final String TYPE = "labstacks:moderate:KeycloakRealmJob";
    static final String IMAGE = "docker.io/agmangas/moderate-cli:0.6.0";
    static final String COMMAND = "moderatecli create-keycloak-realm && moderatecli create-open-metadata-client";

    /** moderate-cli's image runs as root; the Job only talks HTTP to Keycloak, with escalation off. */
    public static final labstacks.shared.program.PolicyException ROOT_IMAGE = new labstacks.shared.program.PolicyException(
            "k8s-non-root", "kubernetes:batch/v1:Job", Labels.KEYCLOAK_INIT,
            "docker.io/agmangas/moderate-cli:0.6.0 declares no non-root user; the Job only calls Keycloak's HTTP API"
                    + " and runs without privilege escalation");

    private final Job job;

    public KeycloakRealmJob(String name, ModerateSettings settings, Resource keycloak, CustomResourceOptions k8s,
                            ComponentResourceOptions options) {
        super(TYPE, name, options);
        var child = CustomResourceOptions.merge(k8s, CustomResourceOptions.builder().parent(this).build());
        var adminPassword = EnvVarArgs.builder().name("KEYCLOAK_ADMIN_PASS")
                .valueFrom(EnvVarSourceArgs.builder().secretKeyRef(SecretKeySelectorArgs.builder()
                        .name(PlatformSecrets.KEYCLOAK).key("KEYCLOAK_ADMIN_PASSWORD").build()).build())
                .build();
        var account = ServiceAccounts.withoutToken(Labels.KEYCLOAK_INIT,
                Labels.metadata(Labels.KEYCLOAK_INIT, settings.namespace()), child);
        this.job = new Job(Labels.KEYCLOAK_INIT, JobArgs.builder()
                .metadata(Labels.metadata(Labels.KEYCLOAK_INIT, settings.namespace()))
                .spec(JobSpecArgs.builder()
                        .backoffLimit(12)
                        .template(PodTemplateSpecArgs.builder()
                                .metadata(ObjectMetaArgs.builder().labels(Map.of(Labels.NAME, Labels.KEYCLOAK_INIT)).build())
                                .spec(PodSpecArgs.builder()
                                        .serviceAccountName(Labels.KEYCLOAK_INIT)
                                        .restartPolicy("Never")
                                        .containers(ContainerArgs.builder()
                                                .name(Labels.KEYCLOAK_INIT)
                                                .image(IMAGE)
                                                .command("bash", "-c", COMMAND)
                                                .env(List.of(
                                                        env("KEYCLOAK_URL", "http://" + Labels.KEYCLOAK + ":8080"),
                                                        env("KEYCLOAK_ADMIN_USER", settings.keycloakAdminUser()),
                                                        adminPassword,
                                                        env("MODERATE_REALM", settings.realm()),
                                                        env("OPEN_METADATA_CLIENT_ID", settings.oidcClientId()),
                                                        env("OPEN_METADATA_ROOT_URL", PublicEndpoints.of(settings).openMetadata())))
                                                .resources(Containers.size("50m", "128Mi", "500m", "256Mi"))
                                                .securityContext(Containers.noEscalation())
                                                .build())
                                        .build())
                                .build())
                        .build())
                .build(), CustomResourceOptions.merge(child, CustomResourceOptions.builder()
                        .dependsOn(keycloak, account)
                        .deleteBeforeReplace(true)
                        .build()));
        registerOutputs(Map.of());
    }

    private static EnvVarArgs env(String name, String value) {
        return EnvVarArgs.builder().name(name).value(value).build();
    }

    public Job job() {
        return job;
    }
}
