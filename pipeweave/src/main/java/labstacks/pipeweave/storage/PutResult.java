package labstacks.pipeweave.storage;

import java.util.Optional;

/**
 * What a successful upload wrote.
 *
 * @param key                  the object key
 * @param versionId            the new version's id (the bucket is versioned), empty if S3 gave none
 * @param serverSideEncryption the encryption S3 reports for the object, {@code AES256}
 * @param parts                1 for a single PUT, else how many parts the multipart upload had
 */
public record PutResult(
        String key, Optional<String> versionId, Optional<String> serverSideEncryption, int parts) {}
