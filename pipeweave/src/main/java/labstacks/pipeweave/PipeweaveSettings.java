package labstacks.pipeweave;

import java.util.Optional;
import labstacks.shared.config.Setting;
import labstacks.shared.config.SettingsRules;
import labstacks.shared.validation.Format;

/**
 * The pipeweave program's stack settings. Every storage key may be left out, and then takes the
 * environment's default (see {@link DatasetEnvironment}); a value that crosses the environment's limits
 * is a config error.
 */
public record PipeweaveSettings(
        @Setting(
                        key = "labstacks:environment",
                        description = "the PipeWeave environment",
                        example = "production")
                DatasetEnvironment environment,
        @Setting(
                        key = "aws:region",
                        description = "the AWS region of the bucket",
                        defaultValue = "us-east-1",
                        format = Format.AWS_REGION,
                        example = "us-east-1")
                String region,
        @Setting(
                        key = "pipeweave:bucketName",
                        description =
                                "the bucket name, instead of pipeweave-datasets-<environment>-<stack suffix>",
                        format = Format.S3_BUCKET_NAME,
                        example = "pipeweave-datasets-acme")
                Optional<String> bucketName,
        @Setting(
                        key = "pipeweave:glacierTransitionDays",
                        description = "days until objects and noncurrent versions move to GLACIER",
                        min = 1,
                        max = 36500,
                        example = "90")
                Optional<Integer> glacierTransitionDays,
        @Setting(
                        key = "pipeweave:allowDelete",
                        description = "whether the access role may delete objects")
                Optional<Boolean> allowDelete,
        @Setting(
                        key = "pipeweave:requireEncryptedUploads",
                        description = "deny uploads without x-amz-server-side-encryption: AES256")
                Optional<Boolean> requireEncryptedUploads,
        @Setting(
                        key = "pipeweave:protectBucket",
                        description = "protect the bucket against pulumi destroy")
                Optional<Boolean> protectBucket,
        @Setting(
                        key = "pipeweave:retainOnDelete",
                        description = "leave the bucket in AWS when it is removed from the program")
                Optional<Boolean> retainOnDelete,
        @Setting(
                        key = "pipeweave:forceDestroy",
                        description = "let pulumi destroy delete a bucket that still holds objects")
                Optional<Boolean> forceDestroy,
        @Setting(
                        key = "pipeweave:breakGlassRoleArn",
                        description =
                                "the one IAM role the production bucket policy lets delete versions, the bucket"
                                        + " or the policy itself",
                        pattern =
                                "arn:aws(-cn|-us-gov)?:iam::[0-9]{12}:role/([A-Za-z0-9+=,.@_-]+/)*[A-Za-z0-9+=,.@_-]{1,64}",
                        rule =
                                "an IAM role ARN: arn:aws:iam::<12-digit account>:role/<name>, the name (after any path) 1 to 64"
                                        + " letters, digits and + = , . @ _ -, no wildcard",
                        example = "arn:aws:iam::123456789012:role/pipeweave-break-glass")
                Optional<String> breakGlassRoleArn)
        implements SettingsRules {

    /** The storage this stack gets: its own values where set, the environment's defaults elsewhere. */
    public StoragePolicy storagePolicy() {
        var defaults = StoragePolicy.defaultsFor(environment);
        return new StoragePolicy(
                environment,
                glacierTransitionDays.isPresent()
                        ? glacierTransitionDays
                        : defaults.glacierTransitionDays(),
                allowDelete.orElse(defaults.deleteAllowed()),
                requireEncryptedUploads.orElse(defaults.encryptedUploadsRequired()),
                protectBucket.orElse(defaults.protect()),
                retainOnDelete.orElse(defaults.retainOnDelete()),
                forceDestroy.orElse(defaults.forceDestroy()),
                breakGlassRoleArn);
    }

    @Override
    public void check(Problems problems) {
        var env = environment.configName();
        if (glacierTransitionDays.isPresent() && !environment.lifecycleAllowed()) {
            problems.add(
                    "pipeweave:glacierTransitionDays",
                    "is set, but "
                            + env
                            + " keeps every object version as it is and allows no lifecycle rule",
                    "remove pipeweave:glacierTransitionDays from the stack file");
        }
        if (allowDelete.orElse(false) && !environment.deleteAllowed()) {
            problems.add(
                    "pipeweave:allowDelete",
                    "is true, but " + env + " never allows deleting datasets",
                    "set pipeweave:allowDelete to false or remove it");
        }
        if (!requireEncryptedUploads.orElse(true) && environment.encryptedUploadsRequired()) {
            problems.add(
                    "pipeweave:requireEncryptedUploads",
                    "is false, but " + env + " requires every upload to be encrypted",
                    "set it to true or remove it");
        }
        if (!protectBucket.orElse(true) && environment.protectionRequired()) {
            problems.add(
                    "pipeweave:protectBucket",
                    "is false, but the " + env + " bucket holds data that must be protected",
                    "set it to true or remove it");
        }
        if (!retainOnDelete.orElse(true) && environment.retainRequired()) {
            problems.add(
                    "pipeweave:retainOnDelete",
                    "is false, but the " + env + " bucket must outlive its stack",
                    "set it to true or remove it");
        }
        if (forceDestroy.orElse(false) && environment.protectionRequired()) {
            problems.add(
                    "pipeweave:forceDestroy",
                    "is true, but " + env + " datasets may never be deleted with their bucket",
                    "set it to false or remove it");
        }
        if (breakGlassRoleArn.isPresent() && !environment.deletionGuarded()) {
            problems.add(
                    "pipeweave:breakGlassRoleArn",
                    "is set, but "
                            + env
                            + " has no delete guard to break"
                            + " (only production's bucket policy refuses permanent deletion)",
                    "remove pipeweave:breakGlassRoleArn from the stack file");
        }
        if (forceDestroy.orElse(false) && protectBucket.orElse(false)) {
            problems.add(
                    "pipeweave:forceDestroy",
                    "is true while pipeweave:protectBucket is true; choose one",
                    "remove one of the two from the stack file");
        }
    }
}
