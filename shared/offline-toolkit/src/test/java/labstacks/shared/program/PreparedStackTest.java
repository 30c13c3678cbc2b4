package labstacks.shared.program;

import labstacks.shared.config.RunMode;
import labstacks.shared.config.ConfigProblem;
import labstacks.shared.config.StackConfig;
import labstacks.shared.config.StackConfigException;
import labstacks.offline.plan.SampleProgram;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PreparedStackTest {

    private static final ProgramCatalog CATALOG = ProgramCatalog.of(List.of(new SampleProgram()));

    private static StackConfig config(Map<String, String> values) {
        return StackConfig.of("labstacks", "sample-prod", values, Set.of("sample:token"));
    }

    @Test
    void anUnknownProgramListsTheKnownOnesAndTheStackFile() {
        var error = assertThrows(StackConfigException.class, () -> PreparedStack.prepare(CATALOG,
                config(Map.of("labstacks:program", "sampel", "labstacks:environment", "prod")), RunMode.DEPLOY));
        assertEquals(List.of("labstacks:program"), error.problems().stream().map(ConfigProblem::key).toList());
        assertTrue(error.getMessage().contains("names no known program: 'sampel'"), error.getMessage());
        assertTrue(error.getMessage().contains("set labstacks:program in Pulumi.sample-prod.yaml to one of: sample"),
                error.getMessage());
    }

    @Test
    void aMissingProgramAndOtherProblemsComeInOneMessage() {
        var error = assertThrows(StackConfigException.class, () -> PreparedStack.prepare(CATALOG,
                config(Map.of("labstacks:environment", "Prod Env!")), RunMode.DEPLOY));
        var keys = error.problems().stream().map(ConfigProblem::key).toList();
        assertEquals(List.of("labstacks:program", "labstacks:environment"), keys);
        assertTrue(error.getMessage().contains("add labstacks:program to Pulumi.sample-prod.yaml, one of: sample"),
                error.getMessage());
    }

    @Test
    void theProgramsOwnSettingsAreCheckedBeforeAnythingRuns() {
        var values = new HashMap<>(Map.of("labstacks:program", "sample", "labstacks:environment", "prod",
                "sample:regoin", "eu-west-1"));
        var error = assertThrows(StackConfigException.class,
                () -> PreparedStack.prepare(CATALOG, config(values), RunMode.PLAN));
        assertEquals(List.of("sample:regoin"), error.problems().stream().map(ConfigProblem::key).toList());
        assertTrue(error.getMessage().contains("did you mean sample:region?"), error.getMessage());
    }

    @Test
    void aPreparedStackCarriesTagsAndPlanWarnings() {
        var prepared = PreparedStack.prepare(CATALOG, config(Map.of("labstacks:program", "sample",
                "labstacks:environment", "prod", "labstacks:tags", "{\"team\":\"omics\"}")), RunMode.PLAN);
        assertEquals("sample", prepared.program().name());
        assertEquals("prod", prepared.tags().environment());
        assertEquals("omics", prepared.tags().awsTags().get("team"));
        assertTrue(prepared.warnings().get(0).startsWith("sample:token is not set"), prepared.warnings().toString());
    }

    @Test
    void badExtraTagsAreRejected() {
        var error = assertThrows(StackConfigException.class, () -> PreparedStack.prepare(CATALOG,
                config(Map.of("labstacks:program", "sample", "labstacks:environment", "prod",
                        "labstacks:tags", "{\"bad key!\":\"x\", \"project\":\"other\"}")), RunMode.PLAN));
        assertEquals(2, error.problems().size(), error.getMessage());
        assertTrue(error.problems().stream().allMatch(p -> p.key().equals("labstacks:tags")));
    }
}
