package labstacks.launcher;

import com.pulumi.aws.s3.BucketV2;
import com.pulumi.aws.s3.BucketV2Args;
import labstacks.shared.config.Setting;
import labstacks.shared.program.DirectProgram;
import labstacks.shared.program.StackContext;

/**
 * A program that registers a resource and then fails, as a program bug would: the plan of its stack
 * must show nothing of what it registered before failing.
 */
public final class FailingProgram implements DirectProgram<FailingProgram.Settings> {

    public record Settings(
            @Setting(
                            key = "failing:message",
                            description = "what the failure says",
                            defaultValue = "boom")
                    String message) {}

    @Override
    public String name() {
        return "failing";
    }

    @Override
    public String description() {
        return "test program that fails after registering a bucket";
    }

    @Override
    public Class<Settings> settingsType() {
        return Settings.class;
    }

    @Override
    public void define(StackContext stack, Settings settings) {
        new BucketV2(
                "registered-before-failing",
                BucketV2Args.builder().bucket("partial-plan-bucket").build());
        throw new IllegalStateException("the failing program failed: " + settings.message());
    }
}
