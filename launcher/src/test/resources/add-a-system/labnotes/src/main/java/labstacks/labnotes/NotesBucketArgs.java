package labstacks.labnotes;

import com.pulumi.aws.Provider;

/** The bucket's name and the provider that creates it. */
public record NotesBucketArgs(String bucketName, Provider aws) {
}
