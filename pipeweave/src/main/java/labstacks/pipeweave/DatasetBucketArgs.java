package labstacks.pipeweave;

import com.pulumi.aws.Provider;
import java.util.Objects;

/**
 * Inputs of a {@link DatasetBucket}.
 *
 * @param bucketName the globally unique bucket name
 * @param policy     what the environment allows (lifecycle, encryption on upload, protection)
 * @param aws        the explicit AWS provider of the bucket's region
 */
public record DatasetBucketArgs(String bucketName, StoragePolicy policy, Provider aws) {
    public DatasetBucketArgs {
        Objects.requireNonNull(bucketName, "bucketName");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(aws, "aws");
    }
}
