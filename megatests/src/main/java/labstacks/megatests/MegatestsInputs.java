package labstacks.megatests;

/**
 * What {@link MegatestsProgram#define} gets: the stack's settings and the compute environments' files,
 * read once by {@link MegatestsProgram#prepare}.
 */
public record MegatestsInputs(MegatestsSettings settings, ComputeEnvDefinitions computeEnvs) {}
