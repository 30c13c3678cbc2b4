package labstacks.shared.config;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * The Pulumi project on disk: {@code Pulumi.yaml} and its stack files {@code Pulumi.<stack>.yaml}.
 * Reads stack config the way the Pulumi CLI would hand it to the program, without the CLI: scalars
 * as text, lists and objects as JSON, {@code secure:} values as secrets that stay encrypted.
 */
public final class ProjectFiles {

    /** What an encrypted value reads as when no CLI is there to decrypt it. */
    public static final String UNDECRYPTED_SECRET = "offline-plan-undecrypted-secret";

    private static final Pattern STACK_FILE =
            Pattern.compile("Pulumi\\.([A-Za-z0-9][A-Za-z0-9._-]*)\\.yaml");

    private final Path root;
    private final String project;

    private ProjectFiles(Path root, String project) {
        this.root = root;
        this.project = project;
    }

    /** Opens the project whose {@code Pulumi.yaml} is in {@code root}. */
    public static ProjectFiles open(Path root) {
        var projectFile = root.resolve("Pulumi.yaml");
        if (!Files.isRegularFile(projectFile)) {
            throw new StackFileException(
                    "no Pulumi.yaml in "
                            + root.toAbsolutePath().normalize()
                            + ": run from the labstacks checkout (or pass --root DIR)");
        }
        var document = readYaml(projectFile);
        var name = document.get("name");
        if (!(name instanceof String projectName) || projectName.isBlank()) {
            throw new StackFileException(
                    projectFile + ": the key 'name' (the project name) is missing or not text");
        }
        return new ProjectFiles(root, projectName);
    }

    public Path root() {
        return root;
    }

    public String project() {
        return project;
    }

    /** The stacks that have a stack file, sorted by name. */
    public List<String> stacks() {
        try (Stream<Path> files = Files.list(root)) {
            var names = new TreeSet<String>();
            files.map(p -> STACK_FILE.matcher(p.getFileName().toString()))
                    .filter(Matcher::matches)
                    .forEach(m -> names.add(m.group(1)));
            return List.copyOf(names);
        } catch (IOException e) {
            throw new StackFileException(
                    "cannot list stack files in " + root + ": " + e.getMessage(), e);
        }
    }

    /** Reads a stack's config; {@code environment} is the process environment the settings may fall back to. */
    public StackConfig read(String stack, Map<String, String> environment) {
        if (!stack.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw new StackFileException(
                    "'"
                            + stack
                            + "' is not a stack name: a stack name is letters, digits, '.', '_' "
                            + "and '-', starting with a letter or digit. Known stacks: "
                            + String.join(", ", stacks()));
        }
        var fileName = StackConfig.stackFileName(stack);
        var file = root.resolve(fileName);
        if (!Files.isRegularFile(file)) {
            throw new StackFileException(
                    "unknown stack '"
                            + stack
                            + "': there is no "
                            + fileName
                            + " in "
                            + root.toAbsolutePath().normalize()
                            + ". Known stacks: "
                            + String.join(", ", stacks())
                            + ". Create the stack file (pulumi stack init "
                            + stack
                            + ") or pick a known stack.");
        }
        var values = new TreeMap<String, String>();
        var secretKeys = new TreeSet<String>();
        StackYaml.config(fileName, readText(file), project, stack)
                .forEach(
                        (key, value) -> {
                            if (value.secure()) {
                                values.put(key, UNDECRYPTED_SECRET);
                                secretKeys.add(key);
                            } else {
                                values.put(key, value.text());
                            }
                        });
        return new StackConfig(project, stack, fileName, values, secretKeys, environment);
    }

    private static String readText(Path file) {
        try {
            return Files.readString(file);
        } catch (CharacterCodingException e) {
            throw new StackFileException(
                    file.getFileName()
                            + " is not UTF-8 text; save it as UTF-8 (as pulumi config set writes it)",
                    e);
        } catch (IOException e) {
            throw new StackFileException(
                    "cannot read "
                            + file
                            + ": "
                            + e.getClass().getSimpleName()
                            + " "
                            + e.getMessage(),
                    e);
        }
    }

    private static Map<String, Object> readYaml(Path file) {
        var text = readText(file);
        Object document;
        try {
            document =
                    new Load(LoadSettings.builder().setSchema(new CoreSchema()).build())
                            .loadFromString(text);
        } catch (YamlEngineException e) {
            throw new StackFileException(
                    file.getFileName()
                            + " is not valid YAML: "
                            + e.getMessage()
                            + "\nFix the file (pulumi config set rewrites it correctly).",
                    e);
        }
        if (document == null) {
            return Map.of();
        }
        if (!(document instanceof Map<?, ?> map)) {
            throw new StackFileException(file.getFileName() + ": the top level must be a mapping");
        }
        var result = new TreeMap<String, Object>();
        map.forEach((k, v) -> result.put(String.valueOf(k), v));
        return result;
    }
}
