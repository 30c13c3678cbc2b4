package labstacks.launcher;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import labstacks.offline.plan.Plan;
import labstacks.offline.plan.PlannedResource;

/**
 * A stack's offline plan as a picture: the resource tree (a component is a box holding its children),
 * the explicit providers, and the dependencies between resources. Mermaid (GitHub renders it in Markdown)
 * or Graphviz DOT (as {@code pulumi stack graph} writes, but from the plan, with no deployed stack).
 *
 * <p>Edges: {@code A --> B} means A depends on B (explicit {@code dependsOn} or through an input);
 * {@code A -.-> P} means A is managed through the provider P, drawn once per component box (or per
 * resource outside one) so that a tree of 40 resources does not carry 40 provider lines. Dependencies
 * on a resource's own ancestors are left out: the box already says it.
 */
final class StackGraph {

    private final Plan plan;
    private final Map<String, String> ids = new HashMap<>();
    private final Map<String, PlannedResource> byUrn = new LinkedHashMap<>();
    private final Map<String, List<PlannedResource>> children = new LinkedHashMap<>();

    StackGraph(Plan plan) {
        this.plan = plan;
        var index = 0;
        for (var resource : plan.resources()) {
            ids.put(resource.urn(), "r" + index++);
            byUrn.put(resource.urn(), resource);
            if (resource.parentUrn() != null) {
                children.computeIfAbsent(resource.parentUrn(), k -> new ArrayList<>())
                        .add(resource);
            }
        }
    }

    private boolean isBox(PlannedResource resource) {
        return !resource.custom() && !resource.type().equals("pulumi:pulumi:Stack");
    }

    private boolean isStack(PlannedResource resource) {
        return resource.type().equals("pulumi:pulumi:Stack");
    }

    /** The dependency edges worth drawing: to resources of the plan that are not the dependent's ancestors. */
    private List<String[]> dependencies() {
        var edges = new ArrayList<String[]>();
        for (var resource : plan.resources()) {
            for (var target : resource.dependencies()) {
                if (byUrn.containsKey(target)
                        && !ancestors(resource).contains(target)
                        && !isStack(byUrn.get(target))) {
                    edges.add(new String[] {ids.get(resource.urn()), ids.get(target)});
                }
            }
        }
        return edges;
    }

    /** Provider edges: from each top-level box or loose resource to the providers used inside it. */
    private Set<String> providerEdges() {
        var edges = new TreeSet<String>();
        for (var resource : plan.resources()) {
            if (resource.providerUrn() == null || !byUrn.containsKey(resource.providerUrn())) {
                continue;
            }
            var from = resource;
            for (var ancestor = parent(resource);
                    ancestor != null && !isStack(ancestor);
                    ancestor = parent(ancestor)) {
                from = ancestor;
            }
            edges.add(ids.get(from.urn()) + " " + ids.get(resource.providerUrn()));
        }
        return edges;
    }

    private PlannedResource parent(PlannedResource resource) {
        return resource.parentUrn() == null ? null : byUrn.get(resource.parentUrn());
    }

    private Set<String> ancestors(PlannedResource resource) {
        var result = new TreeSet<String>();
        for (var ancestor = parent(resource); ancestor != null; ancestor = parent(ancestor)) {
            result.add(ancestor.urn());
        }
        return result;
    }

    // ---- Mermaid ----

    String mermaid() {
        var text = new StringBuilder("flowchart LR\n");
        for (var resource : plan.resources()) {
            if (parent(resource) == null || isStack(parent(resource))) {
                mermaidNode(resource, "  ", text);
            }
        }
        dependencies()
                .forEach(
                        edge ->
                                text.append("  ")
                                        .append(edge[0])
                                        .append(" --> ")
                                        .append(edge[1])
                                        .append('\n'));
        providerEdges()
                .forEach(
                        edge -> {
                            var parts = edge.split(" ");
                            text.append("  ")
                                    .append(parts[0])
                                    .append(" -.-> ")
                                    .append(parts[1])
                                    .append('\n');
                        });
        text.append("  classDef provider fill:#eef,stroke:#99c\n");
        return text.toString();
    }

    private void mermaidNode(PlannedResource resource, String indent, StringBuilder text) {
        if (isStack(resource)) {
            text.append(indent)
                    .append(ids.get(resource.urn()))
                    .append("([\"")
                    .append(label(resource, "<br/>"))
                    .append("\"])\n");
            return;
        }
        if (isBox(resource)) {
            text.append(indent)
                    .append("subgraph ")
                    .append(ids.get(resource.urn()))
                    .append(" [\"")
                    .append(label(resource, "<br/>"))
                    .append("\"]\n");
            for (var child : children.getOrDefault(resource.urn(), List.of())) {
                mermaidNode(child, indent + "  ", text);
            }
            text.append(indent).append("end\n");
            return;
        }
        var provider = resource.type().startsWith("pulumi:providers:");
        text.append(indent)
                .append(ids.get(resource.urn()))
                .append(provider ? "{{\"" : "[\"")
                .append(label(resource, "<br/>"))
                .append(provider ? "\"}}:::provider\n" : "\"]\n");
    }

    private static String label(PlannedResource resource, String lineBreak) {
        var operation =
                switch (resource.operation()) {
                    case "import" -> "= ";
                    case "create" -> "+ ";
                    default -> "";
                };
        return escape(operation + resource.name()) + lineBreak + escape(resource.type());
    }

    private static String escape(String text) {
        return text.replace("\"", "#quot;").replace("<", "#lt;").replace(">", "#gt;");
    }

    // ---- DOT ----

    String dot() {
        var text =
                new StringBuilder(
                        "digraph \""
                                + plan.project()
                                + "/"
                                + plan.stack()
                                + "\" {\n"
                                + "  rankdir=LR;\n  compound=true;\n  node [shape=box, fontname=\"sans-serif\"];\n");
        for (var resource : plan.resources()) {
            if (parent(resource) == null || isStack(parent(resource))) {
                dotNode(resource, "  ", text);
            }
        }
        dependencies().forEach(edge -> dotEdge(edge[0], edge[1], "", text));
        providerEdges()
                .forEach(
                        edge -> {
                            var parts = edge.split(" ");
                            dotEdge(parts[0], parts[1], "style=dashed", text);
                        });
        return text.append("}\n").toString();
    }

    /**
     * An edge between two drawn things; DOT edges join nodes only, so an end at a component box is drawn
     * at the box's first resource and clipped at the box's border (ltail/lhead).
     */
    private void dotEdge(String from, String to, String style, StringBuilder text) {
        var attributes = new ArrayList<String>();
        if (!style.isEmpty()) {
            attributes.add(style);
        }
        var tail = endpoint(from, "ltail", attributes);
        var head = endpoint(to, "lhead", attributes);
        text.append("  ")
                .append(tail)
                .append(" -> ")
                .append(head)
                .append(attributes.isEmpty() ? "" : " [" + String.join(", ", attributes) + "]")
                .append(";\n");
    }

    private String endpoint(String id, String clip, List<String> attributes) {
        var resource =
                byUrn.values().stream()
                        .filter(r -> ids.get(r.urn()).equals(id))
                        .findFirst()
                        .orElseThrow();
        if (!isBox(resource)) {
            return id;
        }
        attributes.add(clip + "=cluster_" + id);
        return firstLeaf(resource);
    }

    private String firstLeaf(PlannedResource box) {
        var current = box;
        while (isBox(current) && !children.getOrDefault(current.urn(), List.of()).isEmpty()) {
            current = children.get(current.urn()).get(0);
        }
        return ids.get(current.urn());
    }

    private void dotNode(PlannedResource resource, String indent, StringBuilder text) {
        var label =
                label(resource, "\\n")
                        .replace("#quot;", "\\\"")
                        .replace("#lt;", "<")
                        .replace("#gt;", ">");
        if (isBox(resource)) {
            text.append(indent)
                    .append("subgraph cluster_")
                    .append(ids.get(resource.urn()))
                    .append(" {\n")
                    .append(indent)
                    .append("  label=\"")
                    .append(label)
                    .append("\";\n");
            for (var child : children.getOrDefault(resource.urn(), List.of())) {
                dotNode(child, indent + "  ", text);
            }
            text.append(indent).append("}\n");
            return;
        }
        var shape =
                isStack(resource)
                        ? "ellipse"
                        : resource.type().startsWith("pulumi:providers:") ? "hexagon" : "box";
        text.append(indent)
                .append(ids.get(resource.urn()))
                .append(" [label=\"")
                .append(label)
                .append("\", shape=")
                .append(shape)
                .append("];\n");
    }
}
