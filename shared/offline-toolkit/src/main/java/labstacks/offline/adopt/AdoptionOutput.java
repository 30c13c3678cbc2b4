package labstacks.offline.adopt;


import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An adoption report as text (like a preview) and as the JSON {@code labstacks adopt --json} writes. */
public final class AdoptionOutput {

    private AdoptionOutput() {
    }

    /**
     * {@code {"stack","state","matched":[{"urn","stateUrn","id"}],"create":[urn],"delete":[stateUrn],
     * "replace":[{"urn","stateUrn","reasons":[...]}]}}.
     */
    public static String json(Adoption.Report report) {
        var document = new LinkedHashMap<String, Object>();
        document.put("stack", report.stack());
        document.put("state", report.state());
        var matched = new ArrayList<Map<String, Object>>();
        for (var match : report.matched()) {
            var entry = new LinkedHashMap<String, Object>();
            entry.put("urn", match.urn());
            entry.put("stateUrn", match.stateUrn());
            entry.put("id", match.id());
            matched.add(entry);
        }
        document.put("matched", matched);
        document.put("create", report.create());
        document.put("delete", report.delete());
        var replace = new ArrayList<Map<String, Object>>();
        for (var r : report.replace()) {
            var entry = new LinkedHashMap<String, Object>();
            entry.put("urn", r.urn());
            entry.put("stateUrn", r.stateUrn());
            entry.put("reasons", r.reasons());
            replace.add(entry);
        }
        document.put("replace", replace);
        return labstacks.offline.plan.PlanJson.json(document);
    }

    public static String text(Adoption.Report report) {
        var text = new StringBuilder();
        text.append("Adopting ").append(report.state()).append(" as stack ").append(report.stack())
                .append(" (after pulumi stack rename; offline, nothing changes)\n\n");
        var replaced = new java.util.HashSet<String>();
        report.replace().forEach(r -> replaced.add(r.urn()));
        for (var match : report.matched()) {
            if (replaced.contains(match.urn())) {
                continue;
            }
            text.append("    = ").append(match.urn());
            if (!match.urn().equals(match.stateUrn())) {
                text.append("\n        was ").append(match.stateUrn());
            }
            text.append('\n');
        }
        for (var r : report.replace()) {
            text.append("  +-  ").append(r.urn()).append("  replace\n");
            if (!r.urn().equals(r.stateUrn())) {
                text.append("        was ").append(r.stateUrn()).append('\n');
            }
            r.reasons().forEach(reason -> text.append("        ").append(reason).append('\n'));
        }
        var collisions = new LinkedHashMap<String, List<Adoption.Collision>>();
        report.collisions().forEach(c -> collisions.computeIfAbsent(c.urn(), k -> new ArrayList<>()).add(c));
        for (var urn : report.create()) {
            text.append("    + ").append(urn).append('\n');
            for (var c : collisions.getOrDefault(urn, List.of())) {
                text.append("        exists already as ").append(c.stateUrn()).append(" (").append(c.identity())
                        .append("): it would be created twice\n");
            }
        }
        for (var urn : report.delete()) {
            text.append("    - ").append(urn).append('\n');
            var hint = report.hints().get(urn);
            if (hint != null) {
                text.append("        ").append(hint).append('\n');
            }
        }
        text.append("\nResources: ").append(report.matched().size() - report.replace().size()).append(" matched, ")
                .append(report.create().size()).append(" to create, ")
                .append(report.replace().size()).append(" to replace, ")
                .append(report.delete().size()).append(" to delete");
        if (!report.collisions().isEmpty()) {
            text.append(", ").append(report.collisions().size()).append(" created twice");
        }
        text.append('\n');
        text.append(report.safe()
                ? "Nothing that exists would be deleted, replaced or created twice.\n"
                : "Not safe to adopt: resources that exist would be deleted, replaced or created twice.\n");
        return text.toString();
    }
}
