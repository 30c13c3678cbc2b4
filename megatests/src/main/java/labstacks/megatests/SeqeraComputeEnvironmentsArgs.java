package labstacks.megatests;

import com.pulumi.core.Output;
import com.pulumi.seqera.Provider;
import java.util.Objects;

/**
 * Inputs of a {@link SeqeraComputeEnvironments}: named fields, every one required except
 * {@link #liveIds()}.
 */
public final class SeqeraComputeEnvironmentsArgs {
    private final long workspaceId;
    private final String githubOwner;
    private final Output<String> accessKeyId;
    private final Output<String> secretAccessKey;
    private final Output<String> githubToken;
    private final String policyFingerprint;
    private final ComputeEnvDefinitions environments;
    private final Provider seqera;
    private final LiveIds liveIds;

    private SeqeraComputeEnvironmentsArgs(Builder builder) {
        if (builder.workspaceId == null) {
            throw new NullPointerException("workspaceId");
        }
        this.workspaceId = builder.workspaceId;
        this.githubOwner = Objects.requireNonNull(builder.githubOwner, "githubOwner");
        this.accessKeyId = Objects.requireNonNull(builder.accessKeyId, "accessKeyId");
        this.secretAccessKey = Objects.requireNonNull(builder.secretAccessKey, "secretAccessKey");
        this.githubToken = Objects.requireNonNull(builder.githubToken, "githubToken");
        this.policyFingerprint =
                Objects.requireNonNull(builder.policyFingerprint, "policyFingerprint");
        this.environments = Objects.requireNonNull(builder.environments, "environments");
        this.seqera = Objects.requireNonNull(builder.seqera, "seqera");
        this.liveIds = Objects.requireNonNull(builder.liveIds, "liveIds");
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The Seqera workspace. */
    public long workspaceId() {
        return workspaceId;
    }

    /** The organization whose pipelines the platform pulls. */
    public String githubOwner() {
        return githubOwner;
    }

    /** TowerForge's access key id, from the key: the AWS credential waits for it. */
    public Output<String> accessKeyId() {
        return accessKeyId;
    }

    /** Its secret (a secret Output). */
    public Output<String> secretAccessKey() {
        return secretAccessKey;
    }

    /** The fine-grained token the platform pulls with (a secret Output). */
    public Output<String> githubToken() {
        return githubToken;
    }

    /** The TowerForge policies' fingerprint the descriptions end with. */
    public String policyFingerprint() {
        return policyFingerprint;
    }

    /** The three environments' spec files and Nextflow configs, read before anything registers. */
    public ComputeEnvDefinitions environments() {
        return environments;
    }

    /** The explicit Seqera provider. */
    public Provider seqera() {
        return seqera;
    }

    /**
     * Ids of live environments and credentials the state does not hold, imported (default
     * {@link LiveIds#NONE}: everything the state does not hold is created).
     */
    public LiveIds liveIds() {
        return liveIds;
    }

    public static final class Builder {
        private Long workspaceId;
        private String githubOwner;
        private Output<String> accessKeyId;
        private Output<String> secretAccessKey;
        private Output<String> githubToken;
        private String policyFingerprint;
        private ComputeEnvDefinitions environments;
        private Provider seqera;
        private LiveIds liveIds = LiveIds.NONE;

        private Builder() {}

        public Builder workspaceId(long id) {
            this.workspaceId = id;
            return this;
        }

        public Builder githubOwner(String owner) {
            this.githubOwner = owner;
            return this;
        }

        public Builder accessKeyId(Output<String> id) {
            this.accessKeyId = id;
            return this;
        }

        public Builder secretAccessKey(Output<String> secret) {
            this.secretAccessKey = secret;
            return this;
        }

        public Builder githubToken(Output<String> token) {
            this.githubToken = token;
            return this;
        }

        public Builder policyFingerprint(String fingerprint) {
            this.policyFingerprint = fingerprint;
            return this;
        }

        public Builder environments(ComputeEnvDefinitions definitions) {
            this.environments = definitions;
            return this;
        }

        public Builder seqera(Provider provider) {
            this.seqera = provider;
            return this;
        }

        public Builder liveIds(LiveIds ids) {
            this.liveIds = ids;
            return this;
        }

        public SeqeraComputeEnvironmentsArgs build() {
            return new SeqeraComputeEnvironmentsArgs(this);
        }
    }
}
