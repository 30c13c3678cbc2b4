package labstacks.megatests;

import com.pulumi.aws.Provider;
import com.pulumi.core.Output;
import java.util.Objects;
import labstacks.shared.aws.PolicyDocument;

/**
 * Inputs of a {@link TowerForgeIam}.
 *
 * @param bucketName  the megatests bucket's name, from the bucket: the S3 policy waits for it
 * @param bucketArn   the megatests bucket's ARN, from the bucket: the S3 policy grants on it
 * @param forgePolicy the forge policy document ({@link TowerForgePolicies#forge(String)})
 * @param aws         the explicit AWS provider
 */
public record TowerForgeIamArgs(
        Output<String> bucketName,
        Output<String> bucketArn,
        PolicyDocument forgePolicy,
        Provider aws) {
    public TowerForgeIamArgs {
        Objects.requireNonNull(bucketName, "bucketName");
        Objects.requireNonNull(bucketArn, "bucketArn");
        Objects.requireNonNull(forgePolicy, "forgePolicy");
        Objects.requireNonNull(aws, "aws");
    }
}
