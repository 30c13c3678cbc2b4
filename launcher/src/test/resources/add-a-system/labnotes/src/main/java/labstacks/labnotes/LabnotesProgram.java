package labstacks.labnotes;

import com.pulumi.resources.ComponentResourceOptions;
import labstacks.shared.program.StackContext;
import labstacks.shared.program.DirectProgram;
import labstacks.shared.providers.AwsAccess;
import labstacks.shared.providers.AwsProviders;


/** Lab notes: one bucket per environment. No preflight: the plan warns of missing AWS credentials by itself. */
public final class LabnotesProgram implements DirectProgram<LabnotesSettings> {

    @Override
    public String name() {
        return "labnotes";
    }

    @Override
    public String description() {
        return "lab notes: one S3 bucket per environment";
    }

    @Override
    public Class<LabnotesSettings> settingsType() {
        return LabnotesSettings.class;
    }

    @Override
    public void define(StackContext stack, LabnotesSettings settings) {
        var aws = AwsProviders.create("aws-labnotes", AwsAccess.defaultChain(settings.region()));
        var notes = new NotesBucket("notes", new NotesBucketArgs(settings.bucketName(), aws),
                ComponentResourceOptions.Empty);
        stack.pulumi().export("bucket_name", notes.bucketName());
    }
}
