package labstacks.launcher.architecture;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Maven module graph, read from the reactor's pom files: program modules -> program library -> SDKs,
 * with the offline toolkit beside the programs, at compile scope only in the launcher.
 */
class ModuleGraphTest {

    private static final String LIBRARY = "labstacks-program-library";
    private static final String TOOLKIT = "labstacks-offline-toolkit";
    private static final Set<String> PROGRAMS = Set.of("labstacks-igenomes", "labstacks-megatests",
            "labstacks-pipeweave", "labstacks-moderate-infra", "labstacks-biositing-infra");
    private static final Set<String> SDKS = Set.of("labstacks-sdk-github", "labstacks-sdk-seqera");
    /** The SDK's task runner, replaced (sdks/pulumi-runtime): used where deployments are built. */
    private static final String RUNTIME = "labstacks-pulumi-runtime";

    private record Edge(String to, String scope) {
    }

    @Test
    void programModulesCompileAgainstTheProgramLibraryAndTheSdksOnly() throws Exception {
        var graph = moduleGraph();
        assertEquals(new TreeSet<>(union(PROGRAMS, SDKS, Set.of(LIBRARY, TOOLKIT, RUNTIME, "labstacks-launcher", "labstacks-bench"))),
                new TreeSet<>(graph.keySet()), "the reactor's modules");
        for (var program : PROGRAMS) {
            var compile = compileTargets(graph, program);
            assertTrue(compile.contains(LIBRARY) && union(Set.of(LIBRARY), SDKS).containsAll(compile),
                    program + " compiles against the program library and the SDKs only: " + compile);
            assertTrue(graph.get(program).stream().anyMatch(e -> e.to().equals(TOOLKIT) && e.scope().equals("test")),
                    program + "'s tests run it offline through the toolkit");
        }
        assertEquals(SDKS, compileTargets(graph, LIBRARY), "the program library depends on the SDKs only");
        assertEquals(Set.of(LIBRARY, RUNTIME), compileTargets(graph, TOOLKIT),
                "the toolkit builds on the program library and runs programs with the replaced runner");
        assertEquals(Set.of(), compileTargets(graph, RUNTIME), RUNTIME + " depends on no labstacks module");
        for (var sdk : SDKS) {
            assertEquals(Set.of(), compileTargets(graph, sdk), sdk + " depends on no labstacks module");
        }
        graph.forEach((module, edges) -> edges.stream()
                .filter(e -> e.to().equals(TOOLKIT) && !e.scope().equals("test"))
                .forEach(e -> assertEquals("labstacks-launcher", module, "only the launcher ships the toolkit")));
    }

    @Test
    void theModuleGraphHasNoCycle() throws Exception {
        var graph = moduleGraph();
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

    private static Set<String> compileTargets(Map<String, List<Edge>> graph, String module) {
        var targets = new TreeSet<String>();
        graph.get(module).stream().filter(e -> !e.scope().equals("test")).forEach(e -> targets.add(e.to()));
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

    /** Module artifactId -> its dependencies on other labstacks modules. */
    private static Map<String, List<Edge>> moduleGraph() throws Exception {
        var root = Path.of("..").toAbsolutePath().normalize();
        var graph = new TreeMap<String, List<Edge>>();
        for (var module : modules(root.resolve("pom.xml"))) {
            var pom = parse(root.resolve(module).resolve("pom.xml"));
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
                    edges.add(new Edge(child(dependency, "artifactId"), scope == null ? "compile" : scope));
                }
            }
            graph.put(artifact, edges);
        }
        return graph;
    }

    private static List<String> modules(Path rootPom) throws Exception {
        var names = new ArrayList<String>();
        var modules = parse(rootPom).getElementsByTagName("module");
        for (int i = 0; i < modules.getLength(); i++) {
            names.add(modules.item(i).getTextContent().trim());
        }
        return names;
    }

    private static Element parse(Path pom) throws Exception {
        assertTrue(Files.isRegularFile(pom), pom + " exists");
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile()).getDocumentElement();
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
