package labstacks.pipeweave;

import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import labstacks.shared.config.RunMode;
import labstacks.shared.config.StackConfig;
import labstacks.shared.program.Preflight;
import labstacks.shared.program.StackContext;
import labstacks.shared.program.StackProgram;
import labstacks.shared.providers.AwsAccess;
import labstacks.shared.providers.AwsProviders;
import labstacks.shared.validation.Vocabulary;

/** PipeWeave dataset storage: one S3 bucket and one IAM access role per environment. */
public final class PipeweaveProgram implements StackProgram<PipeweaveSettings, PipeweaveInputs> {

    static final String PREFIX = "pipeweave-datasets-";

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
    public void define(StackContext stack, PipeweaveInputs inputs) {
        var settings = inputs.settings();
        var storage = settings.storagePolicy();
        var bucketName = inputs.bucketName();
        var aws = AwsProviders.create("aws", AwsAccess.defaultChain(settings.region()));

        var datasets =
                new DatasetBucket(
                        "datasets",
                        new DatasetBucketArgs(bucketName, storage, aws),
                        ComponentResourceOptions.Empty);
        var access =
                new DatasetAccessRole(
                        "access",
                        new DatasetAccessRoleArgs(
                                inputs.defaultBucketName(), datasets.bucketArn(), storage, aws),
                        ComponentResourceOptions.Empty);

        var ctx = stack.pulumi();
        ctx.export("bucket_name", datasets.bucketName());
        ctx.export("bucket_arn", datasets.bucketArn());
        ctx.export("bucket_region", datasets.bucketRegion());
        ctx.export("iam_role_arn", access.roleArn());
        ctx.export("iam_policy_arn", access.policyArn());
        ctx.export("instance_profile_arn", access.instanceProfileArn());
        ctx.export("environment", Output.of(storage.environment().configName()));
    }

    /** Derives the default bucket name from the stack name; unless pipeweave:bucketName replaces it, it must be valid. */
    @Override
    public PipeweaveInputs prepare(
            PipeweaveSettings settings, StackConfig config, RunMode mode, Preflight report) {
        var derived = defaultBucketName(settings.environment(), config.stack());
        if (settings.bucketName().isEmpty()) {
            var invalid = Vocabulary.s3BucketName(derived);
            if (invalid.isPresent()) {
                report.problem(
                        "pipeweave:bucketName",
                        "is not set, and the name derived from the stack name, '"
                                + derived
                                + "', is not a valid bucket name: "
                                + invalid.get(),
                        "pulumi config set pipeweave:bucketName <bucket name> -s "
                                + config.stack());
                return null;
            }
        }
        return new PipeweaveInputs(settings, derived);
    }

    /**
     * {@code pipeweave-datasets-<environment>-<stack suffix>}, the suffix being the stack name after
     * {@code pipeweave-}; when the suffix is the environment itself ({@code pipeweave-production}), it is not
     * repeated: {@code pipeweave-datasets-production}.
     */
    static String defaultBucketName(DatasetEnvironment environment, String stackName) {
        var suffix =
                stackName.startsWith("pipeweave-")
                        ? stackName.substring("pipeweave-".length())
                        : stackName;
        var name = PREFIX + environment.configName();
        return suffix.equals(environment.configName()) ? name : name + "-" + suffix;
    }
}
