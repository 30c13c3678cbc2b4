package labstacks.launcher;

import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import labstacks.offline.plan.OfflineRuntime;
import labstacks.offline.plan.Plan;
import labstacks.offline.plan.PlanValues;
import labstacks.shared.config.ProjectFiles;
import labstacks.shared.program.ProgramCatalog;

/**
 * The {@code pulumi stack export} (deployment version 3) that a {@code pulumi up} of a plan would leave:
 * each planned resource with its URN, type, parent, provider reference, id and its inputs as inputs and
 * outputs. What only the cloud knows (an unknown) becomes a live-looking value; secrets are written as
 * the engine writes them, ciphertext. Tests change one thing in it, or in the stack, and ask adopt.
 */
final class PlanExport {
    static final String SIG = "4dabf18193072939515e22adb298388d";
    static final String SECRET = "1b47061264138c4ac30d75fd1eb44270";

    final List<Map<String, Object>> resources;
    final List<Map<String, Object>> pending = new ArrayList<>();

    private PlanExport(List<Map<String, Object>> resources) {
        this.resources = resources;
    }

    /** The plan the launcher makes of {@code stack} in {@code root}. */
    static Plan plan(Path root, String stack) {
        try {
            var plan =
                    OfflineRuntime.plan(
                            ProgramCatalog.discover(),
                            ProjectFiles.open(root).read(stack, Map.of()));
            if (!plan.succeeded()) {
                throw new AssertionError("the plan of " + stack + " failed: " + plan.errors());
            }
            return plan;
        } catch (Exception e) {
            throw new AssertionError("cannot plan " + stack + ": " + e.getMessage(), e);
        }
    }

    static PlanExport of(Plan plan) {
        return of(plan, false);
    }

    /**
     * With {@code revealed}, secrets are written as {@code pulumi stack export --show-secrets} writes them
     * ({@code plaintext}, the value as JSON), which adopt can compare; otherwise as ciphertext, which it cannot.
     */
    static PlanExport of(Plan plan, boolean revealed) {
        var ids = new HashMap<String, String>();
        for (var r : plan.resources()) {
            ids.put(
                    r.urn(),
                    r.importId() != null
                            ? r.importId()
                            : r.id() != null ? r.id() : "live-id-" + r.name());
        }
        var resources = new ArrayList<Map<String, Object>>();
        for (var r : plan.resources()) {
            var entry = new LinkedHashMap<String, Object>();
            entry.put("urn", r.urn());
            entry.put("custom", r.custom());
            if (r.custom()) {
                entry.put("id", ids.get(r.urn()));
            }
            entry.put("type", r.type());
            if (r.importId() != null) {
                entry.put("importID", r.importId());
            }
            entry.put("inputs", live(r.inputs(), r.name(), revealed));
            entry.put("outputs", live(r.inputs(), r.name(), revealed));
            if (r.parentUrn() != null) {
                entry.put("parent", r.parentUrn());
            }
            if (r.protect()) {
                entry.put("protect", true);
            }
            if (r.providerUrn() != null) {
                entry.put("provider", r.providerUrn() + "::" + ids.get(r.providerUrn()));
            }
            resources.add(entry);
        }
        return new PlanExport(resources);
    }

    @SuppressWarnings("unchecked")
    private static Object live(Object value, String name, boolean revealed) {
        if (value instanceof PlanValues.Secret secret) {
            if (!revealed) {
                return ciphertext();
            }
            return new LinkedHashMap<>(
                    Map.of(
                            SIG,
                            SECRET,
                            "plaintext",
                            new GsonBuilder()
                                    .serializeNulls()
                                    .create()
                                    .toJson(live(secret.value(), name, true))));
        }
        if (value == PlanValues.Unknown.VALUE) {
            return "live-value-of-" + name;
        }
        if (value instanceof PlanValues.ResourceReference ref) {
            return ref.id();
        }
        if (value instanceof Map<?, ?> map) {
            var copy = new LinkedHashMap<String, Object>();
            ((Map<String, Object>) map).forEach((k, v) -> copy.put(k, live(v, name, revealed)));
            return copy;
        }
        if (value instanceof List<?> list) {
            return new ArrayList<>(list.stream().map(v -> live(v, name, revealed)).toList());
        }
        return value;
    }

    static Map<String, Object> ciphertext() {
        return new LinkedHashMap<>(Map.of(SIG, SECRET, "ciphertext", "v1:AAAAEXAMPLECIPHERTEXT"));
    }

    /** A secret as {@code pulumi stack export --show-secrets} writes it: the value as JSON text. */
    static Map<String, Object> plaintext(String value) {
        return new LinkedHashMap<>(Map.of(SIG, SECRET, "plaintext", "\"" + value + "\""));
    }

    /** The entry whose URN ends with {@code suffix} (exactly one). */
    Map<String, Object> entry(String suffix) {
        var found =
                resources.stream().filter(r -> r.get("urn").toString().endsWith(suffix)).toList();
        if (found.size() != 1) {
            throw new AssertionError(found.size() + " entries end with " + suffix);
        }
        return found.get(0);
    }

    /** Sets a value at a dotted path in the entry's inputs and outputs. */
    @SuppressWarnings("unchecked")
    PlanExport set(String suffix, String path, Object value) {
        var entry = entry(suffix);
        for (var side : List.of("inputs", "outputs")) {
            var current = (Map<String, Object>) entry.get(side);
            var parts = path.split("\\.");
            for (int i = 0; i < parts.length - 1; i++) {
                current =
                        (Map<String, Object>)
                                current.computeIfAbsent(
                                        parts[i], k -> new LinkedHashMap<String, Object>());
            }
            current.put(parts[parts.length - 1], value);
        }
        return this;
    }

    PlanExport remove(String suffix) {
        resources.remove(entry(suffix));
        return this;
    }

    /** The export with every URN moved to another project and stack, as before a {@code pulumi stack rename}. */
    PlanExport movedTo(String project, String stack, String fromProject, String fromStack) {
        var text =
                new GsonBuilder()
                        .create()
                        .toJson(resources)
                        .replace(
                                "urn:pulumi:" + fromStack + "::" + fromProject + "::",
                                "urn:pulumi:" + stack + "::" + project + "::");
        @SuppressWarnings("unchecked")
        var moved =
                (List<Map<String, Object>>) new GsonBuilder().create().fromJson(text, List.class);
        return new PlanExport(new ArrayList<>(moved));
    }

    Path write(Path file) {
        var deployment = new LinkedHashMap<String, Object>();
        deployment.put(
                "manifest",
                Map.of("time", "2026-12-01T10:00:00Z", "magic", "x", "version", "v3.231.0"));
        deployment.put("resources", resources);
        if (!pending.isEmpty()) {
            deployment.put("pending_operations", pending);
        }
        var document = new LinkedHashMap<String, Object>();
        document.put("version", 3);
        document.put("deployment", deployment);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(
                    file, new GsonBuilder().setPrettyPrinting().create().toJson(document));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
