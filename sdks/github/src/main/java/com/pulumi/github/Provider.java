// Generated-style subset of the upstream SDK: same package, type token and property names.
package com.pulumi.github;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.core.internal.Codegen;
import com.pulumi.resources.CustomResourceOptions;

import javax.annotation.Nullable;
import java.util.List;
import java.util.Optional;

/** The provider type for the github package; create it explicitly and pass it to every resource. */
@ResourceType(type = "pulumi:providers:github")
public class Provider extends com.pulumi.resources.ProviderResource {
    @Export(name = "baseUrl", refs = {String.class}, tree = "[0]")
    private Output</* @Nullable */ String> baseUrl;

    public Output<Optional<String>> baseUrl() {
        return Codegen.optional(this.baseUrl);
    }

    @Export(name = "owner", refs = {String.class}, tree = "[0]")
    private Output</* @Nullable */ String> owner;

    public Output<Optional<String>> owner() {
        return Codegen.optional(this.owner);
    }

    @Export(name = "token", refs = {String.class}, tree = "[0]")
    private Output</* @Nullable */ String> token;

    public Output<Optional<String>> token() {
        return Codegen.optional(this.token);
    }
    public Provider(String name) {
        this(name, ProviderArgs.Empty);
    }

    public Provider(String name, @Nullable ProviderArgs args) {
        this(name, args, null);
    }

    public Provider(String name, @Nullable ProviderArgs args, @Nullable CustomResourceOptions options) {
        super("github", name, makeArgs(args, options), makeResourceOptions(options, Codegen.empty()), false);
    }

    private static ProviderArgs makeArgs(@Nullable ProviderArgs args, @Nullable CustomResourceOptions options) {
        if (options != null && options.getUrn().isPresent()) {
            return null;
        }
        return args == null ? ProviderArgs.Empty : args;
    }

    private static CustomResourceOptions makeResourceOptions(@Nullable CustomResourceOptions options,
                                                             @Nullable Output<String> id) {
        var defaultOptions = CustomResourceOptions.builder()
                .version(Utilities.getVersion())
                .additionalSecretOutputs(List.of("token"))
                .build();
        return CustomResourceOptions.merge(defaultOptions, options, id);
    }
}
