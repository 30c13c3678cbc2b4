// In the shape of pulumi-java-gen's function results; written by hand.
package com.pulumi.seqera.outputs;

import com.pulumi.core.annotations.CustomType;
import java.util.Objects;
import javax.annotation.Nullable;

@CustomType
public final class GetOrganizationMemberResult {
    private String email;
    private @Nullable String firstName;
    private String id;
    private @Nullable String lastName;
    private @Nullable Double memberId;
    private Double orgId;
    private @Nullable String role;
    private @Nullable Double userId;
    private @Nullable String userName;

    private GetOrganizationMemberResult() {
    }

    public String email() {
        return this.email;
    }

    public String firstName() {
        return this.firstName;
    }

    public String id() {
        return this.id;
    }

    public String lastName() {
        return this.lastName;
    }

    public Double memberId() {
        return this.memberId;
    }

    public Double orgId() {
        return this.orgId;
    }

    /** Role of the member in the organization (owner, member, collaborator). */
    public String role() {
        return this.role;
    }

    public Double userId() {
        return this.userId;
    }

    public String userName() {
        return this.userName;
    }

    @CustomType.Builder
    public static final class Builder {
        private final GetOrganizationMemberResult $ = new GetOrganizationMemberResult();

        public Builder() {
        }

        @CustomType.Setter
        public Builder email(String email) { $.email = Objects.requireNonNull(email); return this; }
        @CustomType.Setter
        public Builder firstName(@Nullable String firstName) { $.firstName = firstName; return this; }
        @CustomType.Setter
        public Builder id(String id) { $.id = Objects.requireNonNull(id); return this; }
        @CustomType.Setter
        public Builder lastName(@Nullable String lastName) { $.lastName = lastName; return this; }
        @CustomType.Setter
        public Builder memberId(@Nullable Double memberId) { $.memberId = memberId; return this; }
        @CustomType.Setter
        public Builder orgId(Double orgId) { $.orgId = Objects.requireNonNull(orgId); return this; }
        @CustomType.Setter
        public Builder role(@Nullable String role) { $.role = role; return this; }
        @CustomType.Setter
        public Builder userId(@Nullable Double userId) { $.userId = userId; return this; }
        @CustomType.Setter
        public Builder userName(@Nullable String userName) { $.userName = userName; return this; }

        public GetOrganizationMemberResult build() {
            return $;
        }
    }
}
