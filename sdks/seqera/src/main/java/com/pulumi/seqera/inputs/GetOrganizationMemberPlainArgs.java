// In the shape of pulumi-java-gen's plain invoke arguments; written by hand.
package com.pulumi.seqera.inputs;

import com.pulumi.core.annotations.Import;
import java.util.Objects;

public final class GetOrganizationMemberPlainArgs extends com.pulumi.resources.InvokeArgs {

    /** Email address of the member to look up. */
    @Import(name="email", required=true)
    private String email;

    /** Organization numeric identifier. */
    @Import(name="orgId", required=true)
    private Double orgId;

    public String email() {
        return this.email;
    }

    public Double orgId() {
        return this.orgId;
    }

    private GetOrganizationMemberPlainArgs() {
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final GetOrganizationMemberPlainArgs $ = new GetOrganizationMemberPlainArgs();

        public Builder email(String email) {
            $.email = email;
            return this;
        }

        public Builder orgId(Double orgId) {
            $.orgId = orgId;
            return this;
        }

        public GetOrganizationMemberPlainArgs build() {
            $.email = Objects.requireNonNull($.email, "expected parameter 'email' to be non-null");
            $.orgId = Objects.requireNonNull($.orgId, "expected parameter 'orgId' to be non-null");
            return $;
        }
    }
}
