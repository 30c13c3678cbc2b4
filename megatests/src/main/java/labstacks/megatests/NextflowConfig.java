package labstacks.megatests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;

/**
 * The Nextflow config a compute environment carries: the shared base file, then the environment's own
 * file without its {@code includeConfig} lines (the platform cannot follow them). The text is part of
 * the environment's identity on the platform, so the merge is byte-for-byte the original's.
 */
public final class NextflowConfig {
    static final String BASE = "labstacks/megatests/nextflow/nextflow-base.config";

    private NextflowConfig() {}

    public static String forKind(ComputeEnvKind kind) {
        var base = read(BASE, false);
        var own = read(kind.nextflowResource(), true);
        return merge(base, own);
    }

    /** {@code base.strip() + "\n\n" + own-without-includeConfig}, stripped; no base gives the own file alone. */
    static String merge(String base, String own) {
        var kept =
                own.lines()
                        .filter(line -> !line.strip().startsWith("includeConfig"))
                        .collect(Collectors.joining("\n"));
        var merged = base == null || base.isBlank() ? kept : base.strip() + "\n\n" + kept;
        return merged.strip();
    }

    private static String read(String resource, boolean required) {
        try (var stream = NextflowConfig.class.getClassLoader().getResourceAsStream(resource)) {
            if (stream == null) {
                if (required) {
                    throw new SpecFileException(resource, "Nextflow config file not found");
                }
                return null;
            }
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SpecFileException(resource, "cannot be read: " + e.getMessage());
        }
    }
}
