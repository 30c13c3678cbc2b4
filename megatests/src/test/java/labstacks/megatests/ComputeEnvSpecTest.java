package labstacks.megatests;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ComputeEnvSpecTest {

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
            assertTrue(spec.waveEnabled() && spec.fusion2Enabled() && spec.nvmeStorageEnabled() && spec.fusionSnapshots());
        }
    }

    @Test
    void allowBucketsKeepTheOriginalsOrder() {
        // allow_buckets is "Requires replacement if changed" (terraform-provider-seqera v0.30.5
        // docs/resources/compute_env.md); the live environments hold the order of nf-core/ops main
        // pulumi/AWSMegatests/seqerakit/current-env-*.json, which OpenTofu's locals.tf (PR #201,
        // feat/opentofu-awsmegatests-dev @ f269293) keeps too: work bucket second.
        for (var kind : ComputeEnvKind.values()) {
            assertEquals(List.of("s3://ngi-igenomes", "s3://nf-core-awsmegatests", "s3://annotation-cache/"),
                    ComputeEnvSpec.load(kind.specResource()).forge().allowBuckets(), kind.key());
        }
    }

    private static String error(String json) {
        return assertThrows(SpecFileException.class, () -> ComputeEnvSpec.parse(json, "cpu.json")).getMessage();
    }

    @Test
    void malformedSpecsNameTheFileAndField() {
        assertTrue(error("{").startsWith("cpu.json: not valid JSON"));
        assertEquals("cpu.json: field 'forge' is missing or not an object", error("{\"region\": \"eu-west-1\"}"));
        assertTrue(error("{\"region\": \"eu-west-1\", \"forge\": {\"maxCpu\": 5}}").startsWith("cpu.json: unknown field 'forge.maxCpu'"));
        assertTrue(error("{\"region\": \"eu-west-1\", \"regoin\": \"x\", \"forge\": {}}").startsWith("cpu.json: unknown field 'regoin'"));
        assertEquals("cpu.json: field 'forge.maxCpus' must be a whole number", error("{\"region\": \"eu-west-1\", \"forge\": {\"maxCpus\": \"many\"}}"));
        assertEquals("cpu.json: field 'waveEnabled' must be true or false", error("{\"region\": \"eu-west-1\", \"waveEnabled\": \"yes\", \"forge\": {}}"));
        assertEquals("cpu.json: field 'forge.type' must be SPOT or EC2, got SPOTS", error("{\"region\": \"eu-west-1\", \"forge\": {\"type\": \"SPOTS\"}}"));
        assertTrue(error("{\"region\": \"eu-west-1\", \"workDir\": \"/tmp\", \"forge\": {}}").contains("'workDir' must be an s3:// URI"));
        assertTrue(error("{\"region\": \"eu-west-1\", \"forge\": {\"minCpus\": 10, \"maxCpus\": 5}}").contains("0 <= minCpus <= maxCpus"));
        assertEquals("missing.json: compute environment spec file not found",
                assertThrows(SpecFileException.class, () -> ComputeEnvSpec.load("missing.json")).getMessage());
    }

    /** Values a spec could carry silently before: each is now refused with the field and the rule. */
    @Test
    void specsRefuseOtherPlatformsBadRegionsDuplicateFieldsAndInexactNumbers() {
        assertEquals("cpu.json: field 'discriminator' must be aws-batch (the only platform this program builds), got google-batch",
                error("{\"discriminator\": \"google-batch\", \"region\": \"eu-west-1\", \"forge\": {}}"));
        assertTrue(error("{\"region\": \"mars-1\", \"forge\": {}}").startsWith("cpu.json: field 'region' is mars-1: not an AWS region"));
        assertTrue(error("{\"forge\": {}}").startsWith("cpu.json: field 'region' is missing"));
        assertEquals("cpu.json: field 'region' is given twice; keep one",
                error("{\"region\": \"eu-west-1\", \"region\": \"us-east-1\", \"forge\": {}}"));
        assertEquals("cpu.json: field 'forge.maxCpus' is given twice; keep one",
                error("{\"region\": \"eu-west-1\", \"forge\": {\"maxCpus\": 5, \"maxCpus\": 6}}"));
        assertEquals("cpu.json: field 'forge.maxCpus' must be a whole number from 0 to 2147483647, got 1e30",
                error("{\"region\": \"eu-west-1\", \"forge\": {\"maxCpus\": 1e30}}"));
        assertTrue(error("{\"region\": \"eu-west-1\", \"forge\": {\"maxCpus\": 2.5}}").contains("must be a whole number"));
    }

    @Test
    void exportOnlyFieldsAreIgnored() {
        var spec = ComputeEnvSpec.parse("{\"region\": \"eu-west-1\", \"discriminator\": \"aws-batch\", \"labels\": [], \"environment\": [],"
                + " \"nextflowConfig\": \"x\", \"forge\": {\"dragenEnabled\": false}}", "cpu.json");
        assertEquals(1000, spec.forge().maxCpus(), "defaults apply to absent fields");
    }
}
