package labstacks.offline.diff;

import com.google.gson.GsonBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A plan comparison as text (for people), Markdown (a job summary or PR comment table) or JSON (for scripts). */
public final class DiffReport {

    /** Bumped when a JSON field changes meaning or goes away. */
    public static final int JSON_VERSION = 1;

    private DiffReport() {}

    /** The symbols {@code pulumi preview} uses for the same operations. */
    public static String text(List<StackDiff> stacks) {
        var out = new StringBuilder();
        for (var stack : stacks) {
            out.append(stack.stack()).append(": ").append(stack.status().label());
            if (stack.status() != StackDiff.Status.UNKNOWN
                    && stack.status() != StackDiff.Status.REMOVED) {
                out.append(" (").append(counts(stack)).append(')');
            }
            out.append('\n');
            stack.added().forEach(urn -> out.append("  + ").append(typeAndName(urn)).append('\n'));
            stack.replaced()
                    .forEach(
                            c ->
                                    out.append("  +- ")
                                            .append(c.type())
                                            .append("  ")
                                            .append(c.name())
                                            .append("  replaces on: ")
                                            .append(String.join(", ", c.replaceTriggers()))
                                            .append(others(c, c.replaceTriggers()))
                                            .append('\n'));
            stack.updated()
                    .forEach(
                            c ->
                                    out.append("  ~ ")
                                            .append(c.type())
                                            .append("  ")
                                            .append(c.name())
                                            .append("  ")
                                            .append(describe(c))
                                            .append('\n'));
            if (stack.status() != StackDiff.Status.REMOVED) {
                stack.removed()
                        .forEach(urn -> out.append("  - ").append(typeAndName(urn)).append('\n'));
            }
            stack.notes().forEach(note -> out.append("  note: ").append(note).append('\n'));
        }
        var changed = stacks.stream().filter(StackDiff::needsDeploy).map(StackDiff::stack).toList();
        out.append("Stacks: ")
                .append(changed.size())
                .append(" to preview and deploy")
                .append(changed.isEmpty() ? "" : " (" + String.join(", ", changed) + ")")
                .append(", ")
                .append(
                        stacks.stream()
                                .filter(s -> s.status() == StackDiff.Status.UNCHANGED)
                                .count())
                .append(" unchanged");
        var removed = stacks.stream().filter(s -> s.status() == StackDiff.Status.REMOVED).count();
        if (removed > 0) {
            out.append(", ").append(removed).append(" removed");
        }
        return out.append('\n').toString();
    }

    /** One table row per stack, then the details of each changed stack under {@code <details>}. */
    public static String markdown(List<StackDiff> stacks) {
        var out = new StringBuilder();
        out.append("| stack | plan | + add | +- replace | ~ update | - remove | unchanged |\n");
        out.append("|---|---|---:|---:|---:|---:|---:|\n");
        for (var stack : stacks) {
            out.append("| ")
                    .append(stack.stack())
                    .append(" | ")
                    .append(stack.status().label())
                    .append(" | ")
                    .append(stack.added().size())
                    .append(" | ")
                    .append(stack.replaced().size())
                    .append(" | ")
                    .append(stack.updated().size())
                    .append(" | ")
                    .append(stack.removed().size())
                    .append(" | ")
                    .append(stack.unchanged())
                    .append(" |\n");
        }
        for (var stack : stacks) {
            if (stack.status() == StackDiff.Status.UNCHANGED) {
                continue;
            }
            out.append("\n<details><summary>")
                    .append(escape(stack.stack()))
                    .append(": ")
                    .append(stack.status().label())
                    .append("</summary>\n\n```\n")
                    .append(
                            text(List.of(stack))
                                    .lines()
                                    .filter(l -> !l.startsWith("Stacks: "))
                                    .reduce("", (a, b) -> a + b + "\n"))
                    .append("```\n\n</details>\n");
        }
        return out.toString();
    }

    /** The comparison as one JSON document: {@code version}, then one entry per stack. */
    public static String json(List<StackDiff> stacks) {
        var entries = new ArrayList<Map<String, Object>>();
        for (var stack : stacks) {
            var entry = new LinkedHashMap<String, Object>();
            entry.put("stack", stack.stack());
            entry.put("status", stack.status().name().toLowerCase(Locale.ROOT));
            entry.put("deploy", stack.needsDeploy());
            entry.put("added", stack.added());
            entry.put("removed", stack.removed());
            entry.put("replaced", changes(stack.replaced()));
            entry.put("updated", changes(stack.updated()));
            entry.put("unchanged", stack.unchanged());
            entry.put("notes", stack.notes());
            entries.add(entry);
        }
        var document = new LinkedHashMap<String, Object>();
        document.put("version", JSON_VERSION);
        document.put("stacks", entries);
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(document)
                + "\n";
    }

    private static List<Map<String, Object>> changes(List<StackDiff.Change> changes) {
        var result = new ArrayList<Map<String, Object>>();
        for (var change : changes) {
            var entry = new LinkedHashMap<String, Object>();
            entry.put("urn", change.urn());
            entry.put("type", change.type());
            entry.put("inputs", change.inputs());
            entry.put("options", change.options());
            entry.put("replaceTriggers", change.replaceTriggers());
            result.add(entry);
        }
        return result;
    }

    private static String counts(StackDiff stack) {
        return stack.added().size()
                + " to add, "
                + stack.replaced().size()
                + " to replace, "
                + stack.updated().size()
                + " to update, "
                + stack.removed().size()
                + " to remove, "
                + stack.unchanged()
                + " unchanged";
    }

    private static String describe(StackDiff.Change change) {
        var parts = new ArrayList<String>();
        if (!change.inputs().isEmpty()) {
            parts.add("inputs: " + String.join(", ", change.inputs()));
        }
        if (!change.options().isEmpty()) {
            parts.add("options: " + String.join(", ", change.options()));
        }
        return String.join("; ", parts);
    }

    private static String others(StackDiff.Change change, List<String> shown) {
        var rest = new ArrayList<>(change.inputs());
        rest.removeAll(shown);
        var parts = new ArrayList<String>();
        if (!rest.isEmpty()) {
            parts.add("inputs: " + String.join(", ", rest));
        }
        if (!change.options().isEmpty()) {
            parts.add("options: " + String.join(", ", change.options()));
        }
        return parts.isEmpty() ? "" : "; " + String.join("; ", parts);
    }

    /** {@code type  name} from a URN ({@code urn:pulumi:stack::project::parent$type::name}). */
    static String typeAndName(String urn) {
        var name = urn.substring(urn.lastIndexOf("::") + 2);
        var qualified = urn.substring(0, urn.lastIndexOf("::"));
        qualified = qualified.substring(qualified.lastIndexOf("::") + 2);
        var type = qualified.substring(qualified.lastIndexOf('$') + 1);
        return type + "  " + name;
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
