package labstacks.megatests;

import java.util.Objects;

/**
 * What one compute environment is built from: its spec file and its Nextflow config, read once before
 * anything registers ({@link MegatestsProgram#prepare}).
 *
 * @param spec           the bound spec file ({@link ComputeEnvKind#specResource()})
 * @param nextflowConfig the merged Nextflow config ({@link NextflowConfig#forKind})
 */
public record ComputeEnvDefinition(ComputeEnvSpec spec, String nextflowConfig) {
    public ComputeEnvDefinition {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(nextflowConfig, "nextflowConfig");
    }

    /** Reads the kind's files from the module's resources; throws naming the file that does not read. */
    static ComputeEnvDefinition read(ComputeEnvKind kind) {
        return new ComputeEnvDefinition(
                ComputeEnvSpec.load(kind.specResource()), NextflowConfig.forKind(kind));
    }
}
