package labstacks.launcher.architecture;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The package graph of the main code of every module (read from the compiled classes with ArchUnit).
 * Today {@code shared} has one knot of packages that depend on each other; issue 17 splits it. Until
 * then this test lets that knot only shrink: a cycle through any other package, or a package newly
 * pulled into the knot, fails.
 */
class PackageCyclesTest {

    /**
     * The packages of today's one strongly connected component (design review 2026-11-23, quality.md 1.2:
     * program -> check -> plan -> program through StackProgram.policyExceptions, config <-> program,
     * kubernetes -> plan through KubernetesSchema).
     */
    private static final Set<String> KNOWN_KNOT = Set.of(
            "labstacks.shared.check",
            "labstacks.shared.config",
            "labstacks.shared.kubernetes",
            "labstacks.shared.plan",
            "labstacks.shared.program");

    private static final Pattern TEST_JAR = Pattern.compile(".*-tests\\.jar.*");

    @Test
    void noPackageCycleBeyondTheKnownKnotInShared() {
        var graph = packageGraph();
        assertTrue(graph.keySet().containsAll(KNOWN_KNOT), "the classes of every module were imported: " + graph.keySet());
        var cycles = stronglyConnected(graph).stream().filter(c -> c.size() > 1).toList();
        for (var cycle : cycles) {
            assertTrue(KNOWN_KNOT.containsAll(cycle), "a package cycle outside the known knot: " + cycle
                    + "\nedges: " + edgesWithin(graph, cycle));
        }
    }

    @Test
    void programModulesAreNeverDependedOnByShared() {
        var graph = packageGraph();
        var wrongWay = new ArrayList<String>();
        graph.forEach((from, targets) -> {
            if (from.startsWith("labstacks.shared")) {
                targets.stream().filter(to -> !to.startsWith("labstacks.shared")).forEach(to -> wrongWay.add(from + " -> " + to));
            }
        });
        assertEquals(List.of(), wrongWay, "shared is a library the programs use, never the other way round");
    }

    /** Package -> the other labstacks packages its classes use. */
    private static Map<String, Set<String>> packageGraph() {
        // Only the modules' own classes: no test classes (test-classes directories or the -tests jars other
        // modules' tests share). src/test/resources/archunit.properties keeps ArchUnit from also importing
        // every SDK class the code refers to.
        var classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.matches(TEST_JAR))
                .importPackages("labstacks");
        var graph = new TreeMap<String, Set<String>>();
        for (var javaClass : classes) {
            var from = javaClass.getPackageName();
            var targets = graph.computeIfAbsent(from, k -> new TreeSet<>());
            for (var dependency : javaClass.getDirectDependenciesFromSelf()) {
                var to = dependency.getTargetClass().getPackageName();
                if (to.startsWith("labstacks.") && !to.equals(from)) {
                    targets.add(to);
                }
            }
        }
        return graph;
    }

    private static List<String> edgesWithin(Map<String, Set<String>> graph, Set<String> packages) {
        var edges = new ArrayList<String>();
        for (var from : packages) {
            graph.getOrDefault(from, Set.of()).stream().filter(packages::contains).forEach(to -> edges.add(from + " -> " + to));
        }
        return edges;
    }

    /** Tarjan's strongly connected components. */
    private static List<Set<String>> stronglyConnected(Map<String, Set<String>> graph) {
        var index = new HashMap<String, Integer>();
        var low = new HashMap<String, Integer>();
        var onStack = new TreeSet<String>();
        Deque<String> stack = new ArrayDeque<>();
        var result = new ArrayList<Set<String>>();
        var counter = new int[]{0};
        for (var node : graph.keySet()) {
            if (!index.containsKey(node)) {
                connect(node, graph, index, low, onStack, stack, result, counter);
            }
        }
        return result;
    }

    private static void connect(String node, Map<String, Set<String>> graph, Map<String, Integer> index,
                                Map<String, Integer> low, Set<String> onStack, Deque<String> stack,
                                List<Set<String>> result, int[] counter) {
        index.put(node, counter[0]);
        low.put(node, counter[0]);
        counter[0]++;
        stack.push(node);
        onStack.add(node);
        for (var next : graph.getOrDefault(node, Set.of())) {
            if (!index.containsKey(next)) {
                connect(next, graph, index, low, onStack, stack, result, counter);
                low.put(node, Math.min(low.get(node), low.get(next)));
            } else if (onStack.contains(next)) {
                low.put(node, Math.min(low.get(node), index.get(next)));
            }
        }
        if (low.get(node).equals(index.get(node))) {
            var component = new TreeSet<String>();
            String member;
            do {
                member = stack.pop();
                onStack.remove(member);
                component.add(member);
            } while (!member.equals(node));
            result.add(component);
        }
    }
}
