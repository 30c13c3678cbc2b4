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
import java.util.List;
import java.util.Map;
import java.util.Objects;
import labstacks.constructs.kubernetes.Containers;
import labstacks.constructs.kubernetes.OneOffJob;
import labstacks.shared.program.ChildOptions;
import labstacks.shared.program.PolicyException;

/**
 * Creates the {@code moderate} realm and OpenMetadata's OIDC client with moderate-cli, as the original's
 * keycloak-init Job did. Every command skips what exists, and the retries stand in for waiting on Keycloak.
 */
public final class KeycloakRealmJob extends ComponentResource {
    public static final String TYPE = "labstacks:moderate:KeycloakRealmJob";
    static final String IMAGE = "docker.io/agmangas/moderate-cli:0.6.0";
    static final String COMMAND =
            "moderatecli create-keycloak-realm && moderatecli create-open-metadata-client";

    /** moderate-cli's image runs as root; the Job only talks HTTP to Keycloak, with escalation off. */
    public static final PolicyException ROOT_IMAGE =
            new PolicyException(
                    "k8s-non-root",
                    "kubernetes:batch/v1:Job",
                    Labels.KEYCLOAK_INIT,
                    "docker.io/agmangas/moderate-cli:0.6.0 declares no non-root user; the Job only calls Keycloak's HTTP API"
                            + " and runs without privilege escalation");

    /**
     * Inputs of {@link KeycloakRealmJob}; build with {@link #builder()}. Fields without a default are
     * required.
     */
    public static final class Args {
        private final String namespace;
        private final Output<String> keycloakService;
        private final Resource keycloak;
        private final String adminUser;
        private final Output<String> credentialsSecret;
        private final String realm;
        private final String oidcClientId;
        private final String openMetadataUrl;
        private final CustomResourceOptions kubernetes;

        private Args(Builder builder) {
            this.namespace = Objects.requireNonNull(builder.namespace, "namespace");
            this.keycloakService =
                    Objects.requireNonNull(builder.keycloakService, "keycloakService");
            this.keycloak = Objects.requireNonNull(builder.keycloak, "keycloak");
            this.adminUser = Objects.requireNonNull(builder.adminUser, "adminUser");
            this.credentialsSecret =
                    Objects.requireNonNull(builder.credentialsSecret, "credentialsSecret");
            this.realm = Objects.requireNonNull(builder.realm, "realm");
            this.oidcClientId = Objects.requireNonNull(builder.oidcClientId, "oidcClientId");
            this.openMetadataUrl =
                    Objects.requireNonNull(builder.openMetadataUrl, "openMetadataUrl");
            this.kubernetes = Objects.requireNonNull(builder.kubernetes, "kubernetes");
        }

        public static Builder builder() {
            return new Builder();
        }

        /** The platform's namespace. */
        public String namespace() {
            return namespace;
        }

        /** The name of Keycloak's Service (port 8080), as an output. */
        public Output<String> keycloakService() {
            return keycloakService;
        }

        /** Keycloak's server, which the Job waits for (ready, not only declared). */
        public Resource keycloak() {
            return keycloak;
        }

        /** The Keycloak admin user. */
        public String adminUser() {
            return adminUser;
        }

        /** The name of the Secret holding {@code KEYCLOAK_ADMIN_PASSWORD}, as an output. */
        public Output<String> credentialsSecret() {
            return credentialsSecret;
        }

        /** The realm to create. */
        public String realm() {
            return realm;
        }

        /** OpenMetadata's client in the realm. */
        public String oidcClientId() {
            return oidcClientId;
        }

        /** OpenMetadata's public root URL: the client's root and redirect URIs. */
        public String openMetadataUrl() {
            return openMetadataUrl;
        }

        /**
         * The options of every Kubernetes object the component makes: the explicit provider and what they
         * start after. The component adds itself as their parent (ChildOptions).
         */
        public CustomResourceOptions kubernetes() {
            return kubernetes;
        }

        /** Builds {@link Args}: one named setter per field. */
        public static final class Builder {
            private String namespace;
            private Output<String> keycloakService;
            private Resource keycloak;
            private String adminUser;
            private Output<String> credentialsSecret;
            private String realm;
            private String oidcClientId;
            private String openMetadataUrl;
            private CustomResourceOptions kubernetes;

            private Builder() {}

            /** See {@link Args#namespace()}. */
            public Builder namespace(String value) {
                this.namespace = value;
                return this;
            }

            /** See {@link Args#keycloakService()}. */
            public Builder keycloakService(Output<String> value) {
                this.keycloakService = value;
                return this;
            }

            /** See {@link Args#keycloak()}. */
            public Builder keycloak(Resource value) {
                this.keycloak = value;
                return this;
            }

            /** See {@link Args#adminUser()}. */
            public Builder adminUser(String value) {
                this.adminUser = value;
                return this;
            }

            /** See {@link Args#credentialsSecret()}. */
            public Builder credentialsSecret(Output<String> value) {
                this.credentialsSecret = value;
                return this;
            }

            /** See {@link Args#realm()}. */
            public Builder realm(String value) {
                this.realm = value;
                return this;
            }

            /** See {@link Args#oidcClientId()}. */
            public Builder oidcClientId(String value) {
                this.oidcClientId = value;
                return this;
            }

            /** See {@link Args#openMetadataUrl()}. */
            public Builder openMetadataUrl(String value) {
                this.openMetadataUrl = value;
                return this;
            }

            /** See {@link Args#kubernetes()}. */
            public Builder kubernetes(CustomResourceOptions value) {
                this.kubernetes = value;
                return this;
            }

            public Args build() {
                return new Args(this);
            }
        }
    }

    private final Job job;

    public KeycloakRealmJob(String name, Args args, ComponentResourceOptions options) {
        super(TYPE, name, options);
        var child = ChildOptions.of(this, args.kubernetes());
        var adminPassword =
                EnvVarArgs.builder()
                        .name("KEYCLOAK_ADMIN_PASS")
                        .valueFrom(
                                EnvVarSourceArgs.builder()
                                        .secretKeyRef(
                                                SecretKeySelectorArgs.builder()
                                                        .name(args.credentialsSecret())
                                                        .key("KEYCLOAK_ADMIN_PASSWORD")
                                                        .build())
                                        .build())
                        .build();
        var container =
                ContainerArgs.builder()
                        .name(Labels.KEYCLOAK_INIT)
                        .image(IMAGE)
                        .command("bash", "-c", COMMAND)
                        .env(
                                List.of(
                                        EnvVarArgs.builder()
                                                .name("KEYCLOAK_URL")
                                                .value(
                                                        args.keycloakService()
                                                                .applyValue(
                                                                        service ->
                                                                                "http://" + service
                                                                                        + ":8080"))
                                                .build(),
                                        env("KEYCLOAK_ADMIN_USER", args.adminUser()),
                                        adminPassword,
                                        env("MODERATE_REALM", args.realm()),
                                        env("OPEN_METADATA_CLIENT_ID", args.oidcClientId()),
                                        env("OPEN_METADATA_ROOT_URL", args.openMetadataUrl())))
                        .resources(Containers.size("50m", "128Mi", "500m", "256Mi"))
                        .securityContext(Containers.noEscalation())
                        .build();
        this.job =
                new OneOffJob(
                                OneOffJob.Args.builder(
                                                Labels.KEYCLOAK_INIT, args.namespace(), container)
                                        .podLabels(Map.of(Labels.NAME, Labels.KEYCLOAK_INIT))
                                        .backoffLimit(12)
                                        // Retries ride out a Keycloak that is ready but still slow
                                        // to answer; half an hour bounds them all.
                                        .activeDeadlineSeconds(1800)
                                        // Keycloak's Service exists long before Keycloak answers:
                                        // the Job starts once the StatefulSet is ready.
                                        .startAfter(List.of(args.keycloak()))
                                        .build(),
                                child)
                        .job();
        registerOutputs(Map.of());
    }

    private static EnvVarArgs env(String name, String value) {
        return EnvVarArgs.builder().name(name).value(value).build();
    }

    public Job job() {
        return job;
    }
}
