package labstacks.megatests;

import java.util.Objects;

/**
 * Inputs of a {@link WorkspaceParticipants}.
 *
 * @param orgId       the Seqera organization
 * @param workspaceId the Seqera workspace
 * @param teamRoles   false: members keep the role they hold (nf-core's program never set one); true: every
 *                    participant gets its team's role (owner for core, maintain for maintainers)
 * @param github      the explicit GitHub provider the teams and users are read through
 * @param seqera      the explicit Seqera provider
 * @param liveIds     e-mails Seqera knows members by, where they differ from their public GitHub e-mail
 * @param warnings    where a member left out is reported (the stack's warnings)
 */
public record WorkspaceParticipantsArgs(long orgId, long workspaceId, boolean teamRoles,
                                        com.pulumi.github.Provider github, com.pulumi.seqera.Provider seqera,
                                        LiveIds liveIds, java.util.function.Consumer<String> warnings) {
    /** Without live ids. */
    public WorkspaceParticipantsArgs(long orgId, long workspaceId, boolean teamRoles,
                                     com.pulumi.github.Provider github, com.pulumi.seqera.Provider seqera) {
        this(orgId, workspaceId, teamRoles, github, seqera, LiveIds.NONE, warning -> { });
    }

    public WorkspaceParticipantsArgs {
        Objects.requireNonNull(liveIds, "liveIds");
        Objects.requireNonNull(warnings, "warnings");
        Objects.requireNonNull(github, "github");
        Objects.requireNonNull(seqera, "seqera");
    }
}
