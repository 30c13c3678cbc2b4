package labstacks.labnotes;

import labstacks.shared.config.Setting;

/** What a labnotes stack file says. */
public record LabnotesSettings(
        @Setting(key = "aws:region", description = "the AWS region of the bucket", defaultValue = "eu-west-1")
        String region,
        @Setting(key = "labnotes:bucketName", description = "the notes bucket's name")
        String bucketName) {
}
