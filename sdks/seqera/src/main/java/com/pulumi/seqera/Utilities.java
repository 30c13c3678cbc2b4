// Generated-style: the same public surface as pulumi-java-gen's Utilities for this package.
package com.pulumi.seqera;

import com.pulumi.core.internal.Environment;
import com.pulumi.deployment.InvokeOptions;
import com.pulumi.deployment.InvokeOutputOptions;

import javax.annotation.Nullable;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.stream.Collectors;
import com.pulumi.deployment.Deployment;
import java.util.concurrent.CompletableFuture;

public class Utilities {

    private static final String VERSION = readVersion();

    public static Optional<String> getEnv(String... names) {
        for (var name : names) {
            var value = Environment.getEnvironmentVariable(name);
            if (value.isValue()) {
                return Optional.of(value.value());
            }
        }
        return Optional.empty();
    }

    public static Optional<Boolean> getEnvBoolean(String... names) {
        for (var name : names) {
            var value = Environment.getBooleanEnvironmentVariable(name);
            if (value.isValue()) {
                return Optional.of(value.value());
            }
        }
        return Optional.empty();
    }

    public static InvokeOptions withVersion(@Nullable InvokeOptions options) {
        if (options != null && options.getVersion().isPresent()) {
            return options;
        }
        return new InvokeOptions(
                options == null ? null : options.getParent().orElse(null),
                options == null ? null : options.getProvider().orElse(null),
                getVersion());
    }

    public static InvokeOutputOptions withVersion(@Nullable InvokeOutputOptions options) {
        if (options != null && options.getVersion().isPresent()) {
            return options;
        }
        return new InvokeOutputOptions(
                options == null ? null : options.getParent().orElse(null),
                options == null ? null : options.getProvider().orElse(null),
                getVersion(),
                options == null ? null : options.getDependsOn());
    }

    /** The provider version this SDK was generated for (the version.txt resource). */
    public static String getVersion() {
        return VERSION;
    }

    /** The base provider this package parameterizes: the Terraform bridge plugin. */
    public static final String BASE_PROVIDER_NAME = "terraform-provider";
    public static final String BASE_PROVIDER_VERSION = "1.0.2";
    /** Base64 of {"remote":{"url":"registry.terraform.io/seqeralabs/seqera","version":"0.30.5"}}. */
    public static final String PARAMETERIZATION_VALUE = "eyJyZW1vdGUiOnsidXJsIjoicmVnaXN0cnkudGVycmFmb3JtLmlvL3NlcWVyYWxhYnMvc2VxZXJhIiwidmVyc2lvbiI6IjAuMzAuNSJ9fQ==";

    /**
     * Registers the parameterized package with the engine and returns its reference. The deployment
     * caches the reference per run (pulumi-java 1.21.1 and later), so nothing is kept in a static field
     * that would go stale across deployments in one JVM.
     */
    public static CompletableFuture<String> getPackageRef() {
        return Deployment.getInstance().registerPackage(
                BASE_PROVIDER_NAME, BASE_PROVIDER_VERSION, "", "seqera", getVersion(), PARAMETERIZATION_VALUE);
    }
    private static String readVersion() {
        var resourceName = "com/pulumi/seqera/version.txt";
        var stream = Utilities.class.getClassLoader().getResourceAsStream(resourceName);
        if (stream == null) {
            throw new IllegalStateException(String.format("expected resource '%s' on Classpath, not found", resourceName));
        }
        try (var reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            return reader.lines().collect(Collectors.joining("\n")).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
