package labstacks.launcher.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import labstacks.offline.testing.ProgramHarness;
import labstacks.shared.program.ProgramCatalog;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * The Maven module graph, read from the reactor's pom files: program modules -> program library -> SDKs,
 * with the offline toolkit beside the programs, at compile scope only in the launcher, and every program
 * module a dependency of the launcher. Which modules are programs is read, not listed: a module that
 * registers a {@code StackProgram} service file.
 */
public class ModuleGraphTest {

    private static final String LIBRARY = "labstacks-program-library";
    private static final String TOOLKIT = "labstacks-offline-toolkit";
    private static final String LAUNCHER = "labstacks-launcher";

    /** picocli rebuilt for Java 17 (shared/picocli): a third-party library under our coordinates, not a layer. */
    private static final String PICOCLI = "labstacks-picocli";

    /** The SDK's task runner, replaced (sdks/pulumi-runtime): used where deployments are built, not a provider SDK. */
    private static final String RUNTIME = "labstacks-pulumi-runtime";

    public static final String SERVICE_FILE =
            "src/main/resources/META-INF/services/labstacks.shared.program.StackProgram";

    private record Edge(String to, String scope) {}

    /** One module of the reactor: its directory (as the root pom lists it), artifact and labstacks dependencies. */
    private record Module(
            String directory, String artifact, List<Edge> edges, boolean registersPrograms) {}

    @Test
    void programModulesCompileAgainstTheProgramLibraryAndTheSdksOnly() throws Exception {
        assertEquals(List.of(), problems(ProgramHarness.repositoryRoot()));
    }

    /** The two ways of finding the programs agree: the pom files and service files, and ServiceLoader. */
    @Test
    void everyProgramOfTheJarIsAModuleNamedAsItThatRegistersIt() throws Exception {
        var modules = modules(ProgramHarness.repositoryRoot());
        var programModules = new TreeSet<String>();
        modules.values().stream()
                .filter(Module::registersPrograms)
                .forEach(m -> programModules.add(m.directory()));
        var registered = new TreeSet<String>();
        ProgramCatalog.discover().all().stream()
                .filter(
                        p ->
                                !p.getClass()
                                        .getProtectionDomain()
                                        .getCodeSource()
                                        .getLocation()
                                        .getPath()
                                        .matches(".*(test-classes/?|-tests\\.jar)$"))
                .forEach(p -> registered.add(p.name()));
        assertFalse(registered.isEmpty(), "ServiceLoader finds the programs");
        assertEquals(registered, programModules);
    }

    @Test
    void theModuleGraphHasNoCycle() throws Exception {
        var graph = new TreeMap<String, List<Edge>>();
        modules(ProgramHarness.repositoryRoot())
                .forEach((artifact, module) -> graph.put(artifact, module.edges()));
        for (var start : graph.keySet()) {
            var seen = new HashSet<String>();
            var pending = new ArrayList<>(List.of(start));
            while (!pending.isEmpty()) {
                var module = pending.remove(pending.size() - 1);
                for (var edge : graph.getOrDefault(module, List.of())) {
                    assertTrue(!edge.to().equals(start), "a cycle through " + start);
                    if (seen.add(edge.to())) {
                        pending.add(edge.to());
                    }
                }
            }
        }
    }

    /**
     * What is wrong with the module graph of the checkout at {@code root}, one line each with the fix; empty when
     * nothing is. The add-a-system test runs it over a checkout with a new module too.
     */
    public static List<String> problems(Path root) throws Exception {
        var modules = modules(root);
        var problems = new ArrayList<String>();
        var sdks = new TreeSet<String>();
        var libraries = new TreeSet<String>();
        modules.values().stream()
                .filter(m -> m.directory().startsWith("sdks/") && !m.artifact().equals(RUNTIME))
                .forEach(m -> sdks.add(m.artifact()));
        modules.values().stream()
                .filter(m -> m.directory().startsWith("shared/") && !m.artifact().equals(TOOLKIT))
                .forEach(m -> libraries.add(m.artifact()));
        var launcher = modules.get(LAUNCHER);
        if (launcher == null || !modules.containsKey(LIBRARY) || !modules.containsKey(TOOLKIT)) {
            return List.of(
                    "the reactor lacks the launcher, the program library or the offline toolkit: "
                            + modules.keySet());
        }
        var allowed = union(libraries, sdks);
        for (var module : modules.values()) {
            if (!module.registersPrograms()) {
                // The launcher's tests and engine IT are modules of their own (launcher/tests,
                // launcher/engine-it).
                if (!module.directory().startsWith("sdks/")
                        && !module.directory().startsWith("shared/")
                        && !module.directory().equals("launcher")
                        && !module.directory().startsWith("launcher/")
                        && !module.artifact().equals("labstacks-bench")) {
                    problems.add(
                            module.directory()
                                    + " is in the root pom's modules but registers no program: add "
                                    + module.directory()
                                    + "/"
                                    + SERVICE_FILE);
                }
                continue;
            }
            var program = module.artifact();
            var compile = compileTargets(module);
            if (!compile.contains(LIBRARY) || !allowed.containsAll(compile)) {
                problems.add(
                        program
                                + " compiles against the program library and the SDKs only: "
                                + compile);
            }
            if (module.edges().stream()
                    .noneMatch(e -> e.to().equals(TOOLKIT) && e.scope().equals("test"))) {
                problems.add(
                        program
                                + "'s tests run it offline through the toolkit: add "
                                + TOOLKIT
                                + " (type test-jar, scope test) to "
                                + module.directory()
                                + "/pom.xml");
            }
            if (!compileTargets(launcher).contains(program)) {
                problems.add(
                        "launcher/pom.xml has no dependency on "
                                + program
                                + ", so the jar would not carry the"
                                + " program: add <dependency><groupId>dev.labstacks</groupId><artifactId>"
                                + program
                                + "</artifactId><version>${project.version}</version></dependency> beside the other programs");
            }
        }
        if (!sdks.equals(compileTargets(modules.get(LIBRARY)))) {
            problems.add(
                    "the program library depends on the SDKs only: "
                            + compileTargets(modules.get(LIBRARY)));
        }
        var constructs = modules.get("labstacks-constructs");
        if (constructs != null && !Set.of(LIBRARY).equals(compileTargets(constructs))) {
            problems.add(
                    "the constructs build on the program library only: "
                            + compileTargets(constructs));
        }
        if (!Set.of(LIBRARY, RUNTIME).equals(compileTargets(modules.get(TOOLKIT)))) {
            problems.add(
                    "the toolkit builds on the program library and the replaced task runner only: "
                            + compileTargets(modules.get(TOOLKIT)));
        }
        if (modules.containsKey(RUNTIME) && !compileTargets(modules.get(RUNTIME)).isEmpty()) {
            problems.add(RUNTIME + " depends on no labstacks module");
        }
        for (var sdk : sdks) {
            if (!compileTargets(modules.get(sdk)).isEmpty()) {
                problems.add(sdk + " depends on no labstacks module");
            }
        }
        modules.values()
                .forEach(
                        m ->
                                m.edges().stream()
                                        .filter(
                                                e ->
                                                        e.to().equals(TOOLKIT)
                                                                && !e.scope().equals("test")
                                                                && !m.artifact().equals(LAUNCHER))
                                        .forEach(
                                                e ->
                                                        problems.add(
                                                                "only the launcher ships the toolkit, but "
                                                                        + m.artifact()
                                                                        + " depends on it")));
        return problems;
    }

    /** The directories of the modules that are systems: they register a program and are not built on the launcher. */
    public static List<String> programModules(Path root) throws Exception {
        return modules(root).values().stream()
                .filter(Module::registersPrograms)
                .map(Module::directory)
                .sorted()
                .toList();
    }

    private static Set<String> compileTargets(Module module) {
        var targets = new TreeSet<String>();
        module.edges().stream()
                .filter(e -> !e.scope().equals("test") && !e.to().equals(PICOCLI))
                .forEach(e -> targets.add(e.to()));
        return targets;
    }

    @SafeVarargs
    private static Set<String> union(Set<String>... sets) {
        var all = new HashSet<String>();
        for (var set : sets) {
            all.addAll(set);
        }
        return all;
    }

    /** Module artifactId -> the module, for every module the root pom lists. */
    private static Map<String, Module> modules(Path root) throws Exception {
        var modules = new TreeMap<String, Module>();
        for (var directory : moduleDirectories(root.resolve("pom.xml"))) {
            var pom = parse(root.resolve(directory).resolve("pom.xml"));
            var artifact = child(pom, "artifactId");
            var edges = new ArrayList<Edge>();
            var dependencies = pom.getElementsByTagName("dependency");
            for (int i = 0; i < dependencies.getLength(); i++) {
                var dependency = (Element) dependencies.item(i);
                if (dependency.getParentNode().getParentNode() != pom) {
                    continue;
                }
                if ("dev.labstacks".equals(child(dependency, "groupId"))) {
                    var scope = child(dependency, "scope");
                    edges.add(
                            new Edge(
                                    child(dependency, "artifactId"),
                                    scope == null ? "compile" : scope));
                }
            }
            // bench registers its synthetic program on top of the launcher: a tool, not a system.
            var onTopOfTheLauncher = edges.stream().anyMatch(e -> e.to().equals(LAUNCHER));
            modules.put(
                    artifact,
                    new Module(
                            directory,
                            artifact,
                            edges,
                            !onTopOfTheLauncher
                                    && Files.isRegularFile(
                                            root.resolve(directory).resolve(SERVICE_FILE))));
        }
        return modules;
    }

    private static List<String> moduleDirectories(Path rootPom) throws Exception {
        var names = new ArrayList<String>();
        var modules = parse(rootPom).getElementsByTagName("module");
        for (int i = 0; i < modules.getLength(); i++) {
            names.add(modules.item(i).getTextContent().trim());
        }
        return names;
    }

    private static Element parse(Path pom) throws Exception {
        assertTrue(Files.isRegularFile(pom), pom + " exists");
        return DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(pom.toFile())
                .getDocumentElement();
    }

    private static String child(Element element, String name) {
        for (var node = element.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element e && e.getTagName().equals(name)) {
                return e.getTextContent().trim();
            }
        }
        return null;
    }
}
