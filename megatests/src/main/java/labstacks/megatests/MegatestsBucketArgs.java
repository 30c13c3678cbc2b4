package labstacks.megatests;

import com.pulumi.aws.Provider;
import java.util.Objects;
import labstacks.shared.validation.Vocabulary;

/**
 * Inputs of a {@link MegatestsBucket}.
 *
 * @param bucketName the existing bucket to adopt: its name is also its import id and its logical name, as in
 *                   nf-core's program
 * @param aws        the explicit AWS provider of the bucket's region
 * @param importCors whether the bucket's live CORS configuration is imported (its import id is the bucket
 *                   name) rather than created
 */
public record MegatestsBucketArgs(String bucketName, Provider aws, boolean importCors) {
    public MegatestsBucketArgs(String bucketName, Provider aws) {
        this(bucketName, aws, false);
    }

    public MegatestsBucketArgs {
        Objects.requireNonNull(bucketName, "bucketName");
        Vocabulary.s3BucketName(bucketName)
                .ifPresent(
                        rule -> {
                            throw new IllegalArgumentException(
                                    "bucketName " + bucketName + ": " + rule);
                        });
        Objects.requireNonNull(aws, "aws");
    }
}
