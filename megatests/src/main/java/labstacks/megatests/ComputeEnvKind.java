package labstacks.megatests;

import java.util.Locale;

/** The three compute environments, with their platform names and the files they are built from. */
public enum ComputeEnvKind {
    CPU(
            "aws_ireland_fusionv2_nvme_cpu_snapshots",
            "CPU compute environment with Fusion v2 and NVMe storage",
            "TOWER_COMPUTE_ENV_CPU"),
    GPU(
            "aws_ireland_fusionv2_nvme_gpu_snapshots",
            "GPU compute environment with Fusion v2 and NVMe storage",
            "TOWER_COMPUTE_ENV_GPU"),
    ARM(
            "aws_ireland_fusionv2_nvme_cpu_ARM_snapshots",
            "ARM CPU compute environment with Fusion v2 and NVMe storage",
            "TOWER_COMPUTE_ENV_ARM");

    private final String environmentName;
    private final String description;
    private final String githubVariable;

    ComputeEnvKind(String environmentName, String description, String githubVariable) {
        this.environmentName = environmentName;
        this.description = description;
        this.githubVariable = githubVariable;
    }

    /** The name on the platform; also the resource's name, as in the original. */
    public String environmentName() {
        return environmentName;
    }

    /** The description, to which the policy fingerprint is appended. */
    public String description() {
        return description;
    }

    /** The GitHub organization variable that publishes the environment's id. */
    public String githubVariable() {
        return githubVariable;
    }

    /** {@code cpu}, {@code gpu}, {@code arm}: output keys and file names. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String specResource() {
        return "labstacks/megatests/compute-envs/" + key() + ".json";
    }

    public String nextflowResource() {
        return "labstacks/megatests/nextflow/nextflow-" + key() + ".config";
    }
}
