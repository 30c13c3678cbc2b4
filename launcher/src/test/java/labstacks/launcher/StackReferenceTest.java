package labstacks.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import labstacks.offline.testing.ProgramHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A stack named as Pulumi users name it plans the same stack as its bare name. */
class StackReferenceTest {

    private static final String STACK = "pipeweave-production";

    @TempDir Path temp;

    private final Path root = ProgramHarness.repositoryRoot();

    private String planJson(String... args) throws Exception {
        var file =
                temp.resolve(
                        "plan-"
                                + args.length
                                + "-"
                                + Math.abs(String.join(" ", args).hashCode())
                                + ".json");
        var command = new ArrayList<>(List.of("plan"));
        command.addAll(List.of(args));
        command.addAll(List.of("--json", file.toString()));
        var run = LauncherRun.of(root, command.toArray(String[]::new));
        assertEquals(0, run.code(), String.join(" ", args) + ": " + run.err());
        return Files.readString(file);
    }

    @Test
    void dashSOrgProjectStackAndTheStackFilePlanTheSameStack() throws Exception {
        var bare = planJson(STACK);
        assertTrue(bare.contains("\"stack\": \"" + STACK + "\""), bare);
        assertEquals(bare, planJson("-s", STACK));
        assertEquals(bare, planJson("--stack", STACK));
        assertEquals(bare, planJson("myorg/labstacks/" + STACK));
        assertEquals(bare, planJson("-s", "myorg/" + STACK));
        assertEquals(bare, planJson("Pulumi." + STACK + ".yaml"));
        assertEquals(bare, planJson("./Pulumi." + STACK + ".yaml"));
    }

    @Test
    void theOrganizationIsShownAndAnotherProjectIsRefused() {
        var withOrg = LauncherRun.of(root, "plan", "myorg/labstacks/" + STACK);
        assertEquals(0, withOrg.code(), withOrg.err());
        assertTrue(
                withOrg.err()
                        .contains(
                                "organization myorg (not used offline), stack file Pulumi."
                                        + STACK
                                        + ".yaml"),
                withOrg.err());

        var other = LauncherRun.of(root, "plan", "myorg/otherproject/" + STACK);
        assertEquals(1, other.code());
        assertTrue(other.err().contains("this checkout is the project 'labstacks'"), other.err());
        assertTrue(other.err().contains("myorg/labstacks/" + STACK), other.err());

        var tooMany = LauncherRun.of(root, "check", "a/b/c/d");
        assertEquals(1, tooMany.code());
        assertTrue(tooMany.err().contains("<org>/labstacks/<stack>"), tooMany.err());
    }

    @Test
    void aStackAndAllTogetherIsNamedAsTheConflictItIs() {
        var run = LauncherRun.of(root, "plan", "--all", "-s", STACK);
        assertEquals(2, run.code());
        assertTrue(run.err().contains("not both"), run.err());
    }

    @Test
    void stacksAndAdoptTakeTheSameForms() {
        var stacks = LauncherRun.of(root, "stacks", "-s", "myorg/labstacks/" + STACK, "--json");
        assertEquals(0, stacks.code(), stacks.err());
        assertTrue(stacks.out().contains("\"stack\":\"" + STACK + "\""), stacks.out());
    }
}
