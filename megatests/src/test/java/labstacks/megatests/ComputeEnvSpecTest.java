package labstacks.megatests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import labstacks.shared.json.JsonFileException;
import org.junit.jupiter.api.Test;

class ComputeEnvSpecTest {

    /** A complete spec in the export's shape, for the malformed variants below. */
    private static final String VALID =
            """
            {"discriminator": "aws-batch", "region": "eu-west-1", "workDir": "s3://nf-core-awsmegatests",
             "environment": [], "labels": [], "waveEnabled": true, "fusion2Enabled": true,
             "nvnmeStorageEnabled": true, "fusionSnapshots": true,
             "forge": {"type": "SPOT", "minCpus": 0, "maxCpus": 500, "gpuEnabled": false,
                       "instanceTypes": ["c6id"], "subnets": [], "securityGroups": [], "disposeOnDeletion": true,
                       "allowBuckets": ["s3://nf-core-awsmegatests"], "efsCreate": false, "ebsBootSize": 50,
                       "fargateHeadEnabled": true}}
            """;

    private static String text(ComputeEnvKind kind) {
        try (var stream =
                ComputeEnvSpecTest.class
                        .getClassLoader()
                        .getResourceAsStream(kind.specResource())) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String error(String json) {
        return assertThrows(JsonFileException.class, () -> ComputeEnvSpec.parse(json, "cpu.json"))
                .getMessage();
    }

    @Test
    void theThreeSpecFilesLoadWithTheirDifferences() {
        var cpu = ComputeEnvSpec.load(ComputeEnvKind.CPU.specResource());
        var gpu = ComputeEnvSpec.load(ComputeEnvKind.GPU.specResource());
        var arm = ComputeEnvSpec.load(ComputeEnvKind.ARM.specResource());
        assertEquals(1000, cpu.forge().maxCpus());
        assertEquals(500, gpu.forge().maxCpus());
        assertEquals(500, arm.forge().maxCpus());
        assertTrue(gpu.forge().gpuEnabled());
        assertFalse(gpu.forge().arm64Enabled(), "absent arm64Enabled means false");
        assertTrue(arm.forge().arm64Enabled());
        assertEquals(List.of("c6id", "m6id", "r6id"), cpu.forge().instanceTypes());
        assertEquals(List.of("m6gd", "r6gd", "c6gd"), arm.forge().instanceTypes());
        for (var spec : List.of(cpu, gpu, arm)) {
            assertEquals("eu-west-1", spec.region());
            assertEquals("s3://nf-core-awsmegatests", spec.workDir());
            assertEquals("SPOT", spec.forge().type());
            assertEquals(50, spec.forge().ebsBootSize());
            assertTrue(spec.forge().fargateHeadEnabled());
            assertTrue(
                    spec.waveEnabled()
                            && spec.fusion2Enabled()
                            && spec.nvmeStorageEnabled()
                            && spec.fusionSnapshots());
        }
    }

    @Test
    void allowBucketsKeepTheOriginalsOrder() {
        // allow_buckets is "Requires replacement if changed" (terraform-provider-seqera v0.30.5
        // docs/resources/compute_env.md); the live environments hold the order of nf-core/ops main
        // pulumi/AWSMegatests/seqerakit/current-env-*.json, which OpenTofu's locals.tf (PR #201,
        // feat/opentofu-awsmegatests-dev @ f269293) keeps too: work bucket second.
        for (var kind : ComputeEnvKind.values()) {
            assertEquals(
                    List.of(
                            "s3://ngi-igenomes",
                            "s3://nf-core-awsmegatests",
                            "s3://annotation-cache/"),
                    ComputeEnvSpec.load(kind.specResource()).forge().allowBuckets(),
                    kind.key());
        }
    }

    @Test
    void malformedSpecsNameTheFileAndField() {
        assertTrue(error("{").startsWith("cpu.json: is not valid JSON"), error("{"));
        assertEquals(
                "cpu.json: field 'forge' is missing; it must be an object",
                error(VALID.substring(0, VALID.indexOf(",\n \"forge\"")) + "}"));
        assertEquals(
                "cpu.json: field 'forge.maxCpu' is not a known field; did you mean 'maxCpus'? known: allowBuckets,"
                        + " arm64Enabled, disposeOnDeletion, dragenEnabled, ebsBootSize, efsCreate, fargateHeadEnabled,"
                        + " gpuEnabled, instanceTypes, maxCpus, minCpus, securityGroups, subnets, type",
                error(VALID.replace("\"maxCpus\"", "\"maxCpu\"")));
        assertTrue(
                error(VALID.replace("\"region\"", "\"regoin\""))
                        .startsWith("cpu.json: field 'regoin' is not a known field"));
        assertEquals(
                "cpu.json: field 'forge.maxCpus' must be a whole number, got text",
                error(VALID.replace("\"maxCpus\": 500", "\"maxCpus\": \"many\"")));
        assertEquals(
                "cpu.json: field 'waveEnabled' must be true or false, got text",
                error(VALID.replace("\"waveEnabled\": true", "\"waveEnabled\": \"yes\"")));
        assertEquals(
                "cpu.json: field 'forge.type' must be SPOT or EC2, got SPOTS",
                error(VALID.replace("\"SPOT\"", "\"SPOTS\"")));
        assertEquals(
                "cpu.json: field 'workDir' must be an s3:// URI, got /tmp",
                error(VALID.replace("\"s3://nf-core-awsmegatests\",\n", "\"/tmp\",\n")));
        assertTrue(
                error(VALID.replace("\"minCpus\": 0", "\"minCpus\": 600"))
                        .contains("0 <= minCpus <= maxCpus"));
        assertEquals(
                "cpu.json: field 'forge.instanceTypes[1]' is blank; it must be non-empty text",
                error(VALID.replace("[\"c6id\"]", "[\"c6id\", \" \"]")));
        assertEquals(
                "missing.json: is missing from the classpath; rebuild the module that ships it",
                assertThrows(JsonFileException.class, () -> ComputeEnvSpec.load("missing.json"))
                        .getMessage());
    }

    /** Every field is required: a line lost from a spec must not fall back to a default that replaces an environment. */
    @Test
    void aMissingFieldIsNamedNotDefaulted() {
        assertEquals(
                "cpu.json: field 'forge.maxCpus' is missing or null; it must be a whole number",
                error(VALID.replace("\"maxCpus\": 500, ", "")));
        assertEquals(
                "cpu.json: field 'fusionSnapshots' is missing or null; it must be true or false",
                error(VALID.replace("\"fusionSnapshots\": true,", "")));
        assertEquals(
                "cpu.json: field 'forge.allowBuckets' is missing; it must be a list of text values",
                error(VALID.replace("\"allowBuckets\": [\"s3://nf-core-awsmegatests\"], ", "")));
        // The export leaves out a false arm64Enabled (gpu.json): absent means false, as the
        // platform's own default.
        assertFalse(ComputeEnvSpec.parse(VALID, "cpu.json").forge().arm64Enabled());
    }

    /** Values a spec could carry silently before: each is refused with the field and the rule. */
    @Test
    void specsRefuseOtherPlatformsBadRegionsDuplicateFieldsAndInexactNumbers() {
        assertEquals(
                "cpu.json: field 'discriminator' must be aws-batch (the only platform this program builds), got google-batch",
                error(VALID.replace("\"aws-batch\"", "\"google-batch\"")));
        assertTrue(
                error(VALID.replace("\"eu-west-1\"", "\"mars-1\""))
                        .startsWith("cpu.json: field 'region' is mars-1: "));
        assertEquals(
                "cpu.json: field 'region' is given twice in one object; keep one",
                error(
                        VALID.replace(
                                "\"region\": \"eu-west-1\",",
                                "\"region\": \"eu-west-1\", \"region\": \"us-east-1\",")));
        assertEquals(
                "cpu.json: field 'forge.maxCpus' is given twice in one object; keep one",
                error(VALID.replace("\"maxCpus\": 500,", "\"maxCpus\": 500, \"maxCpus\": 600,")));
        assertTrue(
                error(VALID.replace("\"maxCpus\": 500", "\"maxCpus\": 2.5"))
                        .startsWith("cpu.json: field 'forge.maxCpus' must be a whole number"));
        assertTrue(
                error(VALID.replace("\"maxCpus\": 500", "\"maxCpus\": 1e30"))
                        .contains("forge.maxCpus"));
    }

    /** The export's fields this program does not send are declared, and refused unless they hold nothing. */
    @Test
    void exportFieldsThisProgramDoesNotSendAreRefusedWhenTheyHoldSomething() {
        var empty = ComputeEnvSpec.parse(VALID, "cpu.json");
        assertEquals(List.of(), empty.environment());
        assertEquals(List.of(), empty.labels());
        assertTrue(
                error(
                                VALID.replace(
                                        "\"environment\": []",
                                        "\"environment\": [{\"name\": \"X\", \"value\": \"1\"}]"))
                        .startsWith(
                                "cpu.json: field 'environment' must be empty: this program sends no environment variables"));
        assertTrue(
                error(VALID.replace("\"labels\": []", "\"labels\": [{\"name\": \"team\"}]"))
                        .startsWith("cpu.json: field 'labels' must be empty"));
        assertTrue(
                error(
                                VALID.replace(
                                        "\"labels\": [],",
                                        "\"labels\": [], \"nextflowConfig\": \"process.cpus = 2\","))
                        .contains("nextflow-<kind>.config"));
    }

    /**
     * {@code dragenEnabled} is bound, no longer dropped, and true is refused. Provenance:
     * <ul>
     *   <li>nf-core/ops main @ baedcf9 {@code pulumi/AWSMegatests/seqerakit/current-env-gpu.json} holds
     *       {@code "dragenEnabled": false} (copied to gpu.json); {@code src/infrastructure/compute_environments.py}
     *       ({@code create_forge_config}) never passed it to the provider, so the live environments hold the
     *       platform's own value;</li>
     *   <li>terraform-provider-seqera v0.30.5 (87e7f751, the pinned version; 0.25.2, the Python program's, too)
     *       {@code internal/provider/computeenv_resource.go}: forge {@code dragen_enabled} is optional and computed,
     *       {@code RequiresReplaceIfConfigured}; {@code internal/sdk/models/shared/forgeconfig.go} has
     *       {@code dragenAmiId} and {@code dragenInstanceType} beside it, which no spec here carries;</li>
     *   <li>{@code sdks/gen/generate.py} carries {@code dragenEnabled} in
     *       {@code ComputeEnvComputeEnvConfigAwsBatchForgeArgs}, unused here on purpose.</li>
     * </ul>
     * The original did not send it, so neither does this program: {@code RequiresReplaceIfConfigured}
     * (terraform-plugin-framework) replaces the environment when a configured value differs from the state, and
     * the live value is the platform's (false in the export, but a plan cannot re-check it); a spec asking for
     * DRAGEN stops the plan.
     * The gpu.json here holds the export's fields and values in another order (diffed against baedcf9).
     */
    @Test
    void dragenEnabledIsBoundFalseIsNotSentAndTrueIsRefused() {
        var gpuText = text(ComputeEnvKind.GPU);
        assertTrue(
                gpuText.contains("\"dragenEnabled\": false"), "gpu.json keeps the export's field");
        var gpu = ComputeEnvSpec.parse(gpuText, "gpu.json");
        assertFalse(gpu.forge().dragenEnabled());
        // What reaches the provider (nothing):
        // SeqeraComputeEnvironmentsTest.dragenEnabledIsNeverSent.

        var refused =
                assertThrows(
                        JsonFileException.class,
                        () ->
                                ComputeEnvSpec.parse(
                                        gpuText.replace(
                                                "\"dragenEnabled\": false",
                                                "\"dragenEnabled\": true"),
                                        "gpu.json"));
        assertEquals("gpu.json: " + ComputeEnvSpec.DRAGEN_REFUSED, refused.getMessage());
        assertTrue(refused.getMessage().contains("set it to false or remove it"));
        assertEquals(
                "cpu.json: field 'forge.dragenEnabled' must be true or false, got text",
                error(
                        VALID.replace(
                                "\"fargateHeadEnabled\": true",
                                "\"fargateHeadEnabled\": true, \"dragenEnabled\": \"no\"")));
    }
}
