package labstacks.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import labstacks.shared.config.StackFileException;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * The Pulumi ESC environments the repository defines ({@code <module>/esc/<name>.yaml} holds
 * {@code labstacks/<name>}) and the ones each stack file attaches ({@code environment:}).
 *
 * <p>A stack file's {@code environment} is a list of environment names, or an inline ESC definition
 * whose {@code imports} list them (pulumi/pulumi {@code sdk/go/common/workspace/project.go},
 * {@code Environment.Definition}: a list becomes {@code {"imports": [...]}}); both are read.
 */
final class EscEnvironments {
    /** The ESC project the repository's definitions belong to. */
    static final String PROJECT = "labstacks";

    /** The read-only twin of an environment: previews and drift checks use it instead. */
    static final String PREVIEW_SUFFIX = "-preview";

    /**
     * One committed environment definition.
     *
     * @param name      {@code labstacks/<file name>}
     * @param file      the definition, relative to the repository root
     * @param imports   the environments it imports (defined by hand, or here)
     * @param variables the environment variables it sets ({@code environmentVariables})
     * @param settings  the stack settings it supplies ({@code pulumiConfig})
     * @param files     the variables that point at files it writes ({@code files}, e.g. KUBECONFIG)
     */
    record Definition(
            String name,
            String file,
            List<String> imports,
            List<String> variables,
            List<String> settings,
            List<String> files) {}

    private final Map<String, Definition> definitions;

    private EscEnvironments(Map<String, Definition> definitions) {
        this.definitions = definitions;
    }

    /** Every definition under {@code <root>/<module>/esc/}. */
    static EscEnvironments load(Path root) {
        var result = new TreeMap<String, Definition>();
        try (Stream<Path> modules = Files.list(root)) {
            for (var module : modules.filter(Files::isDirectory).sorted().toList()) {
                var esc = module.resolve("esc");
                if (!Files.isDirectory(esc)) {
                    continue;
                }
                try (Stream<Path> files = Files.list(esc)) {
                    for (var file :
                            files.filter(f -> f.getFileName().toString().endsWith(".yaml"))
                                    .sorted()
                                    .toList()) {
                        var definition = definition(root, file);
                        result.put(definition.name(), definition);
                    }
                }
            }
        } catch (IOException e) {
            throw new StackFileException(
                    "cannot list the ESC definitions in " + root + ": " + e.getMessage(), e);
        }
        return new EscEnvironments(result);
    }

    Optional<Definition> find(String name) {
        return Optional.ofNullable(definitions.get(name));
    }

    /** The read-only twin of an environment, when the repository defines one. */
    Optional<Definition> preview(String name) {
        return find(name + PREVIEW_SUFFIX);
    }

    @SuppressWarnings("unchecked")
    private static Definition definition(Path root, Path file) {
        var relative = root.relativize(file).toString();
        var name = PROJECT + "/" + file.getFileName().toString().replaceFirst("\\.yaml$", "");
        var document = yaml(file, relative);
        var values =
                document.get("values") instanceof Map<?, ?> map
                        ? (Map<String, Object>) map
                        : Map.<String, Object>of();
        return new Definition(
                name,
                relative,
                strings(document.get("imports")),
                keys(values.get("environmentVariables")),
                keys(values.get("pulumiConfig")),
                keys(values.get("files")));
    }

    /** The environments a stack file attaches, in order; empty when it has no {@code environment} key. */
    static List<String> attached(Path stackFile) {
        var document = yaml(stackFile, stackFile.getFileName().toString());
        var environment = document.get("environment");
        if (environment == null) {
            return List.of();
        }
        if (environment instanceof List<?>) {
            return strings(environment);
        }
        if (environment instanceof Map<?, ?> map) {
            return strings(map.get("imports"));
        }
        throw new StackFileException(
                stackFile.getFileName()
                        + ": 'environment' must be a list of Pulumi ESC environments"
                        + " (- labstacks/<name>), got "
                        + environment);
    }

    private static Map<String, Object> yaml(Path file, String shown) {
        try {
            var loaded =
                    new Load(LoadSettings.builder().setSchema(new CoreSchema()).build())
                            .loadFromString(Files.readString(file));
            if (loaded == null) {
                return Map.of();
            }
            if (!(loaded instanceof Map<?, ?> map)) {
                throw new StackFileException(shown + ": the top level must be a mapping");
            }
            var result = new TreeMap<String, Object>();
            map.forEach((k, v) -> result.put(String.valueOf(k), v));
            return result;
        } catch (IOException e) {
            throw new StackFileException("cannot read " + shown + ": " + e.getMessage(), e);
        } catch (YamlEngineException e) {
            throw new StackFileException(shown + " is not valid YAML: " + e.getMessage(), e);
        }
    }

    private static List<String> strings(Object value) {
        var result = new ArrayList<String>();
        if (value instanceof List<?> list) {
            for (var item : list) {
                // An import may be a map {name: {merge: false}} in ESC; its key is the environment.
                if (item instanceof Map<?, ?> map && map.size() == 1) {
                    result.add(String.valueOf(map.keySet().iterator().next()));
                } else {
                    result.add(String.valueOf(item));
                }
            }
        }
        return result;
    }

    private static List<String> keys(Object value) {
        var result = new ArrayList<String>();
        if (value instanceof Map<?, ?> map) {
            map.keySet().forEach(k -> result.add(String.valueOf(k)));
        }
        return result;
    }
}
