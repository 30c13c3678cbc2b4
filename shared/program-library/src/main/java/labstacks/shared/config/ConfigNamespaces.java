package labstacks.shared.config;

import com.pulumi.aws.ProviderArgs;
import com.pulumi.core.annotations.Import;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import labstacks.shared.validation.Suggestions;

/**
 * Checks the keys of a stack file that no settings record owns: those in provider namespaces
 * ({@code aws:}, {@code kubernetes:}, {@code github:}, {@code seqera:}) and those in namespaces nothing reads.
 *
 * <p>A provider's keys are read from its SDK ({@code ProviderArgs}, whose {@code @Import} names are the
 * provider's configuration keys), never typed here. labstacks programs create every provider explicitly,
 * and an explicit provider ignores the stack's provider config: so a provider key the program does not
 * read itself would do nothing at all, and is an error too, with the keys the program does read.
 */
public final class ConfigNamespaces {

    /** Provider namespace to its configuration keys, read once from the SDK's {@code ProviderArgs}. */
    private static final Map<String, List<String>> PROVIDER_KEYS = providerKeys();

    /** Keys the Pulumi CLI itself reads (pulumi/pkg/resource/deploy: disable-default-providers; tags). */
    private static final Set<String> PULUMI_KEYS =
            Set.of("pulumi:disable-default-providers", "pulumi:tags", "pulumi:template");

    private ConfigNamespaces() {}

    private static Map<String, List<String>> providerKeys() {
        var map = new LinkedHashMap<String, List<String>>();
        map.put("aws", keysOf("aws", ProviderArgs.class));
        map.put("kubernetes", keysOf("kubernetes", com.pulumi.kubernetes.ProviderArgs.class));
        map.put("github", keysOf("github", com.pulumi.github.ProviderArgs.class));
        map.put("seqera", keysOf("seqera", com.pulumi.seqera.ProviderArgs.class));
        return Collections.unmodifiableMap(map);
    }

    /** The configuration keys of a provider, as its SDK declares them ({@code aws:region}, ...). */
    public static List<String> providerKeys(String namespace) {
        return PROVIDER_KEYS.getOrDefault(namespace, List.of());
    }

    private static List<String> keysOf(String namespace, Class<?> type) {
        var keys = new TreeSet<String>();
        for (var field : type.getDeclaredFields()) {
            var annotation = field.getAnnotation(Import.class);
            if (annotation != null) {
                keys.add(
                        namespace
                                + ":"
                                + (annotation.name().isEmpty()
                                        ? field.getName()
                                        : annotation.name()));
            }
        }
        return List.copyOf(keys);
    }

    /**
     * Problems with keys outside the settings records.
     *
     * @param programKeys every key the program's settings record and the stack settings declare
     */
    public static List<ConfigProblem> check(
            StackConfig config, String program, List<String> programKeys) {
        var problems = new ArrayList<ConfigProblem>();
        var declared = new LinkedHashSet<>(programKeys);
        var ownNamespaces =
                declared.stream()
                        .map(ConfigNamespaces::namespace)
                        .filter(ns -> !PROVIDER_KEYS.containsKey(ns))
                        .collect(Collectors.toCollection(TreeSet::new));
        for (var key : new TreeSet<>(config.values().keySet())) {
            var namespace = namespace(key);
            if (declared.contains(key) || ownNamespaces.contains(namespace)) {
                // The settings records report unknown keys of their own namespaces.
                continue;
            }
            if (namespace.equals("pulumi")) {
                if (!PULUMI_KEYS.contains(key)) {
                    problems.add(
                            unknown(config, key, "is not a key the Pulumi CLI reads", PULUMI_KEYS));
                }
                continue;
            }
            if (PROVIDER_KEYS.containsKey(namespace)) {
                var sdkKeys = providerKeys(namespace);
                var read = declared.stream().filter(k -> namespace(k).equals(namespace)).toList();
                if (!sdkKeys.contains(key)) {
                    problems.add(
                            unknown(
                                    config,
                                    key,
                                    "is not a setting of the " + namespace + " provider",
                                    read.isEmpty() ? sdkKeys : read));
                } else {
                    problems.add(
                            new ConfigProblem(
                                    key,
                                    "is a setting of the "
                                            + namespace
                                            + " provider, but "
                                            + program
                                            + " creates its "
                                            + namespace
                                            + " providers explicitly, and an explicit provider"
                                            + " ignores stack config; this value would do nothing",
                                    "remove it from "
                                            + config.stackFile()
                                            + (read.isEmpty()
                                                    ? "; "
                                                            + program
                                                            + " reads no "
                                                            + namespace
                                                            + " settings"
                                                    : "; "
                                                            + program
                                                            + " reads "
                                                            + String.join(", ", read))));
                }
                continue;
            }
            var known = new TreeSet<String>(declared);
            PROVIDER_KEYS.values().forEach(known::addAll);
            problems.add(
                    unknown(
                            config,
                            key,
                            "is in the namespace '"
                                    + namespace
                                    + "', which neither "
                                    + program
                                    + " nor a provider reads",
                            known));
        }
        problems.addAll(kubernetesTarget(config, declared));
        return problems;
    }

    /**
     * A Kubernetes program outside a local environment must name its cluster; without a context (or a
     * kubeconfig) a deploy goes to whichever context happens to be current on the machine running it.
     */
    private static List<ConfigProblem> kubernetesTarget(StackConfig config, Set<String> declared) {
        var reads =
                declared.stream()
                        .filter(
                                k ->
                                        k.equals("kubernetes:context")
                                                || k.equals("kubernetes:kubeconfig"))
                        .toList();
        if (reads.isEmpty()) {
            return List.of();
        }
        var environment = config.get("labstacks:environment").orElse("");
        // A blank value is no target at all: the provider takes an empty context as "the current
        // one".
        var blank =
                reads.stream()
                        .filter(k -> config.get(k).map(String::isBlank).orElse(false))
                        .toList();
        if (!blank.isEmpty()) {
            return blank.stream()
                    .map(
                            key ->
                                    new ConfigProblem(
                                            key,
                                            "is blank in "
                                                    + config.stackFile()
                                                    + ": the provider would take whatever kubeconfig context is current on the machine that deploys",
                                            "pulumi config set "
                                                    + key
                                                    + " <context of the target cluster> -s "
                                                    + config.stack()
                                                    + (environment.equals(
                                                                    StackSettings.LOCAL_ENVIRONMENT)
                                                            ? ", or remove the line to use the current context on purpose"
                                                            : "")))
                    .toList();
        }
        if (environment.equals(StackSettings.LOCAL_ENVIRONMENT)
                || reads.stream().anyMatch(k -> config.get(k).isPresent())) {
            return List.of();
        }
        return List.of(
                new ConfigProblem(
                        "kubernetes:context",
                        "is required outside local environments (this stack's environment is '"
                                + environment
                                + "'): without it a deploy would go to whatever kubeconfig context is current",
                        "pulumi config set kubernetes:context <context of the target cluster> -s "
                                + config.stack()
                                + (reads.contains("kubernetes:kubeconfig")
                                        ? ", or set kubernetes:kubeconfig"
                                        : "")));
    }

    private static ConfigProblem unknown(
            StackConfig config, String key, String problem, Collection<String> known) {
        var nearest = Suggestions.nearest(key, known);
        return new ConfigProblem(
                key,
                problem + nearest.map(k -> " (did you mean " + k + "?)").orElse(""),
                "remove it from "
                        + config.stackFile()
                        + nearest.map(k -> " or rename it to " + k).orElse("")
                        + (known.size() <= 12 ? "; known keys: " + String.join(", ", known) : ""));
    }

    private static String namespace(String key) {
        var colon = key.indexOf(':');
        return colon < 0 ? "" : key.substring(0, colon);
    }
}
