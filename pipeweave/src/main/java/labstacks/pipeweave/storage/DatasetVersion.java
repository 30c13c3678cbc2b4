package labstacks.pipeweave.storage;

import java.time.Instant;
import java.util.Optional;

/**
 * One version of a dataset key, as the versioned bucket keeps it.
 *
 * @param key          the object key
 * @param versionId    the version's id, for {@link DatasetStorage#get(String, String)}
 * @param size         its size in bytes (0 for a delete marker)
 * @param lastModified when this version was written
 * @param latest       whether it is the current version
 * @param deleteMarker whether it is a delete marker (the key reads as deleted; older versions remain)
 * @param eTag         its entity tag without quotes; empty for a delete marker
 */
public record DatasetVersion(
        String key,
        String versionId,
        long size,
        Instant lastModified,
        boolean latest,
        boolean deleteMarker,
        Optional<String> eTag) {}
