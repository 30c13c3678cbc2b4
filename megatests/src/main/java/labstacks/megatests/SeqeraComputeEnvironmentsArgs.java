package labstacks.megatests;

import com.pulumi.core.Output;
import com.pulumi.seqera.Provider;

import java.util.Objects;

/**
 * Inputs of a {@link SeqeraComputeEnvironments}.
 *
 * @param workspaceId       the Seqera workspace
 * @param githubOwner       the organization whose pipelines the platform pulls
 * @param accessKeyId       TowerForge's access key id, from the key: the AWS credential waits for it
 * @param secretAccessKey   its secret (secret Output)
 * @param githubToken       the fine-grained token the platform pulls with (secret Output)
 * @param policyFingerprint the TowerForge policies' fingerprint the descriptions end with
 * @param environments      the three environments' spec files and Nextflow configs, read before anything
 *                          registers
 * @param seqera            the explicit Seqera provider
 * @param liveIds           ids of live environments and credentials the state does not hold (imported)
 */
public record SeqeraComputeEnvironmentsArgs(long workspaceId, String githubOwner, Output<String> accessKeyId,
                                            Output<String> secretAccessKey, Output<String> githubToken,
                                            String policyFingerprint, ComputeEnvDefinitions environments,
                                            Provider seqera, LiveIds liveIds) {
    /** Without live ids: everything the state does not hold is created. */
    public SeqeraComputeEnvironmentsArgs(long workspaceId, String githubOwner, Output<String> accessKeyId,
                                         Output<String> secretAccessKey, Output<String> githubToken,
                                         String policyFingerprint, ComputeEnvDefinitions environments, Provider seqera) {
        this(workspaceId, githubOwner, accessKeyId, secretAccessKey, githubToken, policyFingerprint, environments, seqera,
                LiveIds.NONE);
    }

    public SeqeraComputeEnvironmentsArgs {
        Objects.requireNonNull(liveIds, "liveIds");
        Objects.requireNonNull(githubOwner, "githubOwner");
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(secretAccessKey, "secretAccessKey");
        Objects.requireNonNull(githubToken, "githubToken");
        Objects.requireNonNull(policyFingerprint, "policyFingerprint");
        Objects.requireNonNull(environments, "environments");
        Objects.requireNonNull(seqera, "seqera");
    }
}
