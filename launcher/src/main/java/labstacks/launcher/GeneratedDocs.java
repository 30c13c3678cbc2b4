package labstacks.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import labstacks.offline.plan.OfflineRuntime;
import labstacks.offline.plan.Plan;
import labstacks.shared.config.ProjectFiles;
import labstacks.shared.config.StackIdentity;
import labstacks.shared.config.StackSettings;
import labstacks.shared.program.ProgramCatalog;
import labstacks.shared.program.StackProgram;

/**
 * The README sections generated from code, between marker lines that name the command that writes them:
 * each module README's settings table (from {@code @Setting}) and its stack's Mermaid diagram (from the
 * offline plan), and the root README's table of the {@code labstacks:} settings every stack has.
 * {@code ./labstacks docs --write} rewrites them all; {@code DocsTest} fails when a README differs.
 */
final class GeneratedDocs {

    /** The command every marker names: the one command that regenerates every section. */
    static final String COMMAND = "./labstacks docs --write";

    static String begin(String section) {
        return "<!-- BEGIN generated " + section + ": " + COMMAND + " -->";
    }

    static String end(String section) {
        return "<!-- END generated " + section + " -->";
    }

    /** One README and what its generated sections should hold. */
    record Readme(Path file, Map<String, String> sections) {}

    private final ProjectFiles project;
    private final ProgramCatalog catalog;

    GeneratedDocs(ProjectFiles project, ProgramCatalog catalog) {
        this.project = project;
        this.catalog = catalog;
    }

    /**
     * Every README with generated sections: the root one, and {@code <program>/README.md} of each program
     * given (a program of the jar is its module's directory, named as the program).
     */
    List<Readme> readmes(List<StackProgram<?, ?>> programs) {
        var readmes = new ArrayList<Readme>();
        readmes.add(
                new Readme(
                        project.root().resolve("README.md"),
                        Map.of(
                                "settings",
                                SettingsReference.markdown(
                                        SettingsReference.of(StackSettings.class)))));
        for (var program : programs) {
            var sections = new LinkedHashMap<String, String>();
            sections.put(
                    "settings",
                    SettingsReference.markdown(SettingsReference.of(program.settingsType())));
            sections.put("graph", diagram(program));
            readmes.add(
                    new Readme(
                            project.root().resolve(program.name()).resolve("README.md"), sections));
        }
        return readmes;
    }

    /**
     * The programs whose module is in this checkout: a directory named as the program, as every module
     * of the reactor is. (A program registered by a test has none.)
     */
    static List<StackProgram<?, ?>> documented(ProjectFiles project, ProgramCatalog catalog) {
        return catalog.all().stream()
                .filter(p -> Files.isDirectory(project.root().resolve(p.name())))
                .toList();
    }

    /** The diagram section: the program's main stack (prod or production, else the first) as Mermaid. */
    private String diagram(StackProgram<?, ?> program) {
        var stack =
                mainStack(program.name())
                        .orElseThrow(
                                () ->
                                        new IllegalStateException(
                                                "no stack file runs the program "
                                                        + program.name()));
        Plan plan = OfflineRuntime.plan(catalog, project.read(stack, Map.of()));
        if (!plan.succeeded()) {
            throw new IllegalStateException(
                    "the plan of " + stack + " failed: " + String.join("; ", plan.errors()));
        }
        return "The stack `"
                + stack
                + "` (`./labstacks graph "
                + stack
                + "`): boxes are components, `-->` a"
                + " dependency, `-.->` the provider a box's resources use, `+` create, `=` import.\n\n"
                + "```mermaid\n"
                + new StackGraph(plan).mermaid()
                + "```\n";
    }

    Optional<String> mainStack(String program) {
        var stacks = new ArrayList<String>();
        for (var stack : project.stacks()) {
            var config = project.read(stack, Map.of());
            if (config.get("labstacks:program").filter(program::equals).isPresent()) {
                var environment = config.get("labstacks:environment").orElse("");
                if (StackIdentity.isProduction(environment)) {
                    return Optional.of(stack);
                }
                stacks.add(stack);
            }
        }
        return stacks.stream().findFirst();
    }

    /** The README's text with every generated section replaced; problems (missing markers) go to {@code problems}. */
    static String rewrite(Readme readme, List<String> problems) {
        String text;
        try {
            text = Files.readString(readme.file());
        } catch (IOException e) {
            problems.add(readme.file() + ": cannot read it: " + e.getMessage());
            return null;
        }
        for (var section : readme.sections().entrySet()) {
            var begin = text.indexOf(begin(section.getKey()));
            var end = text.indexOf(end(section.getKey()));
            if (begin < 0 || end < begin) {
                problems.add(
                        readme.file()
                                + ": no generated "
                                + section.getKey()
                                + " section; add the lines\n  "
                                + begin(section.getKey())
                                + "\n  "
                                + end(section.getKey())
                                + "\nwhere it belongs, then run "
                                + COMMAND);
                continue;
            }
            var from = begin + begin(section.getKey()).length();
            text = text.substring(0, from) + "\n" + section.getValue() + text.substring(end);
        }
        return text;
    }

    static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
