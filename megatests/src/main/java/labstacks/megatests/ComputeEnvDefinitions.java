package labstacks.megatests;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import labstacks.shared.json.JsonFileException;
import labstacks.shared.program.Preflight;

/**
 * The three compute environments' files, read once by {@link MegatestsProgram#prepare} into the settings
 * ({@link MegatestsInputs#computeEnvs()}) and handed to {@link SeqeraComputeEnvironments} through its args.
 *
 * @param byKind every kind's definition
 */
public record ComputeEnvDefinitions(Map<ComputeEnvKind, ComputeEnvDefinition> byKind) {
    public ComputeEnvDefinitions {
        var copy = new EnumMap<ComputeEnvKind, ComputeEnvDefinition>(ComputeEnvKind.class);
        copy.putAll(byKind);
        for (var kind : ComputeEnvKind.values()) {
            if (copy.get(kind) == null) {
                throw new IllegalArgumentException(
                        "no definition of the " + kind.key() + " compute environment");
            }
        }
        byKind = Collections.unmodifiableMap(copy);
    }

    public ComputeEnvDefinition of(ComputeEnvKind kind) {
        return byKind.get(kind);
    }

    /** Where a spec or config file lives in the checkout, for the fix. */
    static String sourcePath(String resource) {
        return "megatests/src/main/resources/" + resource;
    }

    /**
     * Reads every kind's spec file and Nextflow config through {@code files} ({@link ComputeEnvDefinition#read}
     * for the module's own). Each file that does not read is one problem naming
     * the file, the field and what to change; then there is no result.
     */
    static Optional<ComputeEnvDefinitions> read(
            Function<ComputeEnvKind, ComputeEnvDefinition> files, Preflight report) {
        var byKind = new EnumMap<ComputeEnvKind, ComputeEnvDefinition>(ComputeEnvKind.class);
        for (var kind : ComputeEnvKind.values()) {
            try {
                byKind.put(kind, files.apply(kind));
            } catch (JsonFileException e) {
                report.problem(
                        e.file(),
                        (e.path().isEmpty() ? "" : "field '" + e.path() + "' ") + e.problem(),
                        fix(e.file()));
            } catch (SpecFileException e) {
                report.problem(e.file(), e.problem(), fix(e.file()));
            }
        }
        return byKind.size() == ComputeEnvKind.values().length
                ? Optional.of(new ComputeEnvDefinitions(byKind))
                : Optional.empty();
    }

    private static String fix(String resource) {
        return "fix " + sourcePath(resource) + " and rebuild (./labstacks build)";
    }
}
