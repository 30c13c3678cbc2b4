package labstacks.pipeweave;

import com.pulumi.aws.Provider;
import com.pulumi.core.Output;
import java.util.Objects;

/**
 * Inputs of a {@link DatasetAccessRole}.
 *
 * @param roleName  the IAM role's name; the policy and instance profile are named after it
 * @param bucketArn the dataset bucket's ARN
 * @param policy    what the environment allows (deletes, encryption on upload)
 * @param aws       the explicit AWS provider
 */
public record DatasetAccessRoleArgs(
        String roleName, Output<String> bucketArn, StoragePolicy policy, Provider aws) {
    public DatasetAccessRoleArgs {
        if (roleName == null || !roleName.matches("[\\w+=,.@-]{1,64}")) {
            throw new IllegalArgumentException(
                    "not an IAM role name (1-64 of letters, digits, +=,.@_-): " + roleName);
        }
        Objects.requireNonNull(bucketArn, "bucketArn");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(aws, "aws");
    }
}
