package labstacks.shared.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pulumi.core.Output;
import com.pulumi.core.internal.OutputInternal;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SettingsLoaderTest {

    enum Tier {
        STANDARD,
        INTELLIGENT_TIERING
    }

    record Example(
            @Setting(
                            key = "demo:bucketName",
                            description = "bucket name",
                            pattern = "[a-z0-9.-]{3,63}",
                            example = "my-bucket")
                    String bucketName,
            @Setting(
                            key = "demo:retentionDays",
                            description = "days to keep",
                            min = 1,
                            max = 3650,
                            defaultValue = "30")
                    int retentionDays,
            @Setting(key = "demo:versioning", description = "keep versions", defaultValue = "true")
                    boolean versioning,
            @Setting(key = "demo:tier", description = "storage tier", defaultValue = "standard")
                    Tier tier,
            @Setting(key = "demo:readers", description = "reader ARNs", defaultValue = "[]")
                    List<String> readers,
            @Setting(key = "demo:labels", description = "extra labels", defaultValue = "{}")
                    Map<String, String> labels,
            @Setting(key = "demo:owner", description = "owning team") Optional<String> owner,
            @Setting(
                            key = "demo:token",
                            description = "API token",
                            env = {"DEMO_TOKEN", "DEMO_ACCESS_TOKEN"},
                            secret = true,
                            credential = true)
                    Output<String> token)
            implements SettingsRules {

        @Override
        public void check(Problems problems) {
            if (!versioning && retentionDays > 90) {
                problems.add(
                        "demo:retentionDays",
                        "is more than 90 days while demo:versioning is false");
            }
        }
    }

    private final Map<String, String> values = new HashMap<>();
    private final Set<String> secrets = new HashSet<>();
    private final Map<String, String> env = new HashMap<>();

    private StackConfig config() {
        return new StackConfig(
                "labstacks", "demo-prod", "Pulumi.demo-prod.yaml", values, secrets, env);
    }

    private void valid() {
        values.put("demo:bucketName", "demo-data");
        values.put("demo:token", "tok");
        secrets.add("demo:token");
    }

    private StackConfigException failure(RunMode mode) {
        return assertThrows(
                StackConfigException.class,
                () -> SettingsLoader.load(Example.class, config(), mode));
    }

    @Test
    void readsEveryTypeAndAppliesDefaults() {
        valid();
        values.put("demo:tier", "Intelligent_Tiering");
        values.put("demo:readers", "[\"arn:aws:iam::1:role/a\",\"arn:aws:iam::1:role/b\"]");
        values.put("demo:labels", "{\"team\":\"omics\"}");
        values.put("demo:owner", "omics");
        var settings = SettingsLoader.load(Example.class, config(), RunMode.DEPLOY);
        assertEquals("demo-data", settings.bucketName());
        assertEquals(30, settings.retentionDays());
        assertTrue(settings.versioning());
        assertEquals(Tier.INTELLIGENT_TIERING, settings.tier());
        assertEquals(List.of("arn:aws:iam::1:role/a", "arn:aws:iam::1:role/b"), settings.readers());
        assertEquals(Map.of("team", "omics"), settings.labels());
        assertEquals(Optional.of("omics"), settings.owner());
        assertTrue(settings.token() != null);
    }

    @Test
    void everyProblemIsReportedAtOnceNamingKeyStackFileAndFix() {
        values.put("demo:bucketName", "Not_A_Bucket");
        values.put("demo:retentionDays", "forever");
        values.put("demo:versioning", "yes");
        values.put("demo:tier", "glacier");
        values.put("demo:readers", "not-a-list");
        values.put("demo:labels", "{\"a\": {\"nested\": 1}}");
        values.put("demo:retentionDay", "3");
        var error = failure(RunMode.DEPLOY);
        var keys = error.problems().stream().map(ConfigProblem::key).toList();
        assertEquals(
                List.of(
                        "demo:bucketName",
                        "demo:retentionDays",
                        "demo:versioning",
                        "demo:tier",
                        "demo:readers",
                        "demo:labels",
                        "demo:token",
                        "demo:retentionDay"),
                keys);
        var message = error.getMessage();
        assertTrue(
                message.startsWith(
                        "Pulumi.demo-prod.yaml: 8 configuration problems, nothing was registered"),
                message);
        assertTrue(
                message.contains(
                        "text matching [a-z0-9.-]{3,63}, got \"Not_A_Bucket\" from Pulumi.demo-prod.yaml"),
                message);
        assertTrue(message.contains("a whole number from 1 to 3650, got \"forever\""), message);
        assertTrue(message.contains("true or false, got \"yes\""), message);
        assertTrue(
                message.contains("one of standard, intelligent-tiering, got \"glacier\""), message);
        assertTrue(
                message.contains("pulumi config set demo:bucketName my-bucket -s demo-prod"),
                message);
        assertTrue(message.contains("did you mean demo:retentionDays?"), message);
        assertTrue(message.contains("export DEMO_TOKEN or DEMO_ACCESS_TOKEN"), message);
        assertEquals("Pulumi.demo-prod.yaml", error.stackFile());
    }

    @Test
    void numbersOutsideTheirRangeAreRejected() {
        valid();
        values.put("demo:retentionDays", "0");
        var error = failure(RunMode.DEPLOY);
        assertEquals("demo:retentionDays", error.problems().get(0).key());
        assertTrue(error.getMessage().contains("from 1 to 3650, got \"0\""));
    }

    @Test
    void aSecretInPlainTextIsAnErrorAndItsValueIsNeverEchoed() {
        valid();
        secrets.remove("demo:token");
        values.put("demo:token", "plain-text-token-123");
        var error = failure(RunMode.DEPLOY);
        assertEquals(1, error.problems().size());
        assertTrue(error.getMessage().contains("stored in plain text in Pulumi.demo-prod.yaml"));
        assertTrue(error.getMessage().contains("pulumi config set --secret demo:token"));
        assertFalse(error.getMessage().contains("plain-text-token-123"));
    }

    @Test
    void aMissingCredentialFallsBackToTheEnvironmentInOrder() {
        values.put("demo:bucketName", "demo-data");
        env.put("DEMO_ACCESS_TOKEN", "second");
        assertTrue(
                SettingsLoader.read(Example.class, config(), RunMode.DEPLOY).problems().isEmpty());
        env.put("DEMO_TOKEN", "first");
        assertTrue(
                SettingsLoader.read(Example.class, config(), RunMode.DEPLOY).problems().isEmpty());
        env.put("DEMO_TOKEN", "");
        env.remove("DEMO_ACCESS_TOKEN");
        var unset = SettingsLoader.read(Example.class, config(), RunMode.DEPLOY).problems();
        assertEquals(
                List.of("demo:token"),
                unset.stream().map(ConfigProblem::key).toList(),
                "an empty variable counts as unset, as direnv leaves them");

        values.put("demo:token", "");
        secrets.add("demo:token");
        var empty = SettingsLoader.read(Example.class, config(), RunMode.DEPLOY).problems();
        assertEquals(1, empty.size());
        assertTrue(
                empty.get(0).problem().contains("a non-empty secret, got a secret value"),
                empty.get(0).problem());
    }

    @Test
    void aMissingCredentialIsAWarningInAPlanAndAnErrorInADeploy() {
        values.put("demo:bucketName", "demo-data");
        var deploy = failure(RunMode.DEPLOY);
        assertEquals(
                List.of("demo:token"), deploy.problems().stream().map(ConfigProblem::key).toList());

        var plan = SettingsLoader.read(Example.class, config(), RunMode.PLAN);
        assertEquals(1, plan.warnings().size());
        assertTrue(
                plan.warnings().get(0).startsWith("demo:token is not set (API token)"),
                plan.warnings().get(0));
    }

    record PairedSecret(
            @Setting(key = "demo:user", description = "user") Optional<String> user,
            @Setting(key = "demo:password", description = "password", secret = true)
                    Optional<Output<String>> password)
            implements SettingsRules {
        @Override
        public void check(Problems problems) {
            if (user.isPresent() != password.isPresent()) {
                problems.add("demo:user", "user and password go together");
            }
        }
    }

    @Test
    void rulesSeeWhetherASecretIsSet() {
        secrets.add("demo:password");
        values.put("demo:password", "pw");
        assertEquals(
                List.of("demo:user"),
                SettingsLoader.read(PairedSecret.class, config(), RunMode.DEPLOY)
                        .problems()
                        .stream()
                        .map(ConfigProblem::key)
                        .toList());
        values.put("demo:user", "u");
        assertTrue(
                SettingsLoader.read(PairedSecret.class, config(), RunMode.DEPLOY)
                        .problems()
                        .isEmpty());
    }

    record PatternedCredential(
            @Setting(
                            key = "demo:publicKey",
                            description = "a base64 key",
                            pattern = "[A-Za-z0-9+/]+={0,2}",
                            credential = true)
                    String publicKey) {}

    @Test
    void aPlanPlaceholderIsNotHeldToTheValuePattern() {
        var plan = SettingsLoader.load(PatternedCredential.class, config(), RunMode.PLAN);
        assertEquals(SettingsLoader.PLAN_PLACEHOLDER, plan.publicKey());
        values.put("demo:publicKey", "not base64!");
        assertEquals(
                List.of("demo:publicKey"),
                SettingsLoader.read(PatternedCredential.class, config(), RunMode.PLAN)
                        .problems()
                        .stream()
                        .map(ConfigProblem::key)
                        .toList(),
                "a real value still is");
    }

    @Test
    void crossSettingRulesRunOnceEverySettingParses() {
        valid();
        values.put("demo:versioning", "false");
        values.put("demo:retentionDays", "365");
        var error = failure(RunMode.DEPLOY);
        assertEquals(1, error.problems().size());
        assertTrue(
                error.getMessage().contains("demo:retentionDays: is more than 90 days"),
                error.getMessage());
        assertTrue(
                error.getMessage().contains("edit demo:retentionDays in Pulumi.demo-prod.yaml"),
                error.getMessage());
    }

    @Test
    void keysOfOtherNamespacesAreLeftToTheirOwners() {
        valid();
        values.put("aws:region", "eu-west-1");
        values.put("labstacks:program", "demo");
        values.put("other:anything", "x");
        assertTrue(
                SettingsLoader.read(Example.class, config(), RunMode.DEPLOY).problems().isEmpty());
    }

    @Test
    void checkNeverCreatesOutputsSoItRunsBeforeTheEngine() {
        valid();
        // Output.ofSecret outside a Pulumi deployment throws; check must not call it.
        assertTrue(
                SettingsLoader.read(Example.class, config(), RunMode.DEPLOY).problems().isEmpty());
        assertTrue(SettingsLoader.read(Example.class, config(), RunMode.PLAN).problems().isEmpty());
    }

    record Misdeclared(
            @Setting(key = "demo:token", description = "token", secret = true) String token) {}

    record BadKey(@Setting(key = "noNamespace", description = "x") String value) {}

    @Test
    void programmingMistakesInASettingsRecordFailLoudly() {
        valid();
        var secretAsString =
                assertThrows(
                        IllegalStateException.class,
                        () ->
                                SettingsLoader.read(Misdeclared.class, config(), RunMode.DEPLOY)
                                        .problems());
        assertTrue(secretAsString.getMessage().contains("must be Output<String>"));
        var badKey =
                assertThrows(IllegalStateException.class, () -> SettingsLoader.keys(BadKey.class));
        assertTrue(badKey.getMessage().contains("not of the form namespace:key"));
    }

    @Test
    void enumConfigNamesAreLowerCaseWithDashes() {
        assertEquals("intelligent-tiering", SettingsLoader.configName(Tier.INTELLIGENT_TIERING));
        assertEquals(
                List.of(
                        "demo:bucketName",
                        "demo:retentionDays",
                        "demo:versioning",
                        "demo:tier",
                        "demo:readers",
                        "demo:labels",
                        "demo:owner",
                        "demo:token"),
                SettingsLoader.keys(Example.class));
    }

    record Storage(
            @Setting(key = "demo:bucketName", description = "the bucket") String bucketName,
            @Setting(
                            key = "demo:retentionDays",
                            description = "days",
                            defaultValue = "30",
                            min = 1,
                            max = 90)
                    int retentionDays)
            implements SettingsRules {
        @Override
        public void check(Problems problems) {
            if (bucketName.startsWith("tmp-") && retentionDays > 7) {
                problems.add("demo:retentionDays", "a tmp- bucket keeps objects 7 days at most");
            }
        }
    }

    record Access(@Setting(key = "demo:owner", description = "owner") String owner) {}

    record Grouped(Storage storage, Access access) {}

    @Test
    void aGroupIsReadLikeTheRecordItNestsAndItsRulesRunToo() {
        assertEquals(
                List.of("demo:bucketName", "demo:retentionDays", "demo:owner"),
                SettingsLoader.keys(Grouped.class));
        var missing = SettingsLoader.read(Grouped.class, config(), RunMode.DEPLOY);
        assertEquals(
                List.of("demo:bucketName", "demo:owner"),
                missing.problems().stream().map(ConfigProblem::key).toList(),
                "every group's problems come back together");
        assertEquals(null, missing.settings());

        values.put("demo:bucketName", "tmp-scratch");
        values.put("demo:owner", "lab");
        var rule = SettingsLoader.read(Grouped.class, config(), RunMode.DEPLOY);
        assertEquals(
                List.of("demo:retentionDays"),
                rule.problems().stream().map(ConfigProblem::key).toList());

        values.put("demo:bucketName", "scratch");
        values.put("demo:notASetting", "x");
        var unknown = SettingsLoader.read(Grouped.class, config(), RunMode.DEPLOY);
        assertEquals(
                List.of("demo:notASetting"),
                unknown.problems().stream().map(ConfigProblem::key).toList(),
                "a key no group declares is unknown");

        values.remove("demo:notASetting");
        var grouped = SettingsLoader.load(Grouped.class, config(), RunMode.DEPLOY);
        assertEquals("scratch", grouped.storage().bucketName());
        assertEquals(30, grouped.storage().retentionDays());
        assertEquals("lab", grouped.access().owner());
    }

    record Unannotated(
            @Setting(key = "demo:owner", description = "owner") String owner, List<String> names) {}

    @Test
    void aComponentThatIsNeitherSettingNorGroupIsAProgrammingError() {
        values.put("demo:owner", "lab");
        var error =
                assertThrows(
                        IllegalStateException.class,
                        () -> SettingsLoader.read(Unannotated.class, config(), RunMode.DEPLOY));
        assertTrue(error.getMessage().contains("Unannotated.names"), error.getMessage());
    }

    @Test
    void aSecretIsReadOnceAsASecretOutput() throws Exception {
        valid();
        var settings = SettingsLoader.load(Example.class, config(), RunMode.DEPLOY);
        var data = ((OutputInternal<String>) settings.token()).getDataAsync().get();
        assertTrue(data.isSecret());
        assertEquals(values.get("demo:token"), data.getValueNullable());
    }

    /** What an error repeats of a value: no URL password, no raw newline, no megabyte (audit mt08, pw07, pw09). */
    @Test
    void anErrorRepeatsAValueSafely() {
        assertEquals(
                "https://<user info hidden>@api.example.org/x",
                SettingsLoader.shown("https://user:CANARY@api.example.org/x"));
        assertEquals(
                "see HTTP://<user info hidden>@h and ftp://<user info hidden>@g",
                SettingsLoader.shown("see HTTP://a:b@h and ftp://c@g"));
        assertEquals(
                "https://api.example.org/a@b",
                SettingsLoader.shown("https://api.example.org/a@b"),
                "an @ after the host is not user information");
        assertEquals("pipeweave-datasets-x\\n", SettingsLoader.shown("pipeweave-datasets-x\n"));
        assertEquals("a\\u0000b\\tc", SettingsLoader.shown("a\u0000b\tc"));
        var long_ = "a".repeat(1_000_000);
        assertEquals("a".repeat(120) + "... (1000000 characters)", SettingsLoader.shown(long_));
    }
}
