package labstacks.shared.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StrictJsonTest {

    /** A spec shaped like the megatests compute-environment files: nested, with defaults and optionals. */
    record Spec(
            String region,
            Forge forge,
            Optional<String> note,
            @JsonProperty("work_dir") Optional<String> workDir,
            Map<String, String> labels) {}

    record Forge(String type, int minCpus, List<String> subnets, Boolean waveEnabled) {
        Forge {
            // A default: absent means true.
            waveEnabled = waveEnabled == null ? Boolean.TRUE : waveEnabled;
            if (minCpus < 0) {
                throw new IllegalArgumentException("minCpus must be 0 or more, got " + minCpus);
            }
        }
    }

    private static final String VALID =
            """
            {"region": "eu-west-1", "work_dir": "s3://b/work", "labels": {"team": "nf-core"},
             "forge": {"type": "SPOT", "minCpus": 4, "subnets": ["subnet-1", "subnet-2"]}}
            """;

    private static JsonFileException error(String json) {
        return assertThrows(
                JsonFileException.class, () -> StrictJson.read(json, "cpu.json", Spec.class));
    }

    @Test
    void aValidFileBindsWithItsDefaultsAndOptionals() {
        var spec = StrictJson.read(VALID, "cpu.json", Spec.class);
        assertEquals("eu-west-1", spec.region());
        assertEquals(Optional.of("s3://b/work"), spec.workDir());
        assertEquals(Optional.empty(), spec.note());
        assertEquals(new Forge("SPOT", 4, List.of("subnet-1", "subnet-2"), true), spec.forge());
        assertEquals(Map.of("team", "nf-core"), spec.labels());
    }

    @Test
    void anUnknownFieldIsNamedWithItsPathAndTheNearestKnownOne() {
        var e = error(VALID.replace("\"minCpus\"", "\"minCpu\""));
        assertEquals("cpu.json", e.file());
        assertEquals("forge.minCpu", e.path());
        assertEquals(
                "cpu.json: field 'forge.minCpu' is not a known field; did you mean 'minCpus'? "
                        + "known: minCpus, subnets, type, waveEnabled",
                e.getMessage());
        // A component's JSON name is its @JsonProperty, not the Java name.
        assertEquals("workDir", error(VALID.replace("\"work_dir\"", "\"workDir\"")).path());
    }

    @Test
    void aFieldGivenTwiceIsRefusedNotSilentlyOverwritten() {
        var e = error(VALID.replace("\"type\": \"SPOT\"", "\"type\": \"SPOT\", \"type\": \"EC2\""));
        assertEquals(
                "cpu.json: field 'forge.type' is given twice in one object; keep one",
                e.getMessage());
        var top =
                error(
                        VALID.replace(
                                "{\"region\": \"eu-west-1\",",
                                "{\"region\": \"eu-west-1\", \"region\": \"us-east-1\","));
        assertEquals("region", top.path());
        var inMap =
                error(
                        VALID.replace(
                                "{\"team\": \"nf-core\"}", "{\"team\": \"a\", \"team\": \"b\"}"));
        assertEquals("labels.team", inMap.path());
    }

    @Test
    void aMissingRequiredFieldIsNamedWithWhatItMustBe() {
        var region = error(VALID.replace("\"region\": \"eu-west-1\", ", ""));
        assertEquals("cpu.json: field 'region' is missing; it must be text", region.getMessage());
        var type = error(VALID.replace("\"type\": \"SPOT\", ", ""));
        assertEquals("forge.type", type.path());
        // A primitive cannot hold null: Jackson refuses it before the record exists.
        var minCpus = error(VALID.replace("\"minCpus\": 4, ", ""));
        assertEquals(
                "cpu.json: field 'forge.minCpus' is missing or null; it must be a whole number",
                minCpus.getMessage());
        var subnets = error(VALID.replace(", \"subnets\": [\"subnet-1\", \"subnet-2\"]", ""));
        assertEquals(
                "cpu.json: field 'forge.subnets' is missing; it must be a list of text values",
                subnets.getMessage());
        assertEquals("region", error(VALID.replace("\"eu-west-1\"", "null")).path());
    }

    @Test
    void aValueOfTheWrongTypeIsRefusedWithoutCoercion() {
        assertEquals(
                "cpu.json: field 'forge.minCpus' must be a whole number, got text",
                error(VALID.replace("\"minCpus\": 4", "\"minCpus\": \"4\"")).getMessage());
        assertEquals(
                "forge.minCpus", error(VALID.replace("\"minCpus\": 4", "\"minCpus\": 1.5")).path());
        assertEquals(
                "cpu.json: field 'region' must be text, got 5",
                error(VALID.replace("\"eu-west-1\"", "5")).getMessage());
        assertEquals(
                "forge.subnets",
                error(VALID.replace("[\"subnet-1\", \"subnet-2\"]", "\"subnet-1\"")).path());
        assertEquals("forge.subnets[1]", error(VALID.replace("\"subnet-2\"", "7")).path());
        assertEquals(
                "forge.waveEnabled",
                error(VALID.replace("\"minCpus\": 4", "\"minCpus\": 4, \"waveEnabled\": \"yes\""))
                        .path());
        assertEquals(
                "cpu.json: field 'region' is blank; it must be non-empty text",
                error(VALID.replace("\"eu-west-1\"", "\" \"")).getMessage());
        assertEquals("forge.subnets[0]", error(VALID.replace("\"subnet-1\"", "null")).path());
    }

    /**
     * Jackson 3's defaults would accept most of these, so each is proven here against the features StrictJson
     * sets. Defaults as {@code enabledByDefault()} reports them in the pinned jackson-databind/-core 3.2.2 (and in
     * FasterXML/jackson-databind branch 3.x @ 1845f332, {@code DeserializationFeature.java}):
     * FAIL_ON_UNKNOWN_PROPERTIES off since 3.0 (StrictJson turns it on: anUnknownFieldIs...),
     * FAIL_ON_NULL_FOR_PRIMITIVES on, ACCEPT_FLOAT_AS_INT on and {@code MapperFeature.ALLOW_COERCION_OF_SCALARS} on
     * (StrictJson turns both off), {@code StreamReadFeature.STRICT_DUPLICATE_DETECTION} off (StrictJson turns it
     * on: aFieldGivenTwice...), FAIL_ON_NULL/MISSING_CREATOR_PROPERTIES off (StrictJson checks nulls after binding:
     * aMissingRequiredField...).
     */
    @Test
    void nullForAPrimitiveAndEveryScalarCoercionAreRefused() {
        assertEquals(
                "cpu.json: field 'forge.minCpus' is missing or null; it must be a whole number",
                error(VALID.replace("\"minCpus\": 4", "\"minCpus\": null")).getMessage());
        // A whole number written as a decimal is still a decimal (ACCEPT_FLOAT_AS_INT off).
        assertEquals(
                "cpu.json: field 'forge.minCpus' must be a whole number, got 4.0",
                error(VALID.replace("\"minCpus\": 4", "\"minCpus\": 4.0")).getMessage());
        assertEquals(
                "forge.minCpus",
                error(VALID.replace("\"minCpus\": 4", "\"minCpus\": true")).path());
        assertEquals(
                "cpu.json: field 'forge.minCpus' must be a whole number, got \"\"",
                error(VALID.replace("\"minCpus\": 4", "\"minCpus\": \"\"")).getMessage());
        // true/false is not text (the Textual coercion config), and neither 1 nor "" nor "true" is
        // true/false.
        assertEquals(
                "cpu.json: field 'region' must be text, got true",
                error(VALID.replace("\"eu-west-1\"", "true")).getMessage());
        var wave = VALID.replace("\"minCpus\": 4", "\"minCpus\": 4, \"waveEnabled\": WAVE");
        assertEquals(
                "cpu.json: field 'forge.waveEnabled' must be true or false, got 1",
                error(wave.replace("WAVE", "1")).getMessage());
        assertEquals(
                "cpu.json: field 'forge.waveEnabled' must be true or false, got \"\"",
                error(wave.replace("WAVE", "\"\"")).getMessage());
        assertEquals("forge.waveEnabled", error(wave.replace("WAVE", "\"true\"")).path());
        assertEquals(
                "cpu.json: field 'labels.team' must be text, got 5",
                error(VALID.replace("\"nf-core\"", "5")).getMessage());
        assertEquals(
                "cpu.json: field 'note' must be text, got 5",
                error(VALID.replace("{\"region\"", "{\"note\": 5, \"region\"")).getMessage());
        // A single value is not a list of one (ACCEPT_SINGLE_VALUE_AS_ARRAY stays off), nor a list
        // of one a value.
        assertEquals("region", error(VALID.replace("\"eu-west-1\"", "[\"eu-west-1\"]")).path());
        // Valid JSON whose number does not fit names the field, not a syntax error.
        assertEquals(
                "cpu.json: field 'forge.minCpus' must be a whole number within -2147483648 to 2147483647,"
                        + " got 3000000000",
                error(VALID.replace("\"minCpus\": 4", "\"minCpus\": 3000000000")).getMessage());
    }

    enum Capacity {
        SPOT,
        EC2
    }

    record Queue(Capacity capacity) {}

    /** EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS is off by default in Jackson 3.2.2: without it 0 would read as SPOT. */
    @Test
    void anEnumTakesOnlyTheNamesOfItsConstants() {
        assertEquals(
                new Queue(Capacity.EC2),
                StrictJson.read("{\"capacity\": \"EC2\"}", "queue.json", Queue.class));
        for (var wrong : List.of("0", "\"1\"", "\"spot\"", "\"\"", "true")) {
            var e =
                    assertThrows(
                            JsonFileException.class,
                            () ->
                                    StrictJson.read(
                                            "{\"capacity\": " + wrong + "}",
                                            "queue.json",
                                            Queue.class),
                            wrong);
            assertTrue(
                    e.getMessage()
                            .startsWith(
                                    "queue.json: field 'capacity' must be one of SPOT, EC2, got "),
                    e.getMessage());
        }
    }

    /** What an export writes but the code does not read is ignored by name; anything else is still refused. */
    @JsonIgnoreProperties({"discriminator", "labels"})
    record Export(String region) {}

    @Test
    void fieldsIgnoredByNameAreSkippedWithWhateverTheyHold() {
        var export =
                StrictJson.read(
                        "{\"discriminator\": \"aws-batch\", \"labels\": [{\"name\": null}], \"region\": \"eu-west-1\"}",
                        "arm.json",
                        Export.class);
        assertEquals("eu-west-1", export.region());
        var e =
                assertThrows(
                        JsonFileException.class,
                        () ->
                                StrictJson.read(
                                        "{\"region\": \"eu-west-1\", \"label\": []}",
                                        "arm.json",
                                        Export.class));
        assertEquals("arm.json: field 'label' is not a known field; known: region", e.getMessage());
    }

    @Test
    void theRecordsOwnRuleFollowsThePathOfItsObject() {
        assertEquals(
                "cpu.json: forge: minCpus must be 0 or more, got -1",
                error(VALID.replace("\"minCpus\": 4", "\"minCpus\": -1")).getMessage());
    }

    @Test
    void aFileThatIsNotOneJsonObjectSaysSo() {
        assertTrue(
                error("{\"region\": ")
                        .getMessage()
                        .startsWith("cpu.json: is not valid JSON (line 1, column 12): "));
        assertEquals("cpu.json: the top level must be a JSON object", error("[]").getMessage());
        assertEquals(
                "cpu.json: is empty or null; it must be a JSON object", error("null").getMessage());
        assertEquals(
                "cpu.json: has content after its JSON value; keep one document per file",
                error(VALID + "{}").getMessage());
    }

    @Test
    void filesAndResourcesAreNamedAsTheCallerGaveThem(@TempDir Path directory) throws Exception {
        var file = directory.resolve("gpu.json");
        Files.writeString(file, VALID.replace("\"SPOT\"", "\"\""));
        var e = assertThrows(JsonFileException.class, () -> StrictJson.read(file, Spec.class));
        assertEquals(
                file + ": field 'forge.type' is blank; it must be non-empty text", e.getMessage());
        assertEquals(
                directory.resolve("none.json") + ": no such file",
                assertThrows(
                                JsonFileException.class,
                                () -> StrictJson.read(directory.resolve("none.json"), Spec.class))
                        .getMessage());
        assertEquals(
                "labstacks/none.json: is missing from the classpath; rebuild the module that ships it",
                assertThrows(
                                JsonFileException.class,
                                () -> StrictJson.resource("labstacks/none.json", Spec.class))
                        .getMessage());
    }
}
