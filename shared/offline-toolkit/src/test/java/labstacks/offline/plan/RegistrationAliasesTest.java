package labstacks.offline.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.pulumi.aws.iam.User;
import com.pulumi.aws.iam.UserArgs;
import com.pulumi.core.Alias;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import java.util.List;
import java.util.Map;
import labstacks.offline.testing.ProgramHarness;
import org.junit.jupiter.api.Test;

class RegistrationAliasesTest {

    @Test
    void thePlanListsEachAliasAsAnEngineUrnWhetherGivenAsUrnOrSpec() {
        var run =
                ProgramHarness.component(
                                "aliases",
                                stack -> {
                                    var component =
                                            new ComponentResource(
                                                    "my:mod:Comp",
                                                    "comp",
                                                    ComponentResourceOptions.Empty);
                                    new User(
                                            "robot",
                                            UserArgs.builder().name("robot").build(),
                                            CustomResourceOptions.builder()
                                                    .parent(component)
                                                    .aliases(
                                                            Alias.withUrn(
                                                                    "urn:pulumi:test::labstacks::aws:iam/user:User::old-robot"),
                                                            Alias.builder()
                                                                    .parent(component)
                                                                    .name("robot-in-component")
                                                                    .build())
                                                    .build());
                                })
                        .run()
                        .assertSucceeded();
        var robot = run.resource("aws:iam/user:User", "robot");
        assertEquals(
                "urn:pulumi:test::labstacks::my:mod:Comp$aws:iam/user:User::robot", robot.urn());
        assertEquals(
                List.of(
                        "urn:pulumi:test::labstacks::aws:iam/user:User::old-robot",
                        "urn:pulumi:test::labstacks::my:mod:Comp$aws:iam/user:User::robot-in-component"),
                robot.aliases());
        assertEquals(
                robot.aliases(),
                PlanJson.document(run.plan()).get("resources") instanceof List<?> list
                        ? ((Map<?, ?>)
                                        list.stream()
                                                .filter(
                                                        r ->
                                                                "robot"
                                                                        .equals(
                                                                                ((Map<?, ?>) r)
                                                                                        .get(
                                                                                                "name")))
                                                .findFirst()
                                                .orElseThrow())
                                .get("aliases")
                        : null);
        assertEquals(
                true,
                PlanPrinter.render(run.plan())
                        .contains(
                                "alias: urn:pulumi:test::labstacks::aws:iam/user:User::old-robot"));
    }
}
