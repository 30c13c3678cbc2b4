package labstacks.pipeweave;

import com.pulumi.resources.ComponentResourceOptions;
import labstacks.shared.program.StackContext;
import labstacks.shared.program.StackProgram;
import labstacks.shared.providers.AwsAccess;
import labstacks.shared.providers.AwsProviders;

import java.util.regex.Pattern;

/** PipeWeave dataset storage: one S3 bucket and one IAM access role per environment. */
public final class PipeweaveProgram implements StackProgram<PipeweaveSettings> {

    static final String PREFIX = "pipeweave-datasets-";
    private static final Pattern BUCKET_NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    @Override
    public String name() {
        return "pipeweave";
    }

    @Override
    public String description() {
        return "PipeWeave dataset storage: S3 bucket and IAM access role per environment.";
    }

    @Override
    public Class<PipeweaveSettings> settingsType() {
        return PipeweaveSettings.class;
    }

    @Override
    public void define(StackContext stack, PipeweaveSettings settings) {
        var storage = settings.storagePolicy();
        var defaultName = defaultBucketName(storage.environment(), stack.stackName());
        var bucketName = settings.bucketName().orElse(defaultName);
        if (!BUCKET_NAME.matcher(bucketName).matches()) {
            throw new IllegalArgumentException("the bucket name '" + bucketName + "' derived from the stack name is not a"
                    + " valid S3 bucket name; set pipeweave:bucketName in " + stack.config().stackFile());
        }
        var aws = AwsProviders.create("aws", AwsAccess.defaultChain(settings.region()));

        var datasets = new DatasetBucket("datasets", new DatasetBucketArgs(bucketName, storage, aws),
                ComponentResourceOptions.Empty);
        var access = new DatasetAccessRole("access", new DatasetAccessRoleArgs(defaultName, datasets.bucketArn(), storage, aws), ComponentResourceOptions.Empty);

        var ctx = stack.pulumi();
        ctx.export("bucket_name", datasets.bucketName());
        ctx.export("bucket_arn", datasets.bucketArn());
        ctx.export("bucket_region", datasets.bucketRegion());
        ctx.export("iam_role_arn", access.roleArn());
        ctx.export("iam_policy_arn", access.policyArn());
        ctx.export("instance_profile_arn", access.instanceProfileArn());
        ctx.export("environment", com.pulumi.core.Output.of(storage.environment().configName()));
    }

    /**
     * {@code pipeweave-datasets-<environment>-<stack suffix>}, the suffix being the stack name after
     * {@code pipeweave-}; when the suffix is the environment itself ({@code pipeweave-production}), it is not
     * repeated: {@code pipeweave-datasets-production}.
     */
    static String defaultBucketName(DatasetEnvironment environment, String stackName) {
        var suffix = stackName.startsWith("pipeweave-") ? stackName.substring("pipeweave-".length()) : stackName;
        var name = PREFIX + environment.configName();
        return suffix.equals(environment.configName()) ? name : name + "-" + suffix;
    }
}
