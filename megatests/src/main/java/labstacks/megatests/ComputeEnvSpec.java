package labstacks.megatests;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One compute environment's settings, read from its spec file (the {@code tw compute-envs export}
 * format the project keeps them in). Unknown fields are errors, so a typo cannot silently fall back.
 */
public record ComputeEnvSpec(
        String region,
        String workDir,
        boolean waveEnabled,
        boolean fusion2Enabled,
        boolean nvmeStorageEnabled,
        boolean fusionSnapshots,
        Forge forge) {

    /** The Batch Forge settings. */
    public record Forge(String type, int minCpus, int maxCpus, boolean gpuEnabled, List<String> instanceTypes,
                        List<String> subnets, List<String> securityGroups, boolean disposeOnDeletion,
                        List<String> allowBuckets, boolean efsCreate, int ebsBootSize, boolean fargateHeadEnabled,
                        boolean arm64Enabled) {
        public Forge {
            instanceTypes = List.copyOf(instanceTypes);
            subnets = List.copyOf(subnets);
            securityGroups = List.copyOf(securityGroups);
            allowBuckets = List.copyOf(allowBuckets);
        }
    }

    /** Export fields the platform fills in or this project does not use. */
    private static final Set<String> IGNORED = Set.of("discriminator", "environment", "labels", "nextflowConfig");
    private static final Set<String> TOP = Set.of("region", "workDir", "waveEnabled", "fusion2Enabled",
            "nvnmeStorageEnabled", "fusionSnapshots", "forge");
    private static final Set<String> FORGE = Set.of("type", "minCpus", "maxCpus", "gpuEnabled", "instanceTypes", "subnets",
            "securityGroups", "disposeOnDeletion", "allowBuckets", "efsCreate", "ebsBootSize", "fargateHeadEnabled",
            "arm64Enabled", "dragenEnabled");

    /** Reads a spec from the module's resources. */
    public static ComputeEnvSpec load(String resource) {
        try (InputStream stream = ComputeEnvSpec.class.getClassLoader().getResourceAsStream(resource)) {
            if (stream == null) {
                throw new SpecFileException(resource + ": compute environment spec file not found");
            }
            return parse(new String(stream.readAllBytes(), StandardCharsets.UTF_8), resource);
        } catch (IOException e) {
            throw new SpecFileException(resource + ": cannot be read: " + e.getMessage());
        }
    }

    static ComputeEnvSpec parse(String text, String file) {
        JsonElement root;
        try {
            root = JsonParser.parseString(text);
        } catch (JsonParseException e) {
            throw new SpecFileException(file + ": not valid JSON: " + e.getMessage());
        }
        if (!root.isJsonObject()) {
            throw new SpecFileException(file + ": the top level must be an object");
        }
        var json = root.getAsJsonObject();
        duplicateKeys(text, file);
        unknown(json, TOP, IGNORED, file, "");
        // The export names the platform; this project builds AWS Batch environments only.
        var discriminator = text(json, "discriminator", file, "", "aws-batch");
        if (!discriminator.equals("aws-batch")) {
            throw new SpecFileException(file + ": field 'discriminator' must be aws-batch (the only platform this"
                    + " program builds), got " + discriminator);
        }
        if (!json.has("region")) {
            throw new SpecFileException(file + ": field 'region' is missing; name the AWS region of the Batch environment");
        }
        var region = text(json, "region", file, "", null);
        labstacks.shared.validation.Vocabulary.awsRegion(region).ifPresent(rule -> {
            throw new SpecFileException(file + ": field 'region' is " + region + ": " + rule);
        });
        if (!json.has("forge") || !json.get("forge").isJsonObject()) {
            throw new SpecFileException(file + ": field 'forge' is missing or not an object");
        }
        var forge = json.getAsJsonObject("forge");
        unknown(forge, FORGE, Set.of(), file, "forge.");
        var type = text(forge, "type", file, "forge.", "SPOT");
        if (!Set.of("SPOT", "EC2").contains(type)) {
            throw new SpecFileException(file + ": field 'forge.type' must be SPOT or EC2, got " + type);
        }
        var workDir = text(json, "workDir", file, "", "s3://nf-core-awsmegatests");
        if (!workDir.startsWith("s3://")) {
            throw new SpecFileException(file + ": field 'workDir' must be an s3:// URI, got " + workDir);
        }
        var minCpus = number(forge, "minCpus", file, 0);
        var maxCpus = number(forge, "maxCpus", file, 1000);
        if (minCpus < 0 || maxCpus < 1 || minCpus > maxCpus) {
            throw new SpecFileException(file + ": fields 'forge.minCpus' and 'forge.maxCpus' must satisfy"
                    + " 0 <= minCpus <= maxCpus and maxCpus >= 1, got " + minCpus + " and " + maxCpus);
        }
        return new ComputeEnvSpec(
                region,
                workDir,
                bool(json, "waveEnabled", file, "", true),
                bool(json, "fusion2Enabled", file, "", true),
                bool(json, "nvnmeStorageEnabled", file, "", true),
                bool(json, "fusionSnapshots", file, "", true),
                new Forge(type, minCpus, maxCpus,
                        bool(forge, "gpuEnabled", file, "forge.", false),
                        list(forge, "instanceTypes", file),
                        list(forge, "subnets", file),
                        list(forge, "securityGroups", file),
                        bool(forge, "disposeOnDeletion", file, "forge.", true),
                        list(forge, "allowBuckets", file),
                        bool(forge, "efsCreate", file, "forge.", false),
                        number(forge, "ebsBootSize", file, 50),
                        bool(forge, "fargateHeadEnabled", file, "forge.", true),
                        bool(forge, "arm64Enabled", file, "forge.", false)));
    }

    /** Gson keeps the last of two equal keys; a spec that names a field twice is refused instead. */
    private static void duplicateKeys(String text, String file) {
        try (var reader = new com.google.gson.stream.JsonReader(new java.io.StringReader(text))) {
            duplicateKeys(reader, file, "");
        } catch (IOException e) {
            throw new SpecFileException(file + ": not valid JSON: " + e.getMessage());
        }
    }

    private static void duplicateKeys(com.google.gson.stream.JsonReader reader, String file, String prefix)
            throws IOException {
        switch (reader.peek()) {
            case BEGIN_OBJECT -> {
                reader.beginObject();
                var seen = new java.util.HashSet<String>();
                while (reader.hasNext()) {
                    var name = reader.nextName();
                    if (!seen.add(name)) {
                        throw new SpecFileException(file + ": field '" + prefix + name + "' is given twice; keep one");
                    }
                    duplicateKeys(reader, file, prefix + name + ".");
                }
                reader.endObject();
            }
            case BEGIN_ARRAY -> {
                reader.beginArray();
                while (reader.hasNext()) {
                    duplicateKeys(reader, file, prefix);
                }
                reader.endArray();
            }
            default -> reader.skipValue();
        }
    }

    private static void unknown(JsonObject json, Set<String> known, Set<String> ignored, String file, String prefix) {
        for (var key : json.keySet()) {
            if (!known.contains(key) && !ignored.contains(key)) {
                throw new SpecFileException(file + ": unknown field '" + prefix + key + "' (known: "
                        + String.join(", ", new java.util.TreeSet<>(known)) + ")");
            }
        }
    }

    private static String text(JsonObject json, String field, String file, String prefix, String fallback) {
        if (!json.has(field)) {
            return fallback;
        }
        var value = json.get(field);
        if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString() || value.getAsString().isBlank()) {
            throw new SpecFileException(file + ": field '" + prefix + field + "' must be non-empty text");
        }
        return value.getAsString();
    }

    private static boolean bool(JsonObject json, String field, String file, String prefix, boolean fallback) {
        if (!json.has(field)) {
            return fallback;
        }
        var value = json.get(field);
        if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isBoolean()) {
            throw new SpecFileException(file + ": field '" + prefix + field + "' must be true or false");
        }
        return value.getAsBoolean();
    }

    private static int number(JsonObject json, String field, String file, int fallback) {
        if (!json.has(field)) {
            return fallback;
        }
        var value = json.get(field);
        if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isNumber()) {
            throw new SpecFileException(file + ": field 'forge." + field + "' must be a whole number");
        }
        // getAsInt() would clamp 1e30 to a valid-looking number; the value must be an int exactly.
        try {
            return value.getAsBigDecimal().intValueExact();
        } catch (ArithmeticException e) {
            throw new SpecFileException(file + ": field 'forge." + field + "' must be a whole number from 0 to "
                    + Integer.MAX_VALUE + ", got " + value);
        }
    }

    private static List<String> list(JsonObject json, String field, String file) {
        if (!json.has(field)) {
            return List.of();
        }
        var value = json.get(field);
        if (!value.isJsonArray()) {
            throw new SpecFileException(file + ": field 'forge." + field + "' must be a list of text values");
        }
        var result = new ArrayList<String>();
        for (var element : value.getAsJsonArray()) {
            if (!element.isJsonPrimitive() || !element.getAsJsonPrimitive().isString()) {
                throw new SpecFileException(file + ": field 'forge." + field + "' must be a list of text values");
            }
            result.add(element.getAsString());
        }
        return List.copyOf(result);
    }
}
