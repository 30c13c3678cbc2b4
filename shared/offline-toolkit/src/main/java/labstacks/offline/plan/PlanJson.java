package labstacks.offline.plan;

import com.google.gson.GsonBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The plan as JSON, in the form downstream tools read ({@code version}, {@code project}, {@code stack},
 * {@code program}, {@code resources}, {@code outputs}, {@code packages}). Its contract is the JSON Schema
 * {@link #SCHEMA_RESOURCE}: every reference between resources ({@code urn}, {@code parent},
 * {@code provider}, {@code dependsOn}, {@code aliases}) is a full URN in the engine's form, so the tree and
 * the dependency graph can be rebuilt from the file alone. Secrets are written as {@code "[secret]"}; the
 * keys of input maps are sorted, so two runs of the same plan give the same bytes.
 */
public final class PlanJson {

    public static final String SECRET = "[secret]";
    public static final String UNKNOWN = "[unknown]";

    /**
     * The format's version: raised when a field changes meaning or goes away, so a reader can refuse a
     * file it does not understand. 1: references are URNs (before it, bare names and no version field).
     */
    public static final int VERSION = 1;

    /** The JSON Schema of a plan document, on the class path (and in the repository beside this class). */
    public static final String SCHEMA_RESOURCE = "/labstacks/offline/plan/plan.schema.json";

    private PlanJson() {}

    /** One plan, as an object. */
    public static String write(Plan plan) {
        return json(document(plan));
    }

    /**
     * The entry of a stack whose settings or program failed: the plan's keys, with nothing planned and
     * {@code errors} saying why, so every requested stack has its entry.
     */
    public static Map<String, Object> failed(
            String project, String stack, String program, List<String> errors) {
        return document(
                new Plan(
                        project, stack, program, List.of(), Map.of(), List.of(), List.of(),
                        errors));
    }

    /**
     * JSON documents as every command writes them: pretty-printed, nulls kept, no HTML escaping, a final
     * newline. Plan documents ({@link #document}, {@link #failed}): one object, or an array of them.
     */
    public static String json(Object document) {
        return new GsonBuilder()
                        .setPrettyPrinting()
                        .serializeNulls()
                        .disableHtmlEscaping()
                        .create()
                        .toJson(document)
                + "\n";
    }

    public static Map<String, Object> document(Plan plan) {
        var document = new LinkedHashMap<String, Object>();
        document.put("version", VERSION);
        document.put("project", plan.project());
        document.put("stack", plan.stack());
        document.put("program", plan.program());
        document.put("targets", plan.targets());
        var resources = new ArrayList<Object>();
        for (var resource : plan.resources()) {
            var entry = new LinkedHashMap<String, Object>();
            entry.put("type", resource.type());
            entry.put("name", resource.name());
            entry.put("urn", resource.urn());
            entry.put("operation", resource.operation());
            entry.put("parent", resource.parentUrn());
            entry.put("provider", resource.providerUrn());
            entry.put("inputs", plain(resource.inputs()));
            if (!resource.outputs().isEmpty()) {
                entry.put("outputs", plain(resource.outputs()));
            }
            entry.put("protect", resource.protect());
            entry.put("importId", resource.importId());
            entry.put("ignoreChanges", resource.ignoreChanges());
            entry.put("dependsOn", resource.dependencies());
            entry.put("deleteBeforeReplace", resource.deleteBeforeReplace());
            entry.put("retainOnDelete", resource.retainOnDelete());
            entry.put("additionalSecretOutputs", resource.additionalSecretOutputs());
            entry.put("replaceOnChanges", resource.replaceOnChanges());
            entry.put("customTimeouts", resource.customTimeouts());
            entry.put("aliases", resource.aliases());
            resources.add(entry);
        }
        document.put("resources", resources);
        document.put("outputs", plain(plan.outputs()));
        var packages = new ArrayList<Object>();
        for (var pkg : plan.packages()) {
            var entry = new LinkedHashMap<String, Object>();
            entry.put("name", pkg.name());
            entry.put("version", pkg.version());
            if (pkg.parameterization() == null) {
                entry.put("parameterization", null);
            } else {
                var parameterization = new LinkedHashMap<String, Object>();
                parameterization.put("baseProvider", pkg.parameterization().baseProvider());
                parameterization.put("baseVersion", pkg.parameterization().baseVersion());
                parameterization.put("value", pkg.parameterization().value());
                entry.put("parameterization", parameterization);
            }
            packages.add(entry);
        }
        document.put("packages", packages);
        document.put("warnings", plan.warnings());
        document.put("errors", plan.errors());
        return document;
    }

    /** A converted engine value with secrets and unknowns replaced by their markers. */
    static Object plain(Object value) {
        if (value instanceof PlanValues.Secret) {
            return SECRET;
        }
        if (value instanceof PlanValues.Unknown) {
            return UNKNOWN;
        }
        if (value instanceof PlanValues.ResourceReference reference) {
            var map = new LinkedHashMap<String, Object>();
            map.put("urn", reference.urn());
            map.put("id", reference.id());
            return map;
        }
        if (value instanceof Map<?, ?> map) {
            var result = new TreeMap<String, Object>();
            map.forEach((k, v) -> result.put(String.valueOf(k), plain(v)));
            return result;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(PlanJson::plain).toList();
        }
        return value;
    }
}
