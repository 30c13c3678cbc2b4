package labstacks.shared.program;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import labstacks.offline.plan.OfflineRuntime;
import labstacks.offline.plan.SampleProgram;
import labstacks.shared.config.ConfigProblem;
import labstacks.shared.config.RunMode;
import labstacks.shared.config.Setting;
import labstacks.shared.config.StackConfig;
import labstacks.shared.config.StackConfigException;
import org.junit.jupiter.api.Test;

class PreparedStackTest {

    private static final ProgramCatalog CATALOG = ProgramCatalog.of(List.of(new SampleProgram()));

    private static StackConfig config(Map<String, String> values) {
        return StackConfig.of("labstacks", "sample-prod", values, Set.of("sample:token"));
    }

    @Test
    void anUnknownProgramListsTheKnownOnesAndTheStackFile() {
        var error =
                assertThrows(
                        StackConfigException.class,
                        () ->
                                PreparedStack.prepare(
                                        CATALOG,
                                        config(
                                                Map.of(
                                                        "labstacks:program",
                                                        "sampel",
                                                        "labstacks:environment",
                                                        "prod")),
                                        RunMode.DEPLOY));
        assertEquals(
                List.of("labstacks:program"),
                error.problems().stream().map(ConfigProblem::key).toList());
        assertTrue(
                error.getMessage().contains("names no known program: 'sampel'"),
                error.getMessage());
        assertTrue(
                error.getMessage()
                        .contains(
                                "set labstacks:program in Pulumi.sample-prod.yaml to one of: sample"),
                error.getMessage());
    }

    @Test
    void aMissingProgramAndOtherProblemsComeInOneMessage() {
        var error =
                assertThrows(
                        StackConfigException.class,
                        () ->
                                PreparedStack.prepare(
                                        CATALOG,
                                        config(Map.of("labstacks:environment", "Prod Env!")),
                                        RunMode.DEPLOY));
        var keys = error.problems().stream().map(ConfigProblem::key).toList();
        assertEquals(List.of("labstacks:program", "labstacks:environment"), keys);
        assertTrue(
                error.getMessage()
                        .contains(
                                "add labstacks:program to Pulumi.sample-prod.yaml, one of: sample"),
                error.getMessage());
    }

    @Test
    void theProgramsOwnSettingsAreCheckedBeforeAnythingRuns() {
        var values =
                new HashMap<>(
                        Map.of(
                                "labstacks:program",
                                "sample",
                                "labstacks:environment",
                                "prod",
                                "sample:regoin",
                                "eu-west-1"));
        var error =
                assertThrows(
                        StackConfigException.class,
                        () -> PreparedStack.prepare(CATALOG, config(values), RunMode.PLAN));
        assertEquals(
                List.of("sample:regoin"),
                error.problems().stream().map(ConfigProblem::key).toList());
        assertTrue(error.getMessage().contains("did you mean sample:region?"), error.getMessage());
    }

    @Test
    void aPreparedStackCarriesTagsAndPlanWarnings() {
        var prepared =
                PreparedStack.prepare(
                        CATALOG,
                        config(
                                Map.of(
                                        "labstacks:program",
                                        "sample",
                                        "labstacks:environment",
                                        "prod",
                                        "labstacks:tags",
                                        "{\"team\":\"omics\"}")),
                        RunMode.PLAN);
        assertEquals("sample", prepared.program().name());
        assertEquals("prod", prepared.tags().environment());
        assertEquals("omics", prepared.tags().awsTags().get("team"));
        assertTrue(
                prepared.warnings().get(0).startsWith("sample:token is not set"),
                prepared.warnings().toString());
    }

    @Test
    void badExtraTagsAreRejected() {
        var error =
                assertThrows(
                        StackConfigException.class,
                        () ->
                                PreparedStack.prepare(
                                        CATALOG,
                                        config(
                                                Map.of(
                                                        "labstacks:program",
                                                        "sample",
                                                        "labstacks:environment",
                                                        "prod",
                                                        "labstacks:tags",
                                                        "{\"bad key!\":\"x\", \"project\":\"other\"}")),
                                        RunMode.PLAN));
        assertEquals(2, error.problems().size(), error.getMessage());
        assertTrue(error.problems().stream().allMatch(p -> p.key().equals("labstacks:tags")));
    }

    /** Counts its settings reads and prepares; prepare derives a name and refuses a reserved one. */
    static final class PreparingProgram
            implements StackProgram<PreparingProgram.Settings, PreparingProgram.Inputs> {
        record Settings(@Setting(key = "prep:name", description = "a name") String name) {}

        record Inputs(Settings settings, String derivedName) {}

        final List<String> calls = new ArrayList<>();
        Inputs defined;

        @Override
        public String name() {
            return "prep";
        }

        @Override
        public String description() {
            return "prepares";
        }

        @Override
        public Class<Settings> settingsType() {
            return Settings.class;
        }

        @Override
        public Inputs prepare(
                Settings settings, StackConfig config, RunMode mode, Preflight report) {
            calls.add("prepare " + settings.name());
            if (settings.name().equals("reserved")) {
                report.problem(
                        "prep:name", "is reserved", "pick another name in " + config.stackFile());
                return null;
            }
            return new Inputs(settings, settings.name() + "-" + config.stack());
        }

        @Override
        public void define(StackContext stack, Inputs inputs) {
            defined = inputs;
        }
    }

    private static StackConfig prepConfig(String name) {
        var values =
                new HashMap<String, String>(
                        Map.of("labstacks:program", "prep", "labstacks:environment", "prod"));
        if (name != null) {
            values.put("prep:name", name);
        }
        return StackConfig.of("labstacks", "prep-prod", values, Set.of());
    }

    @Test
    void prepareRunsOnceOnCleanSettingsAndDefineGetsWhatItReturned() {
        var program = new PreparingProgram();
        var prepared =
                PreparedStack.prepare(
                        ProgramCatalog.of(List.of(program)), prepConfig("data"), RunMode.PLAN);
        assertEquals(List.of("prepare data"), program.calls);
        OfflineRuntime.run(prepared, OfflineRuntime.Options.forPreview());
        assertEquals("data-prep-prod", program.defined.derivedName());
        assertEquals(
                List.of("prepare data"), program.calls, "running the stack does not prepare again");
    }

    @Test
    void aProblemPrepareReportsStopsTheRunAndPrepareSkipsBrokenSettings() {
        var program = new PreparingProgram();
        var catalog = ProgramCatalog.of(List.of(program));
        var reserved =
                assertThrows(
                        StackConfigException.class,
                        () -> PreparedStack.prepare(catalog, prepConfig("reserved"), RunMode.PLAN));
        assertEquals(
                List.of("prep:name"),
                reserved.problems().stream().map(ConfigProblem::key).toList());
        assertTrue(
                reserved.getMessage().contains("pick another name in Pulumi.prep-prod.yaml"),
                reserved.getMessage());

        program.calls.clear();
        assertThrows(
                StackConfigException.class,
                () -> PreparedStack.prepare(catalog, prepConfig(null), RunMode.PLAN));
        assertEquals(
                List.of(), program.calls, "prepare never sees settings that did not read cleanly");
    }
}
