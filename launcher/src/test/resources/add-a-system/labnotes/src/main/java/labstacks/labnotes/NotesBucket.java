package labstacks.labnotes;

import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import java.util.Map;
import labstacks.constructs.aws.SecureBucket;
import labstacks.constructs.aws.SecureBucketArgs;

/**
 * The notes bucket: a {@link SecureBucket} with its defaults (versioned, encrypted, never public, TLS only,
 * protected and retained), so it passes every S3 rule of {@code ./labstacks check}.
 */
public final class NotesBucket extends ComponentResource {
    static final String TYPE = "labstacks:labnotes:NotesBucket";

    private final SecureBucket bucket;

    public NotesBucket(String name, NotesBucketArgs args, ComponentResourceOptions options) {
        super(TYPE, name, options);
        this.bucket = new SecureBucket(name,
                SecureBucketArgs.builder().bucketName(args.bucketName()).provider(args.aws()).build(),
                ComponentResourceOptions.builder().parent(this).build());
        registerOutputs(Map.of("bucketName", bucket.bucketName()));
    }

    public Output<String> bucketName() {
        return bucket.bucketName();
    }
}
