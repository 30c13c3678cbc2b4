package labstacks.offline.adopt;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import labstacks.shared.program.Urns;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code pulumi stack export} file (deployment version 3): the resources of one stack as the engine
 * keeps them. Only what adoption needs is read: URN, type, id, parent, inputs, outputs and protect.
 *
 * @param file      where it was read from
 * @param stack     the stack all its URNs name
 * @param project   the project all its URNs name
 * @param resources the resources in state order
 */
public record StateExport(Path file, String stack, String project, List<StateResource> resources) {

    /**
     * The marker key Pulumi writes for a secret value in an export
     * (pulumi/pulumi {@code sdk/go/common/resource/sig/sig.go}: {@code Key} and {@code Secret}).
     */
    static final String SIGNATURE_KEY = "4dabf18193072939515e22adb298388d";
    static final String SECRET_SIGNATURE = "1b47061264138c4ac30d75fd1eb44270";

    /** A value that was secret in the export (its ciphertext is never read). */
    public enum Secret { VALUE }

    /** One resource of the export. */
    public record StateResource(String urn, String type, boolean custom, String id, String parent, String provider,
                                boolean protect, Map<String, Object> inputs, Map<String, Object> outputs) {
    }

    /** A file that is not a readable deployment-v3 export of one stack. */
    public static final class InvalidExportException extends Exception {
        public InvalidExportException(Path file, String problem) {
            super(file + ": " + problem + " (expected the output of `pulumi stack export --file FILE`, deployment version 3)");
        }
    }

    public static StateExport read(Path file) throws InvalidExportException {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new InvalidExportException(file, "cannot read it: " + e.getMessage());
        }
        JsonElement root;
        try {
            root = JsonParser.parseString(text);
        } catch (JsonParseException e) {
            throw new InvalidExportException(file, "not JSON: " + e.getMessage());
        }
        if (!root.isJsonObject()) {
            throw new InvalidExportException(file, "not a JSON object");
        }
        var object = root.getAsJsonObject();
        if (!object.has("version") || !object.get("version").isJsonPrimitive()) {
            throw new InvalidExportException(file, "no \"version\"; not a Pulumi stack export");
        }
        var version = object.get("version").getAsString();
        if (object.has("resources") && object.has("program")) {
            // A plan file has a version too (labstacks.offline.plan.PlanJson.VERSION): say what it is.
            throw new InvalidExportException(file, "this is a labstacks plan (./labstacks plan --json), not a Pulumi"
                    + " stack export");
        }
        if (!version.equals("3")) {
            throw new InvalidExportException(file, "deployment version " + version + ", not 3");
        }
        if (!object.has("deployment") || !object.get("deployment").isJsonObject()) {
            throw new InvalidExportException(file, "no \"deployment\" object");
        }
        var deployment = object.getAsJsonObject("deployment");
        var resources = new ArrayList<StateResource>();
        String stack = null;
        String project = null;
        if (deployment.has("resources") && !deployment.get("resources").isJsonNull()) {
            if (!deployment.get("resources").isJsonArray()) {
                throw new InvalidExportException(file, "\"deployment.resources\" is not a list");
            }
            int index = 0;
            for (var element : deployment.getAsJsonArray("resources")) {
                var where = "deployment.resources[" + index++ + "]";
                if (!element.isJsonObject()) {
                    throw new InvalidExportException(file, where + " is not an object");
                }
                var resource = element.getAsJsonObject();
                var urn = string(resource, "urn");
                var type = string(resource, "type");
                if (urn == null || type == null) {
                    throw new InvalidExportException(file, where + " has no \"urn\" or \"type\"");
                }
                Urns.Parts parts;
                try {
                    parts = Urns.parse(urn);
                } catch (IllegalArgumentException e) {
                    throw new InvalidExportException(file, where + ": " + e.getMessage());
                }
                if (!parts.type().equals(type)) {
                    throw new InvalidExportException(file, where + ": type " + type + " does not match its URN " + urn);
                }
                if (stack == null) {
                    stack = parts.stack();
                    project = parts.project();
                } else if (!stack.equals(parts.stack()) || !project.equals(parts.project())) {
                    throw new InvalidExportException(file, "it mixes stacks: " + project + "/" + stack + " and "
                            + parts.project() + "/" + parts.stack() + " (" + urn + ")");
                }
                resources.add(new StateResource(urn, type,
                        resource.has("custom") && resource.get("custom").getAsBoolean(),
                        string(resource, "id"), string(resource, "parent"), string(resource, "provider"),
                        resource.has("protect") && resource.get("protect").getAsBoolean(),
                        map(resource.get("inputs")), map(resource.get("outputs"))));
            }
        }
        if (resources.isEmpty()) {
            throw new InvalidExportException(file, "it holds no resources");
        }
        return new StateExport(file, stack, project, List.copyOf(resources));
    }

    /**
     * The export as {@code pulumi stack rename <project>/<stack>} leaves it: every URN (and parent) moved
     * to the new project and stack, and the root stack resource renamed to {@code <project>-<stack>}
     * (pulumi/pulumi {@code pkg/resource/edit/operations.go}, {@code RenameStack}). Parent types and
     * logical names stay as they were.
     */
    public StateExport renamedTo(String newProject, String newStack) {
        var renamed = new ArrayList<StateResource>();
        for (var r : resources) {
            renamed.add(new StateResource(rename(r.urn(), newProject, newStack), r.type(), r.custom(), r.id(),
                    r.parent() == null ? null : rename(r.parent(), newProject, newStack),
                    r.provider() == null ? null : renameReference(r.provider(), newProject, newStack),
                    r.protect(), r.inputs(), r.outputs()));
        }
        return new StateExport(file, newStack, newProject, List.copyOf(renamed));
    }

    static String rename(String urn, String newProject, String newStack) {
        var parts = Urns.parse(urn);
        var name = parts.qualifiedType().equals(Urns.ROOT_STACK_TYPE) ? newProject + "-" + newStack : parts.name();
        return new Urns.Parts(newStack, newProject, parts.qualifiedType(), name).urn();
    }

    /** A provider reference is {@code <urn>::<id>}. */
    private static String renameReference(String reference, String newProject, String newStack) {
        var index = reference.lastIndexOf("::");
        if (index < 0) {
            return reference;
        }
        try {
            return rename(reference.substring(0, index), newProject, newStack) + reference.substring(index);
        } catch (IllegalArgumentException e) {
            return reference;
        }
    }

    private static String string(JsonObject object, String key) {
        var value = object.get(key);
        return value == null || value.isJsonNull() || !value.isJsonPrimitive() ? null : value.getAsString();
    }

    private static Map<String, Object> map(JsonElement element) {
        if (element == null || !element.isJsonObject()) {
            return Map.of();
        }
        @SuppressWarnings("unchecked")
        var map = (Map<String, Object>) value(element);
        return map;
    }

    private static Object value(JsonElement element) {
        if (element == null || element.isJsonNull()) {
            return null;
        }
        if (element.isJsonObject()) {
            var object = element.getAsJsonObject();
            var signature = object.get(SIGNATURE_KEY);
            if (signature != null && signature.isJsonPrimitive() && signature.getAsString().equals(SECRET_SIGNATURE)) {
                return Secret.VALUE;
            }
            var map = new LinkedHashMap<String, Object>();
            object.entrySet().forEach(e -> map.put(e.getKey(), value(e.getValue())));
            return map;
        }
        if (element.isJsonArray()) {
            var list = new ArrayList<Object>();
            element.getAsJsonArray().forEach(e -> list.add(value(e)));
            return list;
        }
        var primitive = element.getAsJsonPrimitive();
        if (primitive.isBoolean()) {
            return primitive.getAsBoolean();
        }
        if (primitive.isNumber()) {
            return primitive.getAsBigDecimal();
        }
        return primitive.getAsString();
    }
}
