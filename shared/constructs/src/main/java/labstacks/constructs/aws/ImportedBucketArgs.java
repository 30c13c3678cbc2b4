package labstacks.constructs.aws;

import com.pulumi.aws.Provider;
import java.util.List;
import java.util.Objects;
import labstacks.shared.aws.LegacyBucket;
import labstacks.shared.validation.Vocabulary;

/**
 * Inputs of an {@link ImportedBucket}. The defaults are those for a bucket someone else's data lives
 * in: imported by its name, protected, retained on delete, and none of its settings written.
 *
 * <pre>{@code
 * ImportedBucketArgs.builder().bucketName("ngi-igenomes").provider(aws).importVersioning(true).build();
 * }</pre>
 */
public final class ImportedBucketArgs {
    private final String bucketName;
    private final Provider provider;
    private final String importId;
    private final boolean protect;
    private final boolean retainOnDelete;
    private final List<String> ignoreChanges;
    private final boolean importVersioning;
    private final boolean importPublicAccessBlock;
    private final boolean formerlyAtStackRoot;

    private ImportedBucketArgs(Builder builder) {
        this.bucketName = Objects.requireNonNull(builder.bucketName, "bucketName");
        Vocabulary.s3BucketName(bucketName)
                .ifPresent(
                        rule -> {
                            throw new IllegalArgumentException(
                                    "bucketName " + bucketName + ": " + rule);
                        });
        this.provider = Objects.requireNonNull(builder.provider, "provider");
        this.importId = builder.importId == null ? bucketName : builder.importId;
        this.protect = builder.protect;
        this.retainOnDelete = builder.retainOnDelete;
        this.ignoreChanges = List.copyOf(builder.ignoreChanges);
        this.importVersioning = builder.importVersioning;
        this.importPublicAccessBlock = builder.importPublicAccessBlock;
        this.formerlyAtStackRoot = builder.formerlyAtStackRoot;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The existing bucket (required): also the logical name of the bucket resource. */
    public String bucketName() {
        return bucketName;
    }

    /** The explicit AWS provider of the bucket's region (required); every child uses it. */
    public Provider provider() {
        return provider;
    }

    /**
     * The import id (default: the bucket name, which is the import id of {@code aws:s3/bucket:Bucket},
     * {@code aws:s3/bucketVersioningV2} and {@code aws:s3/bucketPublicAccessBlock} alike).
     */
    public String importId() {
        return importId;
    }

    /** Protected against {@code destroy} and replacement (default true): data the project did not create. */
    public boolean protect() {
        return protect;
    }

    /** Removing it from the program leaves it in AWS (default true). */
    public boolean retainOnDelete() {
        return retainOnDelete;
    }

    /** The bucket's properties the program never writes (default {@link LegacyBucket#UNMANAGED_PROPERTIES}). */
    public List<String> ignoreChanges() {
        return ignoreChanges;
    }

    /** Also import the bucket's versioning, every setting ignored (default false). */
    public boolean importVersioning() {
        return importVersioning;
    }

    /** Also import the bucket's public access block, every flag ignored (default false). */
    public boolean importPublicAccessBlock() {
        return importPublicAccessBlock;
    }

    /**
     * The stack's state holds these resources at the stack root, under the same names and types, from
     * before they had this component as their parent (default false). Each child then carries an alias
     * to its root URN, so the engine moves it instead of deleting and importing it again.
     */
    public boolean formerlyAtStackRoot() {
        return formerlyAtStackRoot;
    }

    /** Named fields, each with its default. */
    public static final class Builder {
        private String bucketName;
        private Provider provider;
        private String importId;
        private boolean protect = true;
        private boolean retainOnDelete = true;
        private List<String> ignoreChanges = LegacyBucket.UNMANAGED_PROPERTIES;
        private boolean importVersioning = false;
        private boolean importPublicAccessBlock = false;
        private boolean formerlyAtStackRoot = false;

        private Builder() {}

        public Builder bucketName(String name) {
            this.bucketName = name;
            return this;
        }

        public Builder provider(Provider aws) {
            this.provider = aws;
            return this;
        }

        public Builder importId(String id) {
            this.importId = id;
            return this;
        }

        public Builder protect(boolean enabled) {
            this.protect = enabled;
            return this;
        }

        public Builder retainOnDelete(boolean enabled) {
            this.retainOnDelete = enabled;
            return this;
        }

        public Builder ignoreChanges(List<String> properties) {
            this.ignoreChanges = properties;
            return this;
        }

        public Builder importVersioning(boolean enabled) {
            this.importVersioning = enabled;
            return this;
        }

        public Builder importPublicAccessBlock(boolean enabled) {
            this.importPublicAccessBlock = enabled;
            return this;
        }

        public Builder formerlyAtStackRoot(boolean enabled) {
            this.formerlyAtStackRoot = enabled;
            return this;
        }

        public ImportedBucketArgs build() {
            return new ImportedBucketArgs(this);
        }
    }
}
