package labstacks.constructs.aws;

import com.pulumi.aws.Provider;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleArgs;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import labstacks.shared.aws.PolicyDocument.Statement;

/**
 * Inputs of a {@link SecureBucket}. Every protection is on unless the caller turns it off by name, as
 * the CDK's {@code BucketProps} do it for {@code enforceSSL} and {@code blockPublicAccess}; here the
 * defaults are the safe choice, not the AWS one.
 *
 * <pre>{@code
 * SecureBucketArgs.builder().bucketName("my-data").provider(aws)
 *         .protect(false).retainOnDelete(false).forceDestroy(true)   // a scratch bucket
 *         .build();
 * }</pre>
 */
public final class SecureBucketArgs {
    /** S3-managed keys (SSE-S3), the default encryption. */
    public static final String SSE_S3 = "AES256";

    private final String bucketName;
    private final Provider provider;
    private final boolean versioned;
    private final boolean enforceSsl;
    private final boolean blockPublicAccess;
    private final String sseAlgorithm;
    private final boolean protect;
    private final boolean retainOnDelete;
    private final boolean forceDestroy;
    private final List<BucketLifecycleConfigurationV2RuleArgs> lifecycleRules;
    private final Optional<Function<String, List<Statement>>> policyStatements;

    private SecureBucketArgs(Builder builder) {
        this.bucketName = Objects.requireNonNull(builder.bucketName, "bucketName");
        this.provider = Objects.requireNonNull(builder.provider, "provider");
        this.versioned = builder.versioned;
        this.enforceSsl = builder.enforceSsl;
        this.blockPublicAccess = builder.blockPublicAccess;
        this.sseAlgorithm = Objects.requireNonNull(builder.sseAlgorithm, "sseAlgorithm");
        this.protect = builder.protect;
        this.retainOnDelete = builder.retainOnDelete;
        this.forceDestroy = builder.forceDestroy;
        this.lifecycleRules = List.copyOf(builder.lifecycleRules);
        this.policyStatements = Optional.ofNullable(builder.policyStatements);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The globally unique bucket name (required). */
    public String bucketName() {
        return bucketName;
    }

    /** The explicit AWS provider of the bucket's region (required); every child uses it. */
    public Provider provider() {
        return provider;
    }

    /** Versioning enabled (default true): an overwritten or deleted object can come back. */
    public boolean versioned() {
        return versioned;
    }

    /** A policy statement denying every request without TLS (default true). */
    public boolean enforceSsl() {
        return enforceSsl;
    }

    /** A public access block with all four flags (default true). */
    public boolean blockPublicAccess() {
        return blockPublicAccess;
    }

    /** The default server-side encryption: {@link #SSE_S3} (default) or {@code aws:kms}. Never off. */
    public String sseAlgorithm() {
        return sseAlgorithm;
    }

    /** The bucket is protected: {@code pulumi destroy} and a replacement stop at it (default true). */
    public boolean protect() {
        return protect;
    }

    /** Deleting the bucket from the stack leaves it in AWS (default true). */
    public boolean retainOnDelete() {
        return retainOnDelete;
    }

    /** A destroy empties the bucket first (default false): only for data that may be lost. */
    public boolean forceDestroy() {
        return forceDestroy;
    }

    /** Lifecycle rules (default none: no lifecycle configuration). */
    public List<BucketLifecycleConfigurationV2RuleArgs> lifecycleRules() {
        return lifecycleRules;
    }

    /**
     * The caller's own policy statements, given the bucket's ARN; they follow the TLS statement (default
     * none: with {@code enforceSsl(false)} as well, the bucket has no policy).
     */
    public Optional<Function<String, List<Statement>>> policyStatements() {
        return policyStatements;
    }

    /** Named fields, each with its default. */
    public static final class Builder {
        private String bucketName;
        private Provider provider;
        private boolean versioned = true;
        private boolean enforceSsl = true;
        private boolean blockPublicAccess = true;
        private String sseAlgorithm = SSE_S3;
        private boolean protect = true;
        private boolean retainOnDelete = true;
        private boolean forceDestroy = false;
        private List<BucketLifecycleConfigurationV2RuleArgs> lifecycleRules = List.of();
        private Function<String, List<Statement>> policyStatements;

        private Builder() {}

        public Builder bucketName(String name) {
            this.bucketName = name;
            return this;
        }

        public Builder provider(Provider aws) {
            this.provider = aws;
            return this;
        }

        public Builder versioned(boolean enabled) {
            this.versioned = enabled;
            return this;
        }

        public Builder enforceSsl(boolean enabled) {
            this.enforceSsl = enabled;
            return this;
        }

        public Builder blockPublicAccess(boolean enabled) {
            this.blockPublicAccess = enabled;
            return this;
        }

        public Builder sseAlgorithm(String algorithm) {
            this.sseAlgorithm = algorithm;
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

        public Builder forceDestroy(boolean enabled) {
            this.forceDestroy = enabled;
            return this;
        }

        public Builder lifecycleRules(List<BucketLifecycleConfigurationV2RuleArgs> rules) {
            this.lifecycleRules = rules;
            return this;
        }

        /** Statements for the bucket policy, given the bucket's ARN once it is known. */
        public Builder policyStatements(Function<String, List<Statement>> statements) {
            this.policyStatements = statements;
            return this;
        }

        public SecureBucketArgs build() {
            return new SecureBucketArgs(this);
        }
    }
}
