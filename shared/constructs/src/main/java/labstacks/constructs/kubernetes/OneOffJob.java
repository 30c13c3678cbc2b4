package labstacks.constructs.kubernetes;

import com.pulumi.kubernetes.batch.v1.Job;
import com.pulumi.kubernetes.batch.v1.JobArgs;
import com.pulumi.kubernetes.batch.v1.inputs.JobSpecArgs;
import com.pulumi.kubernetes.core.v1.ServiceAccount;
import com.pulumi.kubernetes.core.v1.inputs.ContainerArgs;
import com.pulumi.kubernetes.core.v1.inputs.LocalObjectReferenceArgs;
import com.pulumi.kubernetes.core.v1.inputs.PodSecurityContextArgs;
import com.pulumi.kubernetes.core.v1.inputs.PodSpecArgs;
import com.pulumi.kubernetes.core.v1.inputs.PodTemplateSpecArgs;
import com.pulumi.kubernetes.core.v1.inputs.VolumeArgs;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.CustomTimeouts;
import com.pulumi.resources.Resource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A command that runs once to completion (a migration, a realm set-up, a registration): a Job whose pod runs
 * under its own ServiceAccount without an API token and is never restarted in place ({@code restartPolicy:
 * Never}; failed pods are retried up to {@link Args#backoffLimit} times). Job pod templates are immutable, so a
 * changed Job is deleted before its replacement is created.
 *
 * <p>The ServiceAccount and the Job are both named {@link Args#name}; the Job object may carry another name
 * ({@link Args#jobName}), e.g. one with the image's hash so a new image runs the command again. Not a
 * component: both register under whatever parent the options name, so adopting it changes no URN.
 *
 * <p>{@code pulumi up} waits for the Job to complete (pulumi-kubernetes v4.0.0 {@code provider/pkg/await/job.go}:
 * Complete succeeds, Failed fails at once), for {@code DefaultJobTimeoutMins = 10} minutes unless the resource's
 * {@code customTimeouts} say otherwise. So every one-off Job has a deadline, and its create and update timeouts
 * are that deadline plus the retries' back-off ({@link #awaitTimeout}): Pulumi never gives up on a Job that is
 * still allowed to run, and a Job that fails ends the wait at once anyway.
 */
public final class OneOffJob {

    /**
     * Inputs of {@link OneOffJob}; build with {@link #builder}.
     */
    public static final class Args {
        private final String name;
        private final String namespace;
        private final Optional<String> jobName;
        private final Map<String, String> labels;
        private final Map<String, String> podLabels;
        private final ContainerArgs container;
        private final List<ContainerArgs> initContainers;
        private final List<VolumeArgs> volumes;
        private final Optional<PodSecurityContextArgs> podSecurity;
        private final int backoffLimit;
        private final Optional<Integer> activeDeadlineSeconds;
        private final List<Resource> startAfter;
        private final List<String> imagePullSecrets;

        private Args(
                String name,
                String namespace,
                Optional<String> jobName,
                Map<String, String> labels,
                Map<String, String> podLabels,
                ContainerArgs container,
                List<ContainerArgs> initContainers,
                List<VolumeArgs> volumes,
                Optional<PodSecurityContextArgs> podSecurity,
                int backoffLimit,
                Optional<Integer> activeDeadlineSeconds,
                List<Resource> startAfter,
                List<String> imagePullSecrets) {
            ObjectMetadata.requireName("a one-off Job's name", name);
            ObjectMetadata.requireName("namespace", namespace);
            jobName.ifPresent(n -> ObjectMetadata.requireName(name + ": the Job object's name", n));
            if (podLabels.isEmpty()) {
                throw new IllegalArgumentException(
                        name + ": the pod needs labels for NetworkPolicies to select it");
            }
            Objects.requireNonNull(container, "container");
            if (backoffLimit < 0) {
                throw new IllegalArgumentException(
                        name + ": backoffLimit must be 0 or more, got " + backoffLimit);
            }
            if (activeDeadlineSeconds.isEmpty()) {
                throw new IllegalArgumentException(
                        name
                                + ": a one-off Job needs activeDeadlineSeconds, so that"
                                + " pulumi up's wait (customTimeouts) can cover all of its run");
            }
            activeDeadlineSeconds.ifPresent(
                    seconds -> {
                        if (seconds < 1) {
                            throw new IllegalArgumentException(
                                    name
                                            + ": activeDeadlineSeconds must be positive, got "
                                            + seconds);
                        }
                    });
            labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
            podLabels = Collections.unmodifiableMap(new LinkedHashMap<>(podLabels));
            initContainers = List.copyOf(initContainers);
            volumes = List.copyOf(volumes);
            startAfter = List.copyOf(startAfter);
            imagePullSecrets = List.copyOf(imagePullSecrets);
            this.name = name;
            this.namespace = namespace;
            this.jobName = jobName;
            this.labels = labels;
            this.podLabels = podLabels;
            this.container = container;
            this.initContainers = initContainers;
            this.volumes = volumes;
            this.podSecurity = podSecurity;
            this.backoffLimit = backoffLimit;
            this.activeDeadlineSeconds = activeDeadlineSeconds;
            this.startAfter = startAfter;
            this.imagePullSecrets = imagePullSecrets;
        }

        /**
         * The resource name of Job and ServiceAccount, the account's object name and the name of the pod's
         * account.
         */
        public String name() {
            return name;
        }

        /** The namespace of both objects. */
        public String namespace() {
            return namespace;
        }

        /** The Job object's name; empty for {@code name}. */
        public Optional<String> jobName() {
            return jobName;
        }

        /** Labels of the Job and ServiceAccount objects; empty for none. */
        public Map<String, String> labels() {
            return labels;
        }

        /** Labels of the Job's pod (what NetworkPolicies select it by); never empty. */
        public Map<String, String> podLabels() {
            return podLabels;
        }

        /** The one container that runs the command. */
        public ContainerArgs container() {
            return container;
        }

        /** What runs before it (typically waiting for a dependency); empty for none. */
        public List<ContainerArgs> initContainers() {
            return initContainers;
        }

        /** The pod's volumes; empty for none. */
        public List<VolumeArgs> volumes() {
            return volumes;
        }

        /** The pod's security context; empty to leave it to the containers. */
        public Optional<PodSecurityContextArgs> podSecurity() {
            return podSecurity;
        }

        /** How many failed pods are retried. */
        public int backoffLimit() {
            return backoffLimit;
        }

        /** How long the whole Job may run before it is failed (pulls, retries and back-off included). */
        public Optional<Integer> activeDeadlineSeconds() {
            return activeDeadlineSeconds;
        }

        /** Resources the Job must wait for although none of its inputs names them. */
        public List<Resource> startAfter() {
            return startAfter;
        }

        /** Secrets the pod pulls its images with (a private registry); empty for none. */
        public List<String> imagePullSecrets() {
            return imagePullSecrets;
        }

        /** The Job object's name: {@link #jobName} or {@link #name}. */
        public String objectName() {
            return jobName.orElse(name);
        }

        /**
         * How long {@code pulumi up} waits for the Job: its deadline plus the back-off of all its retries. The
         * deadline alone bounds the Job (it counts from the Job's start, pulls and retries included); the back-off
         * is added so the wait is never shorter than what the Job may spend between pods.
         */
        public Duration awaitTimeout() {
            return Duration.ofSeconds(
                    activeDeadlineSeconds.orElseThrow() + backOffSeconds(backoffLimit));
        }

        /** A builder for the Job {@code name} in {@code namespace} running {@code container}. */
        public static Builder builder(String name, String namespace, ContainerArgs container) {
            return new Builder(name, namespace, container);
        }
    }

    /**
     * The Job controller's total delay before {@code retries} retried pods: 10 s, doubling, capped at six minutes
     * each (kubernetes.io/docs/concepts/workloads/controllers/job/, "Pod backoff failure policy").
     */
    public static long backOffSeconds(int retries) {
        long total = 0;
        long delay = 10;
        for (int i = 0; i < retries; i++) {
            total += delay;
            delay = Math.min(delay * 2, 360);
        }
        return total;
    }

    /** Builds {@link Args}: no labels, no init containers, volumes or pod security, six retries; a deadline is required. */
    public static final class Builder {
        private final String name;
        private final String namespace;
        private final ContainerArgs container;
        private Optional<String> jobName = Optional.empty();
        private Map<String, String> labels = Map.of();
        private Map<String, String> podLabels = Map.of();
        private List<ContainerArgs> initContainers = List.of();
        private List<VolumeArgs> volumes = List.of();
        private Optional<PodSecurityContextArgs> podSecurity = Optional.empty();

        /** Kubernetes' own default, written out so the plan shows it. */
        private int backoffLimit = 6;

        private Optional<Integer> activeDeadlineSeconds = Optional.empty();
        private List<Resource> startAfter = List.of();
        private List<String> imagePullSecrets = List.of();

        private Builder(String name, String namespace, ContainerArgs container) {
            this.name = name;
            this.namespace = namespace;
            this.container = container;
        }

        public Builder jobName(String value) {
            this.jobName = Optional.of(value);
            return this;
        }

        public Builder labels(Map<String, String> value) {
            this.labels = value;
            return this;
        }

        public Builder podLabels(Map<String, String> value) {
            this.podLabels = value;
            return this;
        }

        public Builder initContainers(List<ContainerArgs> value) {
            this.initContainers = value;
            return this;
        }

        public Builder volumes(List<VolumeArgs> value) {
            this.volumes = value;
            return this;
        }

        public Builder podSecurity(PodSecurityContextArgs value) {
            this.podSecurity = Optional.of(value);
            return this;
        }

        public Builder backoffLimit(int value) {
            this.backoffLimit = value;
            return this;
        }

        public Builder activeDeadlineSeconds(int value) {
            this.activeDeadlineSeconds = Optional.of(value);
            return this;
        }

        public Builder startAfter(List<? extends Resource> value) {
            this.startAfter = List.copyOf(value);
            return this;
        }

        public Builder imagePullSecrets(List<String> value) {
            this.imagePullSecrets = List.copyOf(value);
            return this;
        }

        public Args build() {
            return new Args(
                    name,
                    namespace,
                    jobName,
                    labels,
                    podLabels,
                    container,
                    initContainers,
                    volumes,
                    podSecurity,
                    backoffLimit,
                    activeDeadlineSeconds,
                    startAfter,
                    imagePullSecrets);
        }
    }

    private final ServiceAccount serviceAccount;
    private final Job job;
    private final String objectName;

    /** Registers the ServiceAccount and the Job, both with {@code options} (provider, parent, dependencies). */
    public OneOffJob(Args args, CustomResourceOptions options) {
        Objects.requireNonNull(options, "options");
        this.objectName = args.objectName();
        this.serviceAccount =
                ServiceAccounts.withoutToken(
                        args.name(),
                        ObjectMetadata.of(args.name(), args.namespace(), args.labels()),
                        options);
        var pod =
                PodSpecArgs.builder()
                        // Through the account's output, so the Job waits for the account it runs
                        // under.
                        .serviceAccountName(ObjectMetadata.nameOf(serviceAccount.metadata()))
                        .restartPolicy("Never")
                        .containers(args.container());
        args.podSecurity().ifPresent(pod::securityContext);
        if (!args.initContainers().isEmpty()) {
            pod.initContainers(args.initContainers());
        }
        if (!args.volumes().isEmpty()) {
            pod.volumes(args.volumes());
        }
        if (!args.imagePullSecrets().isEmpty()) {
            pod.imagePullSecrets(
                    args.imagePullSecrets().stream()
                            .map(secret -> LocalObjectReferenceArgs.builder().name(secret).build())
                            .toList());
        }
        var spec =
                JobSpecArgs.builder()
                        .backoffLimit(args.backoffLimit())
                        .template(
                                PodTemplateSpecArgs.builder()
                                        .metadata(ObjectMetadata.pod(args.podLabels()))
                                        .spec(pod.build())
                                        .build());
        args.activeDeadlineSeconds().ifPresent(spec::activeDeadlineSeconds);
        var timeout = args.awaitTimeout();
        var jobOptions =
                CustomResourceOptions.builder()
                        .deleteBeforeReplace(true)
                        .customTimeouts(
                                CustomTimeouts.builder().create(timeout).update(timeout).build());
        if (!args.startAfter().isEmpty()) {
            jobOptions.dependsOn(new ArrayList<>(args.startAfter()));
        }
        this.job =
                new Job(
                        args.name(),
                        JobArgs.builder()
                                .metadata(
                                        ObjectMetadata.of(
                                                objectName, args.namespace(), args.labels()))
                                .spec(spec.build())
                                .build(),
                        CustomResourceOptions.merge(options, jobOptions.build()));
    }

    public Job job() {
        return job;
    }

    public ServiceAccount serviceAccount() {
        return serviceAccount;
    }

    /** The Job object's name, known before anything registers (for stack outputs and messages). */
    public String objectName() {
        return objectName;
    }
}
