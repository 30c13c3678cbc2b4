package labstacks.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import labstacks.offline.plan.PlanJson;
import labstacks.offline.testing.ProgramHarness;
import labstacks.shared.config.ProjectFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The plan JSON is a contract: every stack's plan, as {@code ./labstacks plan --all --json} writes it,
 * validates against the committed JSON Schema, and every reference in it is a URN of a resource of the
 * same plan, none shared by two resources.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlanSchemaTest {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private final Path root = ProgramHarness.repositoryRoot();
    private Schema schema;
    private JsonNode plans;

    @BeforeAll
    void planEveryStack(@TempDir Path temp) throws Exception {
        try (var stream = PlanJson.class.getResourceAsStream(PlanJson.SCHEMA_RESOURCE)) {
            schema =
                    SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                            .getSchema(stream);
        }
        var file = temp.resolve("all.json");
        var run = LauncherRun.of(root, "plan", "--all", "--json", file.toString());
        assertEquals(0, run.code(), run.err());
        plans = MAPPER.readTree(Files.readString(file));
    }

    @Test
    void everyStacksPlanValidatesAgainstTheCommittedSchema() {
        assertEquals(
                ProjectFiles.open(root).stacks().size(), plans.size(), "one plan per stack file");
        assertEquals(List.of(), messages(plans));
        for (var plan : plans) {
            assertEquals(PlanJson.VERSION, plan.get("version").asInt());
            assertFalse(plan.get("resources").isEmpty(), plan.get("stack").asString());
        }
    }

    @Test
    void everyReferenceIsTheUrnOfOneResourceOfTheSamePlan() {
        for (var plan : plans) {
            var stack = plan.get("stack").asString();
            var urns = new HashSet<String>();
            for (var resource : plan.get("resources")) {
                assertTrue(
                        urns.add(resource.get("urn").asString()),
                        stack + ": two resources share " + resource.get("urn").asString());
            }
            var problems = new ArrayList<String>();
            for (var resource : plan.get("resources")) {
                var urn = resource.get("urn").asString();
                for (var field : List.of("parent", "provider")) {
                    var reference = resource.get(field);
                    if (!reference.isNull() && !urns.contains(reference.asString())) {
                        problems.add(
                                urn
                                        + " "
                                        + field
                                        + " "
                                        + reference.asString()
                                        + " is not in the plan");
                    }
                }
                resource.get("dependsOn")
                        .forEach(
                                d -> {
                                    if (!urns.contains(d.asString())) {
                                        problems.add(
                                                urn
                                                        + " dependsOn "
                                                        + d.asString()
                                                        + " is not in the plan");
                                    }
                                });
                resource.get("aliases")
                        .forEach(
                                a -> {
                                    if (urns.contains(a.asString())) {
                                        problems.add(
                                                urn
                                                        + " alias "
                                                        + a.asString()
                                                        + " is another resource's URN");
                                    }
                                });
                var isStack = resource.get("type").asString().equals("pulumi:pulumi:Stack");
                if (resource.get("parent").isNull() != isStack) {
                    problems.add(urn + ": only the stack has no parent");
                }
            }
            assertEquals(List.of(), problems, stack);
        }
    }

    @Test
    void theSchemaRefusesNamesWhereUrnsBelongAndAPlanWithoutItsVersion() {
        var plan = (ObjectNode) plans.get(0).deepCopy();
        var child = (ObjectNode) plan.get("resources").get(1);
        child.put("parent", "access");
        assertTrue(
                messages(plan).stream().anyMatch(m -> m.contains("parent")),
                messages(plan).toString());

        var unversioned = (ObjectNode) plans.get(0).deepCopy();
        unversioned.remove("version");
        assertTrue(
                messages(unversioned).stream().anyMatch(m -> m.contains("version")),
                messages(unversioned).toString());

        var stackInChain = (ObjectNode) plans.get(0).deepCopy();
        var first = (ObjectNode) stackInChain.get("resources").get(1);
        first.put(
                "urn",
                first.get("urn")
                        .asString()
                        .replace(
                                "::" + first.get("type").asString(),
                                "::pulumi:pulumi:Stack$" + first.get("type").asString()));
        assertFalse(messages(stackInChain).isEmpty(), "a URN in the SDK's form, not the engine's");
    }

    private List<String> messages(JsonNode document) {
        return schema.validate(document).stream().map(Object::toString).toList();
    }
}
