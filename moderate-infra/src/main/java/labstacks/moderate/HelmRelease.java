package labstacks.moderate;

import com.pulumi.kubernetes.helm.v3.Release;
import com.pulumi.kubernetes.helm.v3.ReleaseArgs;
import com.pulumi.kubernetes.helm.v3.inputs.RepositoryOptsArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import labstacks.shared.program.ChildOptions;

/**
 * One pinned chart from its repository, installed under a fixed release name (the charts derive their
 * Service names from it, and the outputs and NetworkPolicies rely on those).
 */
public final class HelmRelease extends ComponentResource {
    public static final String TYPE = "labstacks:moderate:HelmRelease";

    private final Release release;

    /** Inputs of {@link HelmRelease}; build with {@link #builder()}. Fields without a default are required. */
    public static final class Args {
        private final String releaseName;
        private final String repository;
        private final String chart;
        private final String version;
        private final String namespace;
        private final Map<String, Object> values;
        private final List<Resource> startAfter;
        private final CustomResourceOptions kubernetes;

        private Args(Builder builder) {
            this.releaseName = Objects.requireNonNull(builder.releaseName, "releaseName");
            this.repository = Objects.requireNonNull(builder.repository, "repository");
            this.chart = Objects.requireNonNull(builder.chart, "chart");
            this.version = Objects.requireNonNull(builder.version, "version");
            this.namespace = Objects.requireNonNull(builder.namespace, "namespace");
            this.values = Map.copyOf(Objects.requireNonNull(builder.values, "values"));
            this.startAfter = List.copyOf(Objects.requireNonNull(builder.startAfter, "startAfter"));
            this.kubernetes = Objects.requireNonNull(builder.kubernetes, "kubernetes");
        }

        public static Builder builder() {
            return new Builder();
        }

        /** The release name, from which the charts derive their objects' names. */
        public String releaseName() {
            return releaseName;
        }

        /** The chart repository's URL. */
        public String repository() {
            return repository;
        }

        /** The chart's name. */
        public String chart() {
            return chart;
        }

        /** The chart's pinned version. */
        public String version() {
            return version;
        }

        /** The namespace of the release and its objects. */
        public String namespace() {
            return namespace;
        }

        /** The values; they name Secrets but never hold one. */
        public Map<String, Object> values() {
            return values;
        }

        /**
         * What must exist before the install starts although the values only name it (Secrets,
         * ServiceAccounts, databases the chart's pods use). Default: {@code List.of()}.
         */
        public List<Resource> startAfter() {
            return startAfter;
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
            private String releaseName;
            private String repository;
            private String chart;
            private String version;
            private String namespace;
            private Map<String, Object> values;
            private List<Resource> startAfter = List.of();
            private CustomResourceOptions kubernetes;

            private Builder() {}

            /** See {@link Args#releaseName()}. */
            public Builder releaseName(String value) {
                this.releaseName = value;
                return this;
            }

            /** See {@link Args#repository()}. */
            public Builder repository(String value) {
                this.repository = value;
                return this;
            }

            /** See {@link Args#chart()}. */
            public Builder chart(String value) {
                this.chart = value;
                return this;
            }

            /** See {@link Args#version()}. */
            public Builder version(String value) {
                this.version = value;
                return this;
            }

            /** See {@link Args#namespace()}. */
            public Builder namespace(String value) {
                this.namespace = value;
                return this;
            }

            /** See {@link Args#values()}. */
            public Builder values(Map<String, Object> value) {
                this.values = value;
                return this;
            }

            /** See {@link Args#startAfter()}. */
            public Builder startAfter(List<Resource> value) {
                this.startAfter = value;
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

    public HelmRelease(String name, Args args, ComponentResourceOptions options) {
        super(TYPE, args.releaseName(), options);
        var child = ChildOptions.of(this, args.kubernetes());
        this.release =
                new Release(
                        args.releaseName(),
                        ReleaseArgs.builder()
                                .name(args.releaseName())
                                .chart(args.chart())
                                .version(args.version())
                                .repositoryOpts(
                                        RepositoryOptsArgs.builder()
                                                .repo(args.repository())
                                                .build())
                                .namespace(args.namespace())
                                .values(args.values())
                                // First installs pull images and migrate databases; give them time,
                                // and roll back on failure.
                                .timeout(900)
                                .atomic(true)
                                .build(),
                        CustomResourceOptions.merge(
                                child,
                                CustomResourceOptions.builder()
                                        // Explicit: the chart's pods read these by the names in the
                                        // values, which Pulumi cannot
                                        // see through, and an atomic install fails (and rolls back)
                                        // when a pod cannot start.
                                        .dependsOn(new ArrayList<>(args.startAfter()))
                                        .build()));
        registerOutputs(Map.of());
    }

    public Release release() {
        return release;
    }
}
