// Generated-style subset of the upstream SDK: same package and property names.
package com.pulumi.github;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.core.internal.Codegen;

import javax.annotation.Nullable;
import java.util.Objects;
import java.util.Optional;

public final class ProviderArgs extends com.pulumi.resources.ResourceArgs {

    public static final ProviderArgs Empty = new ProviderArgs();

    /** The GitHub Base API URL. */
    @Import(name = "baseUrl")
    private @Nullable Output<String> baseUrl;

    public Optional<Output<String>> baseUrl() {
        return Optional.ofNullable(this.baseUrl);
    }

    /** The GitHub owner name to manage. Use this field instead of organization when managing individual accounts. */
    @Import(name = "owner")
    private @Nullable Output<String> owner;

    public Optional<Output<String>> owner() {
        return Optional.ofNullable(this.owner);
    }

    /** The OAuth token used to connect to GitHub. Anonymous mode is enabled if both token and app_auth are not set. */
    @Import(name = "token")
    private @Nullable Output<String> token;

    public Optional<Output<String>> token() {
        return Optional.ofNullable(this.token);
    }

    private ProviderArgs() {
    }

    private ProviderArgs(ProviderArgs $) {
        this.baseUrl = $.baseUrl;
        this.owner = $.owner;
        this.token = $.token;
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

        /** @param baseUrl The GitHub Base API URL. */
        public Builder baseUrl(@Nullable Output<String> baseUrl) {
            $.baseUrl = baseUrl;
            return this;
        }

        public Builder baseUrl(String baseUrl) {
            return baseUrl(Output.of(baseUrl));
        }

        /** @param owner The GitHub owner name to manage. Use this field instead of organization when managing individual accounts. */
        public Builder owner(@Nullable Output<String> owner) {
            $.owner = owner;
            return this;
        }

        public Builder owner(String owner) {
            return owner(Output.of(owner));
        }

        /** @param token The OAuth token used to connect to GitHub. Anonymous mode is enabled if both token and app_auth are not set. */
        public Builder token(@Nullable Output<String> token) {
            $.token = token;
            return this;
        }

        public Builder token(String token) {
            return token(Output.of(token));
        }

        public ProviderArgs build() {
            $.baseUrl = Codegen.stringProp("baseUrl").output().arg($.baseUrl).env("GITHUB_BASE_URL").def("https://api.github.com/").getNullable();
            $.owner = Codegen.stringProp("owner").output().arg($.owner).env("GITHUB_OWNER").getNullable();
            $.token = Codegen.stringProp("token").secret().arg($.token).env("GITHUB_TOKEN").getNullable();
            return $;
        }
    }
}
