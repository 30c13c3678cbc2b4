package labstacks.labnotes;

import com.pulumi.aws.s3.BucketV2;
import com.pulumi.aws.s3.BucketV2Args;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import labstacks.shared.program.PolicyException;

import java.util.List;
import java.util.Map;

/** The notes bucket: protected, as anything holding data is. */
public final class NotesBucket extends ComponentResource {
    static final String TYPE = "labstacks:labnotes:NotesBucket";

    private final BucketV2 bucket;

    public NotesBucket(String name, NotesBucketArgs args, ComponentResourceOptions options) {
        super(TYPE, name, options);
        this.bucket = new BucketV2(name, BucketV2Args.builder().bucket(args.bucketName()).build(),
                CustomResourceOptions.builder().parent(this).provider(args.aws()).protect(true).build());
        registerOutputs(Map.of("bucketName", bucket.bucket()));
    }

    public Output<String> bucketName() {
        return bucket.bucket();
    }

    /**
     * The rules a plain bucket fails, declared until the sample is built with SecureBucket (README, "Add a
     * system", step Check), which passes them.
     */
    static List<PolicyException> policyExceptions(String name) {
        var reason = "the add-a-system sample keeps a plain bucket; a real system uses SecureBucket";
        return List.of("s3-public-access-block", "s3-default-encryption", "s3-versioning", "s3-tls-only").stream()
                .map(rule -> new PolicyException(rule, "aws:s3/bucketV2:BucketV2", name, reason)).toList();
    }
}
