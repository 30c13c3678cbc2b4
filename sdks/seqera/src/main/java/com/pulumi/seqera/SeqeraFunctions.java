// In the shape of pulumi-java-gen's functions class; written by hand for the data sources labstacks reads.
package com.pulumi.seqera;

import com.pulumi.core.TypeShape;
import com.pulumi.deployment.Deployment;
import com.pulumi.deployment.InvokeOptions;
import com.pulumi.seqera.inputs.GetOrganizationMemberPlainArgs;
import com.pulumi.seqera.inputs.GetWorkspaceParticipantPlainArgs;
import com.pulumi.seqera.outputs.GetOrganizationMemberResult;
import com.pulumi.seqera.outputs.GetWorkspaceParticipantResult;
import java.util.concurrent.CompletableFuture;
import javax.annotation.Nullable;

public final class SeqeraFunctions {

    /**
     * Data source {@code seqera_workspace_participant} (terraform-provider-seqera v0.30.5
     * {@code internal/seqera/workspace_participant_data/data_source.go}): a workspace participant by
     * e-mail. The provider fails the call with "Participant Not Found" when nobody has that e-mail.
     */
    public static CompletableFuture<GetWorkspaceParticipantResult> getWorkspaceParticipantPlain(
            GetWorkspaceParticipantPlainArgs args, @Nullable InvokeOptions options) {
        return Deployment.getInstance().invokeAsync("seqera:index/getWorkspaceParticipant:getWorkspaceParticipant",
                TypeShape.of(GetWorkspaceParticipantResult.class), args, Utilities.withVersion(options),
                Utilities.getPackageRef());
    }

    /**
     * Data source {@code seqera_organization_member} (terraform-provider-seqera v0.30.5
     * {@code internal/seqera/organization_member_data/data_source.go}): an organization member by
     * e-mail. The provider fails the call with "Member Not Found" when no member has that e-mail.
     */
    public static CompletableFuture<GetOrganizationMemberResult> getOrganizationMemberPlain(
            GetOrganizationMemberPlainArgs args, @Nullable InvokeOptions options) {
        return Deployment.getInstance().invokeAsync("seqera:index/getOrganizationMember:getOrganizationMember",
                TypeShape.of(GetOrganizationMemberResult.class), args, Utilities.withVersion(options),
                Utilities.getPackageRef());
    }

    private SeqeraFunctions() {
    }
}
