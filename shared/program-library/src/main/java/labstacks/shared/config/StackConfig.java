package labstacks.shared.config;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import com.google.gson.JsonSyntaxException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Everything a stack's settings are read from: the stack's config values (full keys such as
 * {@code pipeweave:glacierDays}), which of them are stored encrypted, and the process environment
 * for settings that fall back to environment variables.
 *
 * @param project     the Pulumi project name
 * @param stack       the stack name, for example {@code pipeweave-production}
 * @param stackFile   the stack file a user edits, for example {@code Pulumi.pipeweave-production.yaml}
 * @param values      config values by full key; structured values are JSON text, as the engine passes them
 * @param secretKeys  the keys whose values are stored encrypted ({@code secure:} in the stack file)
 * @param environment the process environment
 */
public record StackConfig(
        String project,
        String stack,
        String stackFile,
        Map<String, String> values,
        Set<String> secretKeys,
        Map<String, String> environment) {

    public StackConfig {
        values = Map.copyOf(values);
        secretKeys = Set.copyOf(secretKeys);
        environment = Map.copyOf(environment);
    }

    /** The stack file name Pulumi uses for {@code stack}. */
    public static String stackFileName(String stack) {
        return "Pulumi." + stack + ".yaml";
    }

    /** A config for tests and tools: values as given, no environment. */
    public static StackConfig of(
            String project, String stack, Map<String, String> values, Set<String> secretKeys) {
        return new StackConfig(project, stack, stackFileName(stack), values, secretKeys, Map.of());
    }

    /**
     * The config of a real deployment, as the Pulumi language host hands it to the program
     * ({@code PULUMI_CONFIG}, {@code PULUMI_CONFIG_SECRET_KEYS}, {@code PULUMI_PROJECT},
     * {@code PULUMI_STACK}).
     */
    public static StackConfig fromEngineEnvironment(Map<String, String> environment) {
        var stack = environment.getOrDefault("PULUMI_STACK", "");
        var values = new TreeMap<String, String>();
        var configJson = environment.get("PULUMI_CONFIG");
        if (configJson != null && !configJson.isBlank()) {
            for (var entry : parseJson(configJson, "PULUMI_CONFIG").getAsJsonObject().entrySet()) {
                var value = entry.getValue();
                // Structured values arrive as JSON text, but tolerate an engine that nests them.
                values.put(
                        cleanKey(entry.getKey()),
                        value.isJsonPrimitive() ? value.getAsString() : value.toString());
            }
        }
        var secretKeys = new TreeSet<String>();
        var secretJson = environment.get("PULUMI_CONFIG_SECRET_KEYS");
        if (secretJson != null && !secretJson.isBlank()) {
            for (var element :
                    parseJson(secretJson, "PULUMI_CONFIG_SECRET_KEYS").getAsJsonArray()) {
                secretKeys.add(cleanKey(element.getAsString()));
            }
        }
        return new StackConfig(
                environment.getOrDefault("PULUMI_PROJECT", ""),
                stack,
                stackFileName(stack),
                values,
                secretKeys,
                environment);
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    public boolean isSecret(String key) {
        return secretKeys.contains(key);
    }

    /** An environment variable, treating an empty value as unset (as direnv leaves them). */
    public Optional<String> env(String name) {
        var value = environment.get(name);
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    /** Older engines send {@code ns:config:key}; the key a user types is {@code ns:key}. */
    private static String cleanKey(String key) {
        var index = key.indexOf(":config:");
        return index < 0
                ? key
                : key.substring(0, index) + ":" + key.substring(index + ":config:".length());
    }

    private static JsonElement parseJson(String text, String variable) {
        try {
            return JsonParser.parseString(text);
        } catch (JsonSyntaxException e) {
            throw new IllegalStateException(
                    variable + " from the Pulumi engine is not valid JSON: " + e.getMessage(), e);
        }
    }
}
