package labstacks.megatests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NextflowConfigTest {

    @Test
    void baseComesFirstAndIncludeConfigLinesAreRemoved() {
        var merged =
                NextflowConfig.merge(
                        "  base line\n",
                        "// own\n  includeConfig 'x.config'\nincludeConfig \"y\"\nprocess.cpus = 2\n");
        assertEquals("base line\n\n// own\nprocess.cpus = 2", merged);
    }

    @Test
    void withoutABaseTheOwnFileStandsAlone() {
        assertEquals("// own", NextflowConfig.merge(null, "// own\nincludeConfig 'base.config'\n"));
    }

    @Test
    void theCpuConfigIsByteForByteTheOriginal() {
        var expected =
                """
                // Base Nextflow configuration for AWS Batch compute environments
                // This configuration is shared across all compute environment types

                aws.batch.maxSpotAttempts = 5

                process {
                    maxRetries = 2
                    errorStrategy = { task.exitStatus in ((130..145) + 104 + 175) ? 'retry' : 'terminate' }
                }

                fusion {
                    tags = '[.command.*|.exitcode|.fusion.*](nextflow.io/metadata=true),[*](nextflow.io/temporary=true)'
                }

                // Nextflow configuration for CPU compute environments
                // Includes base configuration and CPU-specific settings""";
        assertEquals(expected, NextflowConfig.forKind(ComputeEnvKind.CPU));
    }

    @Test
    void everyKindHasItsOwnTailAndNoIncludeConfig() {
        for (var kind : ComputeEnvKind.values()) {
            var config = NextflowConfig.forKind(kind);
            assertFalse(config.contains("includeConfig"), kind.name());
            assertTrue(config.startsWith("// Base Nextflow configuration"), kind.name());
        }
        assertTrue(NextflowConfig.forKind(ComputeEnvKind.GPU).endsWith("GPU-specific settings"));
        assertTrue(
                NextflowConfig.forKind(ComputeEnvKind.ARM)
                        .contains("for ARM CPU compute environments"));
    }
}
