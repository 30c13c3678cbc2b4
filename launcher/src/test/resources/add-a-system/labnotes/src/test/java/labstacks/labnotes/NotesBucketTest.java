package labstacks.labnotes;

import com.pulumi.resources.ComponentResourceOptions;
import labstacks.offline.testing.ProgramHarness;
import labstacks.shared.providers.AwsAccess;
import labstacks.shared.providers.AwsProviders;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NotesBucketTest {

    @Test
    void theBucketHasItsNameAndIsProtected() {
        var run = ProgramHarness.component("notes-test", stack -> new NotesBucket("notes",
                new NotesBucketArgs("lab-notes-test", AwsProviders.create("aws", AwsAccess.defaultChain("eu-west-1"))),
                ComponentResourceOptions.Empty)).run().assertSucceeded();
        var bucket = run.resource("aws:s3/bucketV2:BucketV2", "notes");
        assertEquals("lab-notes-test", bucket.inputs().get("bucket"));
        assertTrue(bucket.protect());
        assertEquals("notes", bucket.parent());
    }
}
