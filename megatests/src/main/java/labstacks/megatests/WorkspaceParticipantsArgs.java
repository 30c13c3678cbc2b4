package labstacks.megatests;

import com.pulumi.github.Provider;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Inputs of a {@link WorkspaceParticipants}: named fields; the organization, workspace and both providers
 * are required.
 */
public final class WorkspaceParticipantsArgs {
    private final long orgId;
    private final long workspaceId;
    private final boolean teamRoles;
    private final Provider github;
    private final com.pulumi.seqera.Provider seqera;
    private final LiveIds liveIds;
    private final Consumer<String> warnings;

    private WorkspaceParticipantsArgs(Builder builder) {
        if (builder.orgId == null || builder.workspaceId == null) {
            throw new NullPointerException(builder.orgId == null ? "orgId" : "workspaceId");
        }
        this.orgId = builder.orgId;
        this.workspaceId = builder.workspaceId;
        this.teamRoles = builder.teamRoles;
        this.github = Objects.requireNonNull(builder.github, "github");
        this.seqera = Objects.requireNonNull(builder.seqera, "seqera");
        this.liveIds = Objects.requireNonNull(builder.liveIds, "liveIds");
        this.warnings = Objects.requireNonNull(builder.warnings, "warnings");
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The Seqera organization. */
    public long orgId() {
        return orgId;
    }

    /** The Seqera workspace. */
    public long workspaceId() {
        return workspaceId;
    }

    /**
     * false (default): members keep the role they hold (nf-core's program never set one); true: every
     * participant gets its team's role (owner for core, maintain for maintainers).
     */
    public boolean teamRoles() {
        return teamRoles;
    }

    /** The explicit GitHub provider the teams and users are read through. */
    public Provider github() {
        return github;
    }

    /** The explicit Seqera provider. */
    public com.pulumi.seqera.Provider seqera() {
        return seqera;
    }

    /**
     * E-mails Seqera knows members by, where they differ from their public GitHub e-mail (default
     * {@link LiveIds#NONE}).
     */
    public LiveIds liveIds() {
        return liveIds;
    }

    /** Where a member left out is reported, the stack's warnings (default: nowhere). */
    public Consumer<String> warnings() {
        return warnings;
    }

    public static final class Builder {
        private Long orgId;
        private Long workspaceId;
        private boolean teamRoles = false;
        private Provider github;
        private com.pulumi.seqera.Provider seqera;
        private LiveIds liveIds = LiveIds.NONE;
        private Consumer<String> warnings = warning -> {};

        private Builder() {}

        public Builder orgId(long id) {
            this.orgId = id;
            return this;
        }

        public Builder workspaceId(long id) {
            this.workspaceId = id;
            return this;
        }

        public Builder teamRoles(boolean enabled) {
            this.teamRoles = enabled;
            return this;
        }

        public Builder github(Provider provider) {
            this.github = provider;
            return this;
        }

        public Builder seqera(com.pulumi.seqera.Provider provider) {
            this.seqera = provider;
            return this;
        }

        public Builder liveIds(LiveIds ids) {
            this.liveIds = ids;
            return this;
        }

        public Builder warnings(Consumer<String> sink) {
            this.warnings = sink;
            return this;
        }

        public WorkspaceParticipantsArgs build() {
            return new WorkspaceParticipantsArgs(this);
        }
    }
}
