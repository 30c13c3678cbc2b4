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
 */
public record WorkspaceParticipantsArgs(long orgId, long workspaceId, boolean teamRoles,
                                        com.pulumi.github.Provider github, com.pulumi.seqera.Provider seqera) {
    public WorkspaceParticipantsArgs {
        Objects.requireNonNull(github, "github");
        Objects.requireNonNull(seqera, "seqera");
    }
}
