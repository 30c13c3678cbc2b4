package labstacks.offline.adopt;

import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.MalformedJsonException;
import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import labstacks.shared.program.Urns;

/**
 * A {@code pulumi stack export} file (deployment version 3): the resources of one stack as the engine
 * keeps them. Only what adoption needs is read: URN, type, id, import id, parent, provider, protect,
 * inputs, outputs, and the operations an interrupted update left pending.
 *
 * <p>The file is streamed, never held whole, and what it may hold is bounded so that a hostile or broken
 * export ends in one error naming the file and the field, within the launcher's heap: at most
 * {@link #MAX_BYTES} bytes, {@link #MAX_DEPTH} levels of nesting and {@link #MAX_VALUES} values.
 *
 * @param file      where it was read from
 * @param stack     the stack all its URNs name
 * @param project   the project all its URNs name
 * @param resources the resources in state order
 * @param pending   operations the engine started and never finished ({@code deployment.pending_operations})
 */
public record StateExport(
        Path file,
        String stack,
        String project,
        List<StateResource> resources,
        List<PendingOperation> pending) {

    /**
     * The marker key Pulumi writes for a secret value in an export
     * (pulumi/pulumi {@code sdk/go/common/resource/sig/sig.go}: {@code Key} and {@code Secret}).
     */
    static final String SIGNATURE_KEY = "4dabf18193072939515e22adb298388d";

    static final String SECRET_SIGNATURE = "1b47061264138c4ac30d75fd1eb44270";

    /** Exports of large stacks reach tens of MB; the launcher runs with a 384 MB heap (launcher/jvm.options). */
    public static final long MAX_BYTES = 64L * 1024 * 1024;

    /** Real inputs nest a dozen levels; far deeper is a broken or hostile file. */
    public static final int MAX_DEPTH = 128;

    /** About 100 bytes of heap each: far more than a stack of thousands of resources holds. */
    public static final int MAX_VALUES = 1_500_000;

    /**
     * A value that was secret in the export and is there only as ciphertext
     * ({@code pulumi stack export} without {@code --show-secrets}): it cannot be compared.
     */
    public enum Secret {
        VALUE
    }

    /**
     * A secret the export holds in plain text ({@code pulumi stack export --show-secrets} writes
     * {@code "plaintext"} with the value as JSON text instead of {@code "ciphertext"}): it can be compared.
     */
    public record Revealed(Object value) {
        @Override
        public String toString() {
            return "[secret]";
        }
    }

    /** One resource of the export. */
    public record StateResource(
            String urn,
            String type,
            boolean custom,
            String id,
            String importId,
            String parent,
            String provider,
            boolean protect,
            Map<String, Object> inputs,
            Map<String, Object> outputs) {}

    /** An operation the engine began and did not finish: the object may or may not exist. */
    public record PendingOperation(String type, String urn) {}

    /** A file that is not a readable deployment-v3 export of one stack. */
    public static final class InvalidExportException extends Exception {
        public InvalidExportException(Path file, String problem) {
            super(
                    file
                            + ": "
                            + problem
                            + " (expected the output of `pulumi stack export --file FILE`, deployment version 3)");
        }
    }

    public static StateExport read(Path file) throws InvalidExportException {
        if (file.toString().equals("-")) {
            throw new InvalidExportException(
                    file,
                    "adopt reads a file, not standard input; write the export with "
                            + "`pulumi stack export --file FILE` and give that FILE");
        }
        if (Files.isDirectory(file)) {
            throw new InvalidExportException(file, "is a directory, not a file");
        }
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new InvalidExportException(file, "no such file");
        } catch (IOException e) {
            throw new InvalidExportException(file, "cannot read it: " + reason(e));
        }
        if (size > MAX_BYTES) {
            throw new InvalidExportException(
                    file,
                    "is "
                            + size / (1024 * 1024)
                            + " MB; adopt reads exports of up to "
                            + MAX_BYTES / (1024 * 1024)
                            + " MB");
        }
        var decoder =
                StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT);
        try (var stream = Files.newInputStream(file);
                var reader =
                        new BufferedReader(new InputStreamReader(stream, decoder), 64 * 1024)) {
            skipByteOrderMark(reader);
            return new Parser(file, new JsonReader(reader)).export();
        } catch (CharacterCodingException e) {
            throw new InvalidExportException(file, "not UTF-8 text");
        } catch (MalformedJsonException
                | EOFException
                | IllegalStateException
                | NumberFormatException e) {
            throw new InvalidExportException(file, "not JSON: " + jsonProblem(e));
        } catch (AccessDeniedException e) {
            throw new InvalidExportException(file, "cannot read it: permission denied");
        } catch (IOException e) {
            throw new InvalidExportException(file, "cannot read it: " + reason(e));
        }
    }

    private static void skipByteOrderMark(Reader reader) throws IOException {
        reader.mark(1);
        if (reader.read() != '\uFEFF') {
            reader.reset();
        }
    }

    private static String reason(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** Gson's words without the Java class names. */
    private static String jsonProblem(Exception e) {
        if (e instanceof EOFException) {
            return "the file ends in the middle of a value";
        }
        var message = e.getMessage() == null ? "malformed" : e.getMessage();
        var see = message.indexOf("\nSee ");
        return see < 0 ? message : message.substring(0, see);
    }

    /** One pass over the JSON tokens; the bounds are checked as the values are read. */
    private static final class Parser {
        private final Path file;
        private final JsonReader json;
        private final Map<String, String> keys = new HashMap<>();
        private int values;

        Parser(Path file, JsonReader json) {
            this.file = file;
            this.json = json;
        }

        StateExport export() throws IOException, InvalidExportException {
            if (json.peek() != JsonToken.BEGIN_OBJECT) {
                throw new InvalidExportException(file, "not a JSON object");
            }
            json.beginObject();
            BigDecimal version = null;
            boolean sawVersion = false;
            Deployment deployment = null;
            // A plan file has a version too (labstacks.offline.plan.PlanJson.VERSION), beside these
            // two keys.
            boolean planKeys = false;
            while (json.hasNext()) {
                var name = json.nextName();
                switch (name) {
                    case "version" -> {
                        if (sawVersion) {
                            throw new InvalidExportException(file, "\"version\" appears twice");
                        }
                        sawVersion = true;
                        if (json.peek() != JsonToken.NUMBER) {
                            throw new InvalidExportException(
                                    file,
                                    "\"version\" is "
                                            + describe(json.peek())
                                            + ", not the number 3");
                        }
                        version = new BigDecimal(boundedNumber("version"));
                    }
                    case "deployment" -> {
                        if (deployment != null) {
                            throw new InvalidExportException(file, "\"deployment\" appears twice");
                        }
                        if (json.peek() != JsonToken.BEGIN_OBJECT) {
                            throw new InvalidExportException(
                                    file,
                                    "\"deployment\" is "
                                            + describe(json.peek())
                                            + ", not an object");
                        }
                        deployment = deployment();
                    }
                    case "program" -> {
                        planKeys = true;
                        json.skipValue();
                    }
                    default -> json.skipValue();
                }
            }
            json.endObject();
            if (json.peek() != JsonToken.END_DOCUMENT) {
                throw new InvalidExportException(file, "more than one JSON value");
            }
            if (planKeys && deployment == null) {
                throw new InvalidExportException(
                        file,
                        "this is a labstacks plan (./labstacks plan --json), not a Pulumi"
                                + " stack export");
            }
            if (!sawVersion) {
                throw new InvalidExportException(file, "no \"version\"; not a Pulumi stack export");
            }
            if (!version.toPlainString().equals("3")) {
                throw new InvalidExportException(
                        file, "deployment version " + version.toPlainString() + ", not 3");
            }
            if (deployment == null) {
                throw new InvalidExportException(file, "no \"deployment\" object");
            }
            if (deployment.resources.isEmpty()) {
                throw new InvalidExportException(file, "it holds no resources");
            }
            var first = Urns.parse(deployment.resources.get(0).urn());
            return new StateExport(
                    file,
                    first.stack(),
                    first.project(),
                    List.copyOf(deployment.resources),
                    List.copyOf(deployment.pending));
        }

        private record Deployment(List<StateResource> resources, List<PendingOperation> pending) {}

        private Deployment deployment() throws IOException, InvalidExportException {
            var resources = new ArrayList<StateResource>();
            var pending = new ArrayList<PendingOperation>();
            json.beginObject();
            boolean sawResources = false;
            while (json.hasNext()) {
                var name = json.nextName();
                if (name.equals("resources")) {
                    if (sawResources) {
                        throw new InvalidExportException(
                                file, "\"deployment.resources\" appears twice");
                    }
                    sawResources = true;
                    if (json.peek() == JsonToken.NULL) {
                        json.nextNull();
                        continue;
                    }
                    if (json.peek() != JsonToken.BEGIN_ARRAY) {
                        throw new InvalidExportException(
                                file, "\"deployment.resources\" is not a list");
                    }
                    resources(resources);
                } else if (name.equals("pending_operations")) {
                    if (json.peek() == JsonToken.NULL) {
                        json.nextNull();
                        continue;
                    }
                    if (json.peek() != JsonToken.BEGIN_ARRAY) {
                        throw new InvalidExportException(
                                file, "\"deployment.pending_operations\" is not a list");
                    }
                    pendingOperations(pending);
                } else {
                    json.skipValue();
                }
            }
            json.endObject();
            return new Deployment(resources, pending);
        }

        private void resources(List<StateResource> resources)
                throws IOException, InvalidExportException {
            json.beginArray();
            String stack = null;
            String project = null;
            var seen = new HashMap<String, Integer>();
            int index = 0;
            while (json.hasNext()) {
                var where = "deployment.resources[" + index + "]";
                if (json.peek() != JsonToken.BEGIN_OBJECT) {
                    throw new InvalidExportException(file, where + " is not an object");
                }
                var resource = resource(where);
                Urns.Parts parts;
                try {
                    parts = Urns.parse(resource.urn());
                } catch (IllegalArgumentException e) {
                    throw new InvalidExportException(file, where + ": " + e.getMessage());
                }
                if (parts.name().isEmpty() || parts.name().contains("::")) {
                    throw new InvalidExportException(
                            file,
                            where
                                    + ": the URN "
                                    + resource.urn()
                                    + " has "
                                    + (parts.name().isEmpty()
                                            ? "an empty name"
                                            : "'::' in its name"));
                }
                if (!parts.type().equals(resource.type())) {
                    throw new InvalidExportException(
                            file,
                            where
                                    + ": type "
                                    + resource.type()
                                    + " does not match its URN "
                                    + resource.urn());
                }
                if (stack == null) {
                    stack = parts.stack();
                    project = parts.project();
                } else if (!stack.equals(parts.stack()) || !project.equals(parts.project())) {
                    throw new InvalidExportException(
                            file,
                            "it mixes stacks: "
                                    + project
                                    + "/"
                                    + stack
                                    + " and "
                                    + parts.project()
                                    + "/"
                                    + parts.stack()
                                    + " ("
                                    + resource.urn()
                                    + ")");
                }
                var earlier = seen.putIfAbsent(resource.urn(), index);
                if (earlier != null) {
                    throw new InvalidExportException(
                            file,
                            where
                                    + ": the URN "
                                    + resource.urn()
                                    + " is also deployment.resources["
                                    + earlier
                                    + "]; a state holds each resource once");
                }
                resources.add(resource);
                index++;
            }
            json.endArray();
        }

        private StateResource resource(String where) throws IOException, InvalidExportException {
            json.beginObject();
            String urn = null;
            String type = null;
            String id = null;
            String importId = null;
            String parent = null;
            String provider = null;
            boolean custom = false;
            boolean protect = false;
            Map<String, Object> inputs = Map.of();
            Map<String, Object> outputs = Map.of();
            while (json.hasNext()) {
                var name = json.nextName();
                var field = where + "." + name;
                switch (name) {
                    case "urn" -> urn = text(field);
                    case "type" -> type = text(field);
                    case "id" -> id = text(field);
                    case "importID" -> importId = text(field);
                    case "parent" -> parent = text(field);
                    case "provider" -> provider = text(field);
                    case "custom" -> custom = flag(field);
                    case "protect" -> protect = flag(field);
                    case "delete", "external", "retainOnDelete" -> flag(field);
                    case "inputs" -> inputs = object(field);
                    case "outputs" -> outputs = object(field);
                    default -> json.skipValue();
                }
            }
            json.endObject();
            if (urn == null || type == null) {
                throw new InvalidExportException(file, where + " has no \"urn\" or \"type\"");
            }
            return new StateResource(
                    urn, type, custom, id, importId, parent, provider, protect, inputs, outputs);
        }

        private void pendingOperations(List<PendingOperation> pending)
                throws IOException, InvalidExportException {
            json.beginArray();
            int index = 0;
            while (json.hasNext()) {
                var where = "deployment.pending_operations[" + index++ + "]";
                if (json.peek() != JsonToken.BEGIN_OBJECT) {
                    throw new InvalidExportException(file, where + " is not an object");
                }
                json.beginObject();
                String type = null;
                String urn = null;
                while (json.hasNext()) {
                    var name = json.nextName();
                    if (name.equals("type")) {
                        type = text(where + ".type");
                    } else if (name.equals("resource") && json.peek() == JsonToken.BEGIN_OBJECT) {
                        json.beginObject();
                        while (json.hasNext()) {
                            if (json.nextName().equals("urn")) {
                                urn = text(where + ".resource.urn");
                            } else {
                                json.skipValue();
                            }
                        }
                        json.endObject();
                    } else {
                        json.skipValue();
                    }
                }
                json.endObject();
                if (urn == null) {
                    throw new InvalidExportException(
                            file, where + " names no resource (\"resource.urn\")");
                }
                pending.add(new PendingOperation(type == null ? "unknown" : type, urn));
            }
            json.endArray();
        }

        private String text(String field) throws IOException, InvalidExportException {
            var token = json.peek();
            if (token == JsonToken.NULL) {
                json.nextNull();
                return null;
            }
            if (token != JsonToken.STRING) {
                throw new InvalidExportException(
                        file, field + " is " + describe(token) + ", not text");
            }
            count(field);
            return json.nextString();
        }

        private boolean flag(String field) throws IOException, InvalidExportException {
            var token = json.peek();
            if (token == JsonToken.NULL) {
                json.nextNull();
                return false;
            }
            if (token != JsonToken.BOOLEAN) {
                throw new InvalidExportException(
                        file, field + " is " + describe(token) + ", not true or false");
            }
            return json.nextBoolean();
        }

        private Map<String, Object> object(String field)
                throws IOException, InvalidExportException {
            var token = json.peek();
            if (token == JsonToken.NULL) {
                json.nextNull();
                return Map.of();
            }
            if (token != JsonToken.BEGIN_OBJECT) {
                throw new InvalidExportException(
                        file, field + " is " + describe(token) + ", not an object");
            }
            var value = value(field, 1);
            if (value instanceof Map<?, ?> map) {
                @SuppressWarnings("unchecked")
                var properties = (Map<String, Object>) map;
                return properties;
            }
            // A secret wrapped around the whole property bag: nothing in it can be compared.
            return Map.of();
        }

        /** A value; recursion is bounded by {@link #MAX_DEPTH}, so the Java stack is too. */
        private Object value(String field, int depth) throws IOException, InvalidExportException {
            if (depth > MAX_DEPTH) {
                throw new InvalidExportException(
                        file, field + ": nested deeper than " + MAX_DEPTH + " levels");
            }
            count(field);
            switch (json.peek()) {
                case BEGIN_OBJECT -> {
                    json.beginObject();
                    var map = new LinkedHashMap<String, Object>();
                    while (json.hasNext()) {
                        var key = intern(json.nextName());
                        map.put(key, value(depth < 4 ? field + "." + key : field, depth + 1));
                    }
                    json.endObject();
                    return secretOrMap(field, map);
                }
                case BEGIN_ARRAY -> {
                    json.beginArray();
                    var list = new ArrayList<Object>();
                    while (json.hasNext()) {
                        list.add(value(field, depth + 1));
                    }
                    json.endArray();
                    list.trimToSize();
                    return list;
                }
                case STRING -> {
                    return json.nextString();
                }
                case NUMBER -> {
                    return new BigDecimal(boundedNumber(field));
                }
                case BOOLEAN -> {
                    return json.nextBoolean();
                }
                case NULL -> {
                    json.nextNull();
                    return null;
                }
                default ->
                        throw new InvalidExportException(
                                file, field + ": unexpected " + describe(json.peek()));
            }
        }

        private Object secretOrMap(String field, Map<String, Object> map)
                throws InvalidExportException {
            if (!SECRET_SIGNATURE.equals(map.get(SIGNATURE_KEY))) {
                return map;
            }
            if (map.get("plaintext") instanceof String plaintext) {
                try (var reader = new JsonReader(new StringReader(plaintext))) {
                    var inner = new Parser(file, reader);
                    inner.values = values;
                    var value = inner.value(field + " (secret plaintext)", 1);
                    values = inner.values;
                    return new Revealed(value);
                } catch (IOException | IllegalStateException | NumberFormatException e) {
                    throw new InvalidExportException(
                            file, field + ": the secret's plaintext is not JSON");
                }
            }
            return Secret.VALUE;
        }

        private String boundedNumber(String field) throws IOException, InvalidExportException {
            var text = json.nextString();
            if (text.length() > 64) {
                throw new InvalidExportException(
                        file, field + ": a number of " + text.length() + " digits");
            }
            return text;
        }

        private void count(String field) throws InvalidExportException {
            if (++values > MAX_VALUES) {
                throw new InvalidExportException(
                        file,
                        field
                                + ": more than "
                                + MAX_VALUES
                                + " values in the export; adopt reads exports up to that size");
            }
        }

        private String intern(String key) {
            var known = keys.putIfAbsent(key, key);
            return known == null ? key : known;
        }

        private static String describe(JsonToken token) {
            return switch (token) {
                case BEGIN_OBJECT -> "an object";
                case BEGIN_ARRAY -> "a list";
                case STRING -> "text";
                case NUMBER -> "a number";
                case BOOLEAN -> "true or false";
                case NULL -> "null";
                default -> "missing";
            };
        }
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
            renamed.add(
                    new StateResource(
                            rename(r.urn(), newProject, newStack),
                            r.type(),
                            r.custom(),
                            r.id(),
                            r.importId(),
                            r.parent() == null ? null : rename(r.parent(), newProject, newStack),
                            r.provider() == null
                                    ? null
                                    : renameReference(r.provider(), newProject, newStack),
                            r.protect(),
                            r.inputs(),
                            r.outputs()));
        }
        var renamedPending = new ArrayList<PendingOperation>();
        for (var p : pending) {
            String urn;
            try {
                urn = rename(p.urn(), newProject, newStack);
            } catch (IllegalArgumentException e) {
                urn = p.urn();
            }
            renamedPending.add(new PendingOperation(p.type(), urn));
        }
        return new StateExport(
                file, newStack, newProject, List.copyOf(renamed), List.copyOf(renamedPending));
    }

    static String rename(String urn, String newProject, String newStack) {
        var parts = Urns.parse(urn);
        var name =
                parts.qualifiedType().equals(Urns.ROOT_STACK_TYPE)
                        ? newProject + "-" + newStack
                        : parts.name();
        return new Urns.Parts(newStack, newProject, parts.qualifiedType(), name).urn();
    }

    /** A provider reference is {@code <urn>::<id>}. */
    static String renameReference(String reference, String newProject, String newStack) {
        var index = reference.lastIndexOf("::");
        if (index < 0) {
            return reference;
        }
        try {
            return rename(reference.substring(0, index), newProject, newStack)
                    + reference.substring(index);
        } catch (IllegalArgumentException e) {
            return reference;
        }
    }
}
