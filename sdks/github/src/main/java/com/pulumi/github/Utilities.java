// Generated-style: the same public surface as pulumi-java-gen's Utilities for this package.
package com.pulumi.github;

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
    private static String readVersion() {
        var resourceName = "com/pulumi/github/version.txt";
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
