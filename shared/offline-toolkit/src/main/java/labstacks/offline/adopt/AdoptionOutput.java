package labstacks.offline.adopt;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import labstacks.offline.plan.PlanJson;

/**
 * An adoption report as text (like a preview) and as the JSON {@code labstacks adopt --json} writes. The
 * JSON holds everything the text shows.
 */
public final class AdoptionOutput {

    private AdoptionOutput() {}

    /**
     * {@code {"stack","state","exportedAs","renamedFrom","safe","summary":{...},"matched":[{"urn","stateUrn","id"}],
     * "create":[urn],"import":[{"urn","importId"}],"accepted":[{"urn","why"}],"delete":[{"stateUrn","hint"}],
     * "replace":[{"urn","stateUrn","reasons":[...]}],"collisions":[{"urn","stateUrn","identity"}],
     * "uncompared":[{"urn","stateUrn","path","why"}],"pending":[{"type","urn"}],"warnings":[...]}}.
     *
     * @param exportedAs  {@code project/stack} the export's URNs name
     * @param renamedFrom the {@code --renamed-from} given, or null
     */
    public static String json(Adoption.Report report, String exportedAs, String renamedFrom) {
        var document = new LinkedHashMap<String, Object>();
        document.put("stack", report.stack());
        document.put("state", report.state());
        document.put("exportedAs", exportedAs);
        document.put("renamedFrom", renamedFrom);
        document.put("safe", report.safe());
        var summary = new LinkedHashMap<String, Object>();
        summary.put("matched", report.matched().size() - report.replace().size());
        summary.put("create", report.create().size());
        summary.put("import", report.imports().size());
        summary.put("accepted", report.accepted().size());
        summary.put("replace", report.replace().size());
        summary.put("delete", report.delete().size());
        summary.put("collisions", report.collisions().size());
        summary.put("uncompared", report.uncompared().size());
        summary.put("pending", report.pending().size());
        document.put("summary", summary);
        document.put(
                "matched",
                rows(
                        report.matched(),
                        m -> entry("urn", m.urn(), "stateUrn", m.stateUrn(), "id", m.id())));
        document.put("create", report.create());
        document.put(
                "import",
                rows(report.imports(), i -> entry("urn", i.urn(), "importId", i.importId())));
        document.put(
                "accepted", rows(report.accepted(), a -> entry("urn", a.urn(), "why", a.why())));
        document.put(
                "delete",
                rows(report.delete(), d -> entry("stateUrn", d, "hint", report.hints().get(d))));
        var replace = new ArrayList<Map<String, Object>>();
        for (var r : report.replace()) {
            var entry = new LinkedHashMap<String, Object>();
            entry.put("urn", r.urn());
            entry.put("stateUrn", r.stateUrn());
            entry.put("reasons", r.reasons());
            replace.add(entry);
        }
        document.put("replace", replace);
        document.put(
                "collisions",
                rows(
                        report.collisions(),
                        c ->
                                entry(
                                        "urn",
                                        c.urn(),
                                        "stateUrn",
                                        c.stateUrn(),
                                        "identity",
                                        c.identity())));
        document.put(
                "uncompared",
                rows(
                        report.uncompared(),
                        u ->
                                entry(
                                        "urn",
                                        u.urn(),
                                        "stateUrn",
                                        u.stateUrn(),
                                        "path",
                                        u.path(),
                                        "why",
                                        u.why())));
        document.put(
                "pending", rows(report.pending(), p -> entry("type", p.type(), "urn", p.urn())));
        document.put("warnings", report.warnings());
        return PlanJson.json(document);
    }

    private static <T> List<Map<String, Object>> rows(
            List<T> items, Function<T, Map<String, Object>> row) {
        return items.stream().map(row).toList();
    }

    private static Map<String, Object> entry(Object... keysAndValues) {
        var map = new LinkedHashMap<String, Object>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    public static String text(Adoption.Report report) {
        var text = new StringBuilder();
        text.append("Adopting ")
                .append(report.state())
                .append(" as stack ")
                .append(report.stack())
                .append(" (offline, nothing changes)\n\n");
        var replaced = new HashSet<String>();
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
        for (var u : report.uncompared()) {
            text.append("    ? ")
                    .append(u.urn())
                    .append("  cannot compare ")
                    .append(u.path())
                    .append('\n')
                    .append("        ")
                    .append(u.why())
                    .append('\n');
        }
        for (var i : report.imports()) {
            text.append("    = ")
                    .append(i.urn())
                    .append("  import id ")
                    .append(i.importId())
                    .append('\n');
        }
        for (var a : report.accepted()) {
            text.append("    + ")
                    .append(a.urn())
                    .append("  accepted: ")
                    .append(a.why())
                    .append('\n');
        }
        var collisions = new LinkedHashMap<String, List<Adoption.Collision>>();
        report.collisions()
                .forEach(c -> collisions.computeIfAbsent(c.urn(), k -> new ArrayList<>()).add(c));
        for (var urn : report.create()) {
            text.append("    + ")
                    .append(urn)
                    .append("  create: not in the state, no import id, not accepted\n");
            for (var c : collisions.getOrDefault(urn, List.of())) {
                text.append("        exists already as ")
                        .append(c.stateUrn())
                        .append(" (")
                        .append(c.identity())
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
        for (var p : report.pending()) {
            text.append("    ! ")
                    .append(p.urn())
                    .append("  pending operation: ")
                    .append(p.type())
                    .append(
                            " (interrupted: the object may or may not exist; run `pulumi refresh`, or `pulumi cancel`"
                                    + " and `pulumi stack export` again once it is resolved)\n");
        }
        for (var w : report.warnings()) {
            text.append("warning: ").append(w).append('\n');
        }
        text.append("\nResources: ")
                .append(report.matched().size() - report.replace().size())
                .append(" matched, ")
                .append(report.imports().size())
                .append(" to import, ")
                .append(report.accepted().size())
                .append(" accepted as new, ")
                .append(report.create().size())
                .append(" to create, ")
                .append(report.replace().size())
                .append(" to replace, ")
                .append(report.delete().size())
                .append(" to delete");
        if (!report.collisions().isEmpty()) {
            text.append(", ").append(report.collisions().size()).append(" created twice");
        }
        if (!report.uncompared().isEmpty()) {
            text.append(", ").append(report.uncompared().size()).append(" cannot compare");
        }
        if (!report.pending().isEmpty()) {
            text.append(", ").append(report.pending().size()).append(" pending");
        }
        text.append('\n');
        if (report.safe()) {
            text.append(
                    "Safe to adopt: every planned resource is matched, imported by id or accepted, and nothing"
                            + " that exists would be deleted or replaced.\n");
        } else {
            var why = new ArrayList<String>();
            if (!report.create().isEmpty()) {
                why.add(
                        report.create().size()
                                + " create(s) of something that may exist live: give it an import id,"
                                + " or --accept-create URN when it does not exist");
            }
            if (!report.replace().isEmpty()) {
                why.add(report.replace().size() + " replace(s)");
            }
            if (!report.delete().isEmpty()) {
                why.add(report.delete().size() + " delete(s)");
            }
            if (!report.collisions().isEmpty()) {
                why.add(report.collisions().size() + " created twice");
            }
            if (!report.uncompared().isEmpty()) {
                why.add(
                        report.uncompared().size()
                                + " replace-triggering value(s) that cannot be compared");
            }
            if (!report.pending().isEmpty()) {
                why.add(report.pending().size() + " interrupted operation(s)");
            }
            text.append("Not safe to adopt: ").append(String.join("; ", why)).append(".\n");
        }
        return text.toString();
    }
}
