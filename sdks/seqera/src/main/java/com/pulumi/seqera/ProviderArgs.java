// Generated-style subset of the upstream SDK: same package and property names.
package com.pulumi.seqera;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.core.internal.Codegen;

import javax.annotation.Nullable;
import java.util.Objects;
import java.util.Optional;

public final class ProviderArgs extends com.pulumi.resources.ResourceArgs {

    public static final ProviderArgs Empty = new ProviderArgs();

    /** Bearer token for the Seqera Platform API. */
    @Import(name = "bearerAuth")
    private @Nullable Output<String> bearerAuth;

    public Optional<Output<String>> bearerAuth() {
        return Optional.ofNullable(this.bearerAuth);
    }

    /** Server URL (defaults to https://api.cloud.seqera.io). */
    @Import(name = "serverUrl")
    private @Nullable Output<String> serverUrl;

    public Optional<Output<String>> serverUrl() {
        return Optional.ofNullable(this.serverUrl);
    }

    private ProviderArgs() {
    }

    private ProviderArgs(ProviderArgs $) {
        this.bearerAuth = $.bearerAuth;
        this.serverUrl = $.serverUrl;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static Builder builder(ProviderArgs defaults) {
        return new Builder(defaults);
    }

    public static final class Builder {
        private final ProviderArgs $;

        public Builder() {
            $ = new ProviderArgs();
        }

        public Builder(ProviderArgs defaults) {
            $ = new ProviderArgs(Objects.requireNonNull(defaults));
        }

        /** @param bearerAuth Bearer token for the Seqera Platform API. */
        public Builder bearerAuth(@Nullable Output<String> bearerAuth) {
            $.bearerAuth = bearerAuth;
            return this;
        }

        public Builder bearerAuth(String bearerAuth) {
            return bearerAuth(Output.of(bearerAuth));
        }

        /** @param serverUrl Server URL (defaults to https://api.cloud.seqera.io). */
        public Builder serverUrl(@Nullable Output<String> serverUrl) {
            $.serverUrl = serverUrl;
            return this;
        }

        public Builder serverUrl(String serverUrl) {
            return serverUrl(Output.of(serverUrl));
        }

        public ProviderArgs build() {
            return $;
        }
    }
}
