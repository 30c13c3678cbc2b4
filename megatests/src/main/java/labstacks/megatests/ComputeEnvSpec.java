package labstacks.megatests;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import labstacks.shared.json.StrictJson;
import labstacks.shared.validation.Vocabulary;

/**
 * One compute environment's settings as its spec file holds them (the {@code tw compute-envs export}
 * format), bound by {@link StrictJson}: a field this record does not declare, a field given twice, a
 * missing field or a value of the wrong type is an error naming the file and the field. Every field the
 * export writes is declared, so nothing in the file is silently dropped: the few this program does not
 * send to the platform are refused unless they hold what the platform does anyway.
 *
 * @param discriminator       the platform; only {@code aws-batch} is built
 * @param region              the AWS region of the Batch environment
 * @param workDir             the {@code s3://} work directory
 * @param waveEnabled         Wave containers
 * @param fusion2Enabled      Fusion v2
 * @param nvmeStorageEnabled  NVMe instance storage; the export spells it {@code nvnmeStorageEnabled}
 * @param fusionSnapshots     Fusion snapshots
 * @param forge               the Batch Forge settings
 * @param environment         environment variables of the export: absent or empty (this program sends none)
 * @param labels              labels of the export: absent or empty (this program sends none)
 * @param nextflowConfig      absent: the Nextflow config comes from {@code nextflow/nextflow-<kind>.config}
 */
public record ComputeEnvSpec(
        String discriminator,
        String region,
        String workDir,
        boolean waveEnabled,
        boolean fusion2Enabled,
        @JsonProperty("nvnmeStorageEnabled") boolean nvmeStorageEnabled,
        boolean fusionSnapshots,
        Forge forge,
        List<Object> environment,
        List<Object> labels,
        Optional<String> nextflowConfig) {

    /** The only platform this program builds. */
    public static final String AWS_BATCH = "aws-batch";

    /**
     * The Batch Forge settings.
     *
     * @param arm64Enabled  absent means false (the GPU export leaves it out)
     * @param dragenEnabled absent means false; true is refused (see {@link ComputeEnvSpec})
     */
    public record Forge(
            String type,
            int minCpus,
            int maxCpus,
            boolean gpuEnabled,
            List<String> instanceTypes,
            List<String> subnets,
            List<String> securityGroups,
            boolean disposeOnDeletion,
            List<String> allowBuckets,
            boolean efsCreate,
            int ebsBootSize,
            boolean fargateHeadEnabled,
            Boolean arm64Enabled,
            Boolean dragenEnabled) {
        public Forge {
            instanceTypes = copy(instanceTypes);
            subnets = copy(subnets);
            securityGroups = copy(securityGroups);
            allowBuckets = copy(allowBuckets);
            arm64Enabled = arm64Enabled != null && arm64Enabled;
            dragenEnabled = dragenEnabled != null && dragenEnabled;
        }
    }

    /**
     * The file's own rules, after the binding checked names and types. A missing field is left null here
     * and reported by the binding with its path; every message names the field from the file's top.
     */
    public ComputeEnvSpec {
        environment = copy(environment == null ? List.of() : environment);
        labels = copy(labels == null ? List.of() : labels);
        nextflowConfig = nextflowConfig == null ? Optional.empty() : nextflowConfig;
        if (discriminator != null && !discriminator.equals(AWS_BATCH)) {
            throw new IllegalArgumentException(
                    "field 'discriminator' must be "
                            + AWS_BATCH
                            + " (the only platform this program builds), got "
                            + discriminator);
        }
        if (region != null) {
            var rule = Vocabulary.awsRegion(region);
            if (rule.isPresent()) {
                throw new IllegalArgumentException(
                        "field 'region' is " + region + ": " + rule.get());
            }
        }
        if (workDir != null && !workDir.startsWith("s3://")) {
            throw new IllegalArgumentException(
                    "field 'workDir' must be an s3:// URI, got " + workDir);
        }
        if (!environment.isEmpty()) {
            throw new IllegalArgumentException(
                    "field 'environment' must be empty: this program sends no environment"
                            + " variables to the platform (nf-core's environments have none); set them in the Nextflow config");
        }
        if (!labels.isEmpty()) {
            throw new IllegalArgumentException(
                    "field 'labels' must be empty: this program sends no labels to the"
                            + " platform (nf-core's environments have none)");
        }
        if (nextflowConfig.isPresent()) {
            throw new IllegalArgumentException(
                    "field 'nextflowConfig' is not read from the spec file: the environment's"
                            + " Nextflow config is nextflow/nextflow-base.config merged with its own nextflow-<kind>.config;"
                            + " move the text there");
        }
        if (forge != null) {
            forgeRules(forge);
        }
    }

    private static void forgeRules(Forge forge) {
        if (forge.type() != null && !List.of("SPOT", "EC2").contains(forge.type())) {
            throw new IllegalArgumentException(
                    "field 'forge.type' must be SPOT or EC2, got " + forge.type());
        }
        if (forge.minCpus() < 0 || forge.maxCpus() < 1 || forge.minCpus() > forge.maxCpus()) {
            throw new IllegalArgumentException(
                    "fields 'forge.minCpus' and 'forge.maxCpus' must satisfy"
                            + " 0 <= minCpus <= maxCpus and maxCpus >= 1, got "
                            + forge.minCpus()
                            + " and "
                            + forge.maxCpus());
        }
        if (forge.dragenEnabled()) {
            throw new IllegalArgumentException(DRAGEN_REFUSED);
        }
    }

    /**
     * Why {@code forge.dragenEnabled: true} stops the plan. Seqera 0.30.5 has the field (forge
     * {@code dragen_enabled}, optional and computed, replaces the environment when a configured value differs
     * from the live one), but nf-core's program never sent it, so the live environments hold the platform's own
     * value (off in the export); and DRAGEN also needs {@code dragenAmiId} and {@code dragenInstanceType}, which
     * no spec here carries.
     */
    static final String DRAGEN_REFUSED =
            "field 'forge.dragenEnabled' is true, but this program builds no DRAGEN"
                    + " environment: nf-core's environments never enabled it, the platform also needs a DRAGEN AMI and"
                    + " instance type no spec carries, and setting it replaces the environment; set it to false or remove it";

    /** Reads a spec from the module's resources. */
    public static ComputeEnvSpec load(String resource) {
        return StrictJson.resource(resource, ComputeEnvSpec.class);
    }

    /** Reads a spec's text; {@code file} is how errors name it. */
    static ComputeEnvSpec parse(String text, String file) {
        return StrictJson.read(text, file, ComputeEnvSpec.class);
    }

    /** A read-only copy that keeps nulls, so the binding can name a null entry with its index. */
    private static <T> List<T> copy(List<T> list) {
        return list == null ? null : Collections.unmodifiableList(new ArrayList<>(list));
    }
}
