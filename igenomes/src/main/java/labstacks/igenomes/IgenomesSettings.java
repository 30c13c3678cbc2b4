package labstacks.igenomes;

import labstacks.shared.config.Setting;

/**
 * The igenomes program's stack settings. The bucket and region are fixed facts of the AWS Open Data
 * registry, not settings; only what to import is configurable.
 *
 * @param importVersioning         also import the bucket's versioning configuration (read-only, protected)
 * @param importPublicAccessBlock  also import the bucket's public access block (read-only, protected)
 */
public record IgenomesSettings(
        @Setting(
                        key = "igenomes:importVersioning",
                        description =
                                "also import the bucket's versioning configuration, never changing it",
                        defaultValue = "false")
                boolean importVersioning,
        @Setting(
                        key = "igenomes:importPublicAccessBlock",
                        description =
                                "also import the bucket's public access block, never changing it",
                        defaultValue = "false")
                boolean importPublicAccessBlock) {}
