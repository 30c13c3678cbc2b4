package labstacks.offline.plan;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pulumi.aws.iam.User;
import com.pulumi.aws.iam.UserArgs;
import labstacks.offline.testing.ProgramHarness;
import labstacks.shared.config.Setting;
import labstacks.shared.program.DirectProgram;
import labstacks.shared.program.StackContext;
import org.junit.jupiter.api.Test;

/**
 * Two resources with one URN: the mock runtime keeps one and says nothing, the engine refuses the second
 * ("Duplicate resource URN"), so the plan fails instead of showing one resource where the program made two.
 */
class DuplicateUrnTest {

    /** Registers the same user twice. */
    static final class TwiceProgram implements DirectProgram<TwiceProgram.Settings> {
        record Settings(
                @Setting(
                                key = "twice:name",
                                description = "the user's name",
                                defaultValue = "robot")
                        String name) {}

        @Override
        public String name() {
            return "twice";
        }

        @Override
        public String description() {
            return "registers one URN twice";
        }

        @Override
        public Class<Settings> settingsType() {
            return Settings.class;
        }

        @Override
        public void define(StackContext stack, Settings settings) {
            new User("robot", UserArgs.builder().name(settings.name()).build());
            new User("robot", UserArgs.builder().name(settings.name() + "-2").build());
        }
    }

    @Test
    void aUrnRegisteredTwiceFailsThePlan() {
        var run = ProgramHarness.of(new TwiceProgram()).run();
        var errors = run.errors();
        assertTrue(
                errors.stream()
                        .anyMatch(
                                e ->
                                        e.contains(
                                                "urn:pulumi:test::labstacks::aws:iam/user:User::robot")),
                errors.toString());
        assertTrue(
                errors.stream().anyMatch(e -> e.contains("the engine refuses the second")),
                errors.toString());
    }
}
