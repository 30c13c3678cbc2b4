package labstacks.shared.plan;

import com.pulumi.aws.iam.User;
import com.pulumi.aws.iam.UserArgs;
import com.pulumi.core.Alias;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import labstacks.shared.testing.ProgramHarness;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class UrnsTest {

    @Test
    void theEngineFormLeavesTheRootStackOutOfTheTypeChain() {
        // pulumi/pulumi sdk/go/common/resource/urn.go NewURN: a root-stack parent adds no type.
        assertEquals("urn:pulumi:s::p::my:mod:Comp$aws:iam/user:User::u",
                Urns.engineForm("urn:pulumi:s::p::pulumi:pulumi:Stack$my:mod:Comp$aws:iam/user:User::u"));
        assertEquals("urn:pulumi:s::p::pulumi:pulumi:Stack::p-s", Urns.engineForm("urn:pulumi:s::p::pulumi:pulumi:Stack::p-s"));
        assertEquals("urn:pulumi:s::p::aws:iam/user:User::u",
                Urns.create("s", "p", "urn:pulumi:s::p::pulumi:pulumi:Stack::p-s", "aws:iam/user:User", "u"));
        assertEquals("urn:pulumi:s::p::my:mod:Comp$aws:iam/user:User::a::b",
                Urns.create("s", "p", "urn:pulumi:s::p::my:mod:Comp::c", "aws:iam/user:User", "a::b"));
        assertEquals("a::b", Urns.parse("urn:pulumi:s::p::aws:iam/user:User::a::b").name());
        assertThrows(IllegalArgumentException.class, () -> Urns.parse("arn:aws:iam::1:user/u"));
    }

    @Test
    void thePlanListsEachAliasAsAnEngineUrnWhetherGivenAsUrnOrSpec() {
        var run = ProgramHarness.component("aliases", stack -> {
            var component = new ComponentResource("my:mod:Comp", "comp", ComponentResourceOptions.Empty);
            new User("robot", UserArgs.builder().name("robot").build(), CustomResourceOptions.builder()
                    .parent(component)
                    .aliases(Alias.withUrn("urn:pulumi:test::labstacks::aws:iam/user:User::old-robot"),
                            Alias.builder().parent(component).name("robot-in-component").build())
                    .build());
        }).run().assertSucceeded();
        var robot = run.resource("aws:iam/user:User", "robot");
        assertEquals("urn:pulumi:test::labstacks::my:mod:Comp$aws:iam/user:User::robot", robot.urn());
        assertEquals(List.of("urn:pulumi:test::labstacks::aws:iam/user:User::old-robot",
                "urn:pulumi:test::labstacks::my:mod:Comp$aws:iam/user:User::robot-in-component"), robot.aliases());
        assertEquals(robot.aliases(), PlanJson.document(run.plan()).get("resources") instanceof List<?> list
                ? ((java.util.Map<?, ?>) list.stream().filter(r -> "robot".equals(((java.util.Map<?, ?>) r).get("name")))
                        .findFirst().orElseThrow()).get("aliases") : null);
        assertEquals(true, PlanPrinter.render(run.plan()).contains(
                "alias: urn:pulumi:test::labstacks::aws:iam/user:User::old-robot"));
    }
}
