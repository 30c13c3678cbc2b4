package labstacks.pipeweave.storage;

import java.time.Instant;

/**
 * One object in the dataset bucket.
 *
 * @param key          the object key
 * @param size         its size in bytes
 * @param lastModified when it was last written
 * @param eTag         its entity tag, without quotes
 */
public record StoredDataset(String key, long size, Instant lastModified, String eTag) {}
