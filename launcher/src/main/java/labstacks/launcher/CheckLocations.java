package labstacks.launcher;

import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;
import labstacks.offline.check.Violation;
import labstacks.offline.plan.Plan;

/**
 * Where a finding points a reader: the stack file line that set the offending value when the finding
 * names a config key the stack file sets, else the Java source that declares the resource (its nearest
 * labstacks component, whose type token ends with the class name, or the stack's program class).
 */
final class CheckLocations {

    /** A place in the repository: a path relative to the root (with '/') and a 1-based line. */
    record Location(String file, int line) {
        String render() {
            return file + ":" + line;
        }
    }

    private static final Pattern INPUT_PATH =
            Pattern.compile("\\b(?:input|output) ([A-Za-z0-9_.\\[\\]-]+)");
    private static final Pattern CONFIG_LINE =
            Pattern.compile("^\\s+([A-Za-z0-9_-]+:[A-Za-z0-9_.-]+)\\s*:");

    private final Path root;
    private final Map<String, Path> sources = new HashMap<>();

    CheckLocations(Path root) {
        this.root = root;
        var found = new TreeSet<Path>();
        try {
            Files.walkFileTree(
                    root,
                    EnumSet.noneOf(FileVisitOption.class),
                    16,
                    new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult preVisitDirectory(
                                Path dir, BasicFileAttributes attributes) {
                            var name =
                                    dir.getFileName() == null ? "" : dir.getFileName().toString();
                            // Build output, dependencies and history hold no source a finding
                            // points at.
                            return name.equals("target")
                                            || name.equals("node_modules")
                                            || name.startsWith(".") && !dir.equals(root)
                                    ? FileVisitResult.SKIP_SUBTREE
                                    : FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFile(
                                Path file, BasicFileAttributes attributes) {
                            if (file.toString().endsWith(".java")
                                    && root.relativize(file)
                                            .toString()
                                            .replace('\\', '/')
                                            .contains("src/main/java/")) {
                                found.add(file);
                            }
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFileFailed(Path file, IOException e) {
                            return FileVisitResult.CONTINUE;
                        }
                    });
        } catch (IOException e) {
            // Without sources every finding points at its stack file, which is still a location.
        }
        found.forEach(
                p ->
                        sources.putIfAbsent(
                                p.getFileName().toString().replaceFirst("\\.java$", ""), p));
    }

    /** The location of one finding of {@code stack}'s plan, whose program class is {@code programClass}. */
    Location locate(String stack, Plan plan, Violation violation, Optional<Class<?>> programClass) {
        var stackFile = "Pulumi." + stack + ".yaml";
        var fromConfig = configLine(stackFile, violation);
        if (fromConfig.isPresent()) {
            return fromConfig.get();
        }
        var urn = urn(plan, violation);
        var component = urn.flatMap(CheckLocations::nearestComponent);
        var declared =
                component
                        .flatMap(this::declaration)
                        .or(() -> programClass.flatMap(c -> declaration(c.getSimpleName())));
        return declared.orElse(new Location(stackFile, 1));
    }

    /** The finding's resource URN, when the plan has it. */
    static Optional<String> urn(Plan plan, Violation violation) {
        return plan.resources().stream()
                .filter(r -> r.type().equals(violation.type()) && r.name().equals(violation.name()))
                .map(r -> r.urn())
                .findFirst();
    }

    /** The class name of the innermost {@code labstacks:<module>:<Class>} component in a URN's type chain. */
    static Optional<String> nearestComponent(String urn) {
        var qualified = urn.substring(0, urn.lastIndexOf("::"));
        qualified = qualified.substring(qualified.lastIndexOf("::") + 2);
        var types = List.of(qualified.split("\\$"));
        for (int i = types.size() - 2; i >= 0; i--) {
            if (types.get(i).startsWith("labstacks:")) {
                var token = types.get(i);
                return Optional.of(token.substring(token.lastIndexOf(':') + 1));
            }
        }
        // The resource is itself a component.
        var own = types.get(types.size() - 1);
        return own.startsWith("labstacks:")
                ? Optional.of(own.substring(own.lastIndexOf(':') + 1))
                : Optional.empty();
    }

    private Optional<Location> declaration(String simpleName) {
        var file = sources.get(simpleName);
        if (file == null) {
            return Optional.empty();
        }
        var declaration =
                Pattern.compile(
                        "\\b(class|record|interface|enum)\\s+" + Pattern.quote(simpleName) + "\\b");
        var line = 1;
        try {
            var lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                if (declaration.matcher(lines.get(i)).find()) {
                    line = i + 1;
                    break;
                }
            }
        } catch (IOException e) {
            // the file is still the right place
        }
        return Optional.of(new Location(root.relativize(file).toString().replace('\\', '/'), line));
    }

    /** The stack file line of a config key the finding's message or fix names. */
    private Optional<Location> configLine(String stackFile, Violation violation) {
        List<String> lines;
        try {
            lines = Files.readAllLines(root.resolve(stackFile));
        } catch (IOException e) {
            return Optional.empty();
        }
        var text = violation.message() + " " + violation.fix();
        for (int i = 0; i < lines.size(); i++) {
            var matcher = CONFIG_LINE.matcher(lines.get(i));
            if (matcher.find() && text.contains(matcher.group(1))) {
                return Optional.of(new Location(stackFile, i + 1));
            }
        }
        // "input tags.api-token is ...": the stack file line that holds the input's last key, if
        // one does
        // (a tag, label or annotation map set in the stack file).
        var input = INPUT_PATH.matcher(violation.message());
        if (input.find()) {
            var segments = input.group(1).split("[.\\[\\]]");
            var key =
                    Pattern.compile(
                            "(^|[\\s{,\"'])"
                                    + Pattern.quote(segments[segments.length - 1])
                                    + "[\"']?\\s*:");
            var inConfig = false;
            for (int i = 0; i < lines.size(); i++) {
                var line = lines.get(i);
                if (!line.startsWith(" ") && !line.startsWith("#")) {
                    inConfig = line.startsWith("config:");
                } else if (inConfig && !line.strip().startsWith("#") && key.matcher(line).find()) {
                    return Optional.of(new Location(stackFile, i + 1));
                }
            }
        }
        return Optional.empty();
    }
}
