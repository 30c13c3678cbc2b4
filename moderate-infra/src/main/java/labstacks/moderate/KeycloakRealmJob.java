package labstacks.moderate;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.batch.v1.Job;
import com.pulumi.kubernetes.core.v1.inputs.ContainerArgs;
import com.pulumi.kubernetes.core.v1.inputs.EnvVarArgs;
import com.pulumi.kubernetes.core.v1.inputs.EnvVarSourceArgs;
import com.pulumi.kubernetes.core.v1.inputs.SecretKeySelectorArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import labstacks.constructs.kubernetes.Containers;
import labstacks.constructs.kubernetes.OneOffJob;

import java.util.List;
import java.util.Map;
import java.util.Objects;

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

    /**
     * Inputs of {@link KeycloakRealmJob}.
     *
     * @param namespace         the platform's namespace
     * @param keycloakService   the name of Keycloak's Service (port 8080), as an output
     * @param keycloak          Keycloak's server, which the Job waits for (ready, not only declared)
     * @param adminUser         the Keycloak admin user
     * @param credentialsSecret the name of the Secret holding {@code KEYCLOAK_ADMIN_PASSWORD}, as an output
     * @param realm             the realm to create
     * @param oidcClientId      OpenMetadata's client in the realm
     * @param openMetadataUrl   OpenMetadata's public root URL: the client's root and redirect URIs
     */
    public record Args(String namespace, Output<String> keycloakService, Resource keycloak, String adminUser,
                       Output<String> credentialsSecret, String realm, String oidcClientId, String openMetadataUrl) {
        public Args {
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(keycloakService, "keycloakService");
            Objects.requireNonNull(keycloak, "keycloak");
            Objects.requireNonNull(adminUser, "adminUser");
            Objects.requireNonNull(credentialsSecret, "credentialsSecret");
            Objects.requireNonNull(realm, "realm");
            Objects.requireNonNull(oidcClientId, "oidcClientId");
            Objects.requireNonNull(openMetadataUrl, "openMetadataUrl");
        }
    }

    private final Job job;

    public KeycloakRealmJob(String name, Args args, CustomResourceOptions k8s, ComponentResourceOptions options) {
        super(TYPE, name, options);
        var child = CustomResourceOptions.merge(k8s, CustomResourceOptions.builder().parent(this).build());
        var adminPassword = EnvVarArgs.builder().name("KEYCLOAK_ADMIN_PASS")
                .valueFrom(EnvVarSourceArgs.builder().secretKeyRef(SecretKeySelectorArgs.builder()
                        .name(args.credentialsSecret()).key("KEYCLOAK_ADMIN_PASSWORD").build()).build())
                .build();
        var container = ContainerArgs.builder()
                .name(Labels.KEYCLOAK_INIT)
                .image(IMAGE)
                .command("bash", "-c", COMMAND)
                .env(List.of(
                        EnvVarArgs.builder().name("KEYCLOAK_URL")
                                .value(args.keycloakService().applyValue(service -> "http://" + service + ":8080")).build(),
                        env("KEYCLOAK_ADMIN_USER", args.adminUser()),
                        adminPassword,
                        env("MODERATE_REALM", args.realm()),
                        env("OPEN_METADATA_CLIENT_ID", args.oidcClientId()),
                        env("OPEN_METADATA_ROOT_URL", args.openMetadataUrl())))
                .resources(Containers.size("50m", "128Mi", "500m", "256Mi"))
                .securityContext(Containers.noEscalation())
                .build();
        this.job = new OneOffJob(OneOffJob.Args.builder(Labels.KEYCLOAK_INIT, args.namespace(), container)
                .podLabels(Map.of(Labels.NAME, Labels.KEYCLOAK_INIT))
                .backoffLimit(12)
                // Retries ride out a Keycloak that is ready but still slow to answer; half an hour bounds them all.
                .activeDeadlineSeconds(1800)
                // Keycloak's Service exists long before Keycloak answers: the Job starts once the StatefulSet is ready.
                .startAfter(List.of(args.keycloak()))
                .build(), child).job();
        registerOutputs(Map.of());
    }

    private static EnvVarArgs env(String name, String value) {
        return EnvVarArgs.builder().name(name).value(value).build();
    }

    public Job job() {
        return job;
    }
}
