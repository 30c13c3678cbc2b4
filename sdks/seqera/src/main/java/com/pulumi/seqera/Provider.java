// Generated-style subset of the upstream SDK: same package, type token and property names.
package com.pulumi.seqera;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.core.internal.Codegen;
import com.pulumi.resources.CustomResourceOptions;

import javax.annotation.Nullable;
import java.util.List;
import java.util.Optional;

/** The provider type for the seqera package; create it explicitly and pass it to every resource. */
@ResourceType(type = "pulumi:providers:seqera")
public class Provider extends com.pulumi.resources.ProviderResource {
    @Export(name = "bearerAuth", refs = {String.class}, tree = "[0]")
    private Output</* @Nullable */ String> bearerAuth;

    public Output<Optional<String>> bearerAuth() {
        return Codegen.optional(this.bearerAuth);
    }

    @Export(name = "serverUrl", refs = {String.class}, tree = "[0]")
    private Output</* @Nullable */ String> serverUrl;

    public Output<Optional<String>> serverUrl() {
        return Codegen.optional(this.serverUrl);
    }
    public Provider(String name) {
        this(name, ProviderArgs.Empty);
    }

    public Provider(String name, @Nullable ProviderArgs args) {
        this(name, args, null);
    }

    public Provider(String name, @Nullable ProviderArgs args, @Nullable CustomResourceOptions options) {
        super("seqera", name, makeArgs(args, options), makeResourceOptions(options, Codegen.empty()), false, Utilities.getPackageRef());
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
                .additionalSecretOutputs(List.of("bearerAuth"))
                .build();
        return CustomResourceOptions.merge(defaultOptions, options, id);
    }
}
