package labstacks.launcher.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import labstacks.offline.plan.OfflineMocks;
import labstacks.offline.testing.ProgramHarness;
import labstacks.shared.config.SettingsLoader;
import labstacks.shared.program.OfflineFunction;
import labstacks.shared.program.ProgramCatalog;
import labstacks.shared.validation.Format;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import pulumirpc.EngineOuterClass.LogSeverity;
import pulumirpc.Resource.RegisterResourceRequest;

/**
 * The deploy path end to end: {@code java -jar labstacks.jar}, started as the Pulumi CLI's Java language
 * host starts it ({@link JavaLanguageHost}), against a Pulumi engine speaking the real gRPC protocol
 * ({@link FakeEngine}). Every stack file of the repository is previewed once and must register exactly
 * what the same jar's offline plan ({@code plan --all --json}) says: the same URNs, the same options, the
 * same inputs (unknown where a provider computes the value), the same secrets (wrapped in the engine's
 * secret signature), the same stack outputs and packages. The expectations come from the plan, so the
 * test follows the programs as they change.
 *
 * <p>Runs after {@code package} (failsafe), against the shaded jar {@code Pulumi.yaml} points at.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
// Two runs at a time (src/test/resources/junit-platform.properties): a run waits on its child JVM
// and the fake engine's answers, and the launcher's other tests share the two cores. Each run has
// its own engine, port and files; what the runs share (the offline plans, the archive) is written
// in planEveryStackOffline.
@Execution(ExecutionMode.CONCURRENT)
class EngineProtocolIT {

    /** Options compared one by one; a plan key not listed here (added later) is not compared. */
    private static final List<String> OPTIONS =
            List.of(
                    "type",
                    "name",
                    "parent",
                    "provider",
                    "protect",
                    "importId",
                    "ignoreChanges",
                    "dependsOn",
                    "deleteBeforeReplace",
                    "retainOnDelete",
                    "additionalSecretOutputs",
                    "replaceOnChanges",
                    "customTimeouts");

    /** A base64 value that fits every non-secret credential's pattern (a DER public key here). */
    private static final String PLAIN_CREDENTIAL = "ZW5naW5lLXRlc3QtcHVibGljLWtleQ==";

    /** A line of a Java stack trace. */
    private static final Pattern STACK_FRAME = Pattern.compile("(?m)^\\s+at [\\w$.]+\\(");

    /** Every canary secret carries this, so a search for it finds any the test did not list. */
    private static final String CANARY = "canary7f3a9c";

    private final Path root = ProgramHarness.repositoryRoot();
    private final ProgramCatalog catalog = ProgramCatalog.discover();
    private Path scratch;
    private JavaLanguageHost host;
    private final Map<String, JsonObject> plans = new TreeMap<>();

    @BeforeAll
    void planEveryStackOffline() throws Exception {
        var jar =
                Path.of(System.getProperty("labstacks.jar", "target/labstacks.jar"))
                        .toAbsolutePath();
        assertTrue(Files.isRegularFile(jar), "the shaded jar is built by package: " + jar);
        scratch = Files.createTempDirectory("engine-protocol");
        host = new JavaLanguageHost(jar, root, scratch);
        var json = scratch.resolve("plans.json");
        var result = host.offline(baseEnvironment(), "plan", "--all", "--json", json.toString());
        assertEquals(0, result.exitCode(), result.stderr());
        for (var plan : JsonParser.parseString(Files.readString(json)).getAsJsonArray()) {
            plans.put(plan.getAsJsonObject().get("stack").getAsString(), plan.getAsJsonObject());
        }
    }

    Stream<String> stacks() throws IOException {
        try (var files = Files.list(ProgramHarness.repositoryRoot())) {
            return files
                    .map(p -> p.getFileName().toString())
                    .filter(n -> n.matches("Pulumi\\..+\\.yaml"))
                    .map(n -> n.substring("Pulumi.".length(), n.length() - ".yaml".length()))
                    .sorted()
                    .toList()
                    .stream();
        }
    }

    @ParameterizedTest
    @MethodSource("stacks")
    void aPreviewRegistersExactlyTheOfflinePlan(String stack) throws Exception {
        registersExactlyTheOfflinePlan(stack, true);
    }

    /**
     * An update, where the providers' outputs are known: every secret the plan shows must arrive wrapped
     * (a preview may send a provider-computed secret as the bare unknown value). Run once, for the stack
     * whose plan holds the most secrets.
     */
    @Test
    void anUpdateSendsEverySecretWrapped() throws Exception {
        var stack =
                plans.entrySet().stream()
                        .max(
                                Comparator.comparingInt(
                                        e -> countSecrets(e.getValue().get("resources"))))
                        .orElseThrow()
                        .getKey();
        assertTrue(
                countSecrets(plans.get(stack).get("resources")) > 0,
                "some stack's plan holds a secret");
        registersExactlyTheOfflinePlan(stack, false);
    }

    private void registersExactlyTheOfflinePlan(String stack, boolean preview) throws Exception {
        var plan = plans.get(stack);
        assertTrue(plan != null, "plan --all planned " + stack);
        var deployment = deployment(stack, preview, null);

        try (var engine = engineFor(deployment)) {
            var run = host.run(deployment, engine);
            assertEquals(0, run.exitCode(), run.stdout() + run.stderr());
            assertEquals(List.of(), engine.protocolErrors());

            var registered = new LinkedHashMap<String, RegisterResourceRequest>();
            engine.registrations().forEach(r -> registered.put(r.urn(), r.request()));
            var planned = new LinkedHashMap<String, JsonObject>();
            plan.getAsJsonArray("resources").forEach(r -> planned.put(urn(r), r.getAsJsonObject()));
            assertEquals(
                    new TreeSet<>(planned.keySet()),
                    new TreeSet<>(registered.keySet()),
                    stack + ": the URNs the engine registered against the plan's");
            assertEquals(planned.size(), engine.registrations().size(), "each URN registered once");

            var names = new HashMap<String, String>();
            registered.forEach((urn, request) -> names.put(urn, request.getName()));
            var problems = new ArrayList<String>();
            planned.forEach(
                    (urn, expected) -> {
                        var actual = asPlanEntry(registered.get(urn), names);
                        for (var option : OPTIONS) {
                            if (expected.has(option)
                                    && !expected.get(option).equals(actual.get(option))) {
                                problems.add(
                                        urn
                                                + " "
                                                + option
                                                + ": plan "
                                                + expected.get(option)
                                                + ", engine "
                                                + actual.get(option));
                            }
                        }
                        var inputs = EngineValues.toJava(registered.get(urn).getObject());
                        compareSecrets(
                                urn + " " + "inputs",
                                expected.get("inputs"),
                                inputs,
                                preview,
                                problems);
                        if (preview) {
                            compareInputs(
                                    urn + " inputs", expected.get("inputs"), inputs, problems);
                        }
                    });
            assertEquals(
                    List.of(),
                    problems,
                    stack + ": options, inputs and secrets the engine received against the plan");

            assertPackages(plan, engine);
            assertStackOutputs(plan, engine);
            assertNoSecretInPlainText(deployment, engine, run);
            assertTrue(
                    engine.logMessages(LogSeverity.DEBUG).stream()
                            .anyMatch(m -> m.startsWith("Registering resource monitor start")),
                    "the SDK's request lines reach the engine at DEBUG, so the check above saw them");
        }
    }

    /**
     * The SDK's verbose switches, as someone debugging a deploy sets them: {@code PULUMI_JAVA_LOG_VERBOSE}
     * (every request through java.util.logging to stderr; {@code PULUMI_EXCESSIVE_DEBUG_OUTPUT} is refused, see
     * {@link #theExcessiveDebugSwitchIsRefusedInOneLine}) (more
     * DEBUG lines, property values included), in an update, where providers' secret outputs come back too.
     * The deploy still registers the whole plan, stderr shows the SDK's log, and no canary is anywhere.
     */
    @ParameterizedTest
    @MethodSource("stacks")
    void theVerboseSwitchesLeakNoSecret(String stack) throws Exception {
        var deployment =
                withEnvironment(
                        withEverySecret(deployment(stack, false, null)),
                        Map.of("PULUMI_JAVA_LOG_VERBOSE", "true"));
        try (var engine = engineFor(deployment)) {
            var run = host.run(deployment, engine);
            assertEquals(0, run.exitCode(), run.stdout() + tail(run.stderr()));
            // Optional secrets (a Google key, S3 keys, ...) wire more resources than the stack
            // file's plan.
            assertTrue(
                    engine.registrations().size()
                            >= plans.get(stack).getAsJsonArray("resources").size(),
                    stack + ": the whole plan registered");
            assertTrue(
                    run.stderr().contains("Registering resource monitor start"),
                    "the verbose switch reached the SDK: its request lines are on stderr, cut");
            assertNoSecretInPlainText(deployment, engine, run);
        }
    }

    /**
     * {@code PULUMI_EXCESSIVE_DEBUG_OUTPUT}: the SDK 1.36.1 formats each such line twice, so moderate's backup
     * CronJob (its script holds {@code date +%Y...}) would end the update with UnknownFormatConversionException
     * (com.pulumi.serialization.internal.Serializer passes the formatted line to com.pulumi.Log.excessive as a
     * format string, read from the 1.36.1 jar's bytecode). The run is refused in one line before anything registers.
     */
    @Test
    void theExcessiveDebugSwitchIsRefusedInOneLine() throws Exception {
        var deployment =
                withEnvironment(
                        deployment("moderate-prod", false, null),
                        Map.of("PULUMI_EXCESSIVE_DEBUG_OUTPUT", "true"));
        try (var engine = engineFor(deployment)) {
            var run = host.run(deployment, engine);
            assertEquals(1, run.exitCode(), run.stdout() + tail(run.stderr()));
            assertTrue(
                    run.stderr().startsWith("error: PULUMI_EXCESSIVE_DEBUG_OUTPUT is refused"),
                    run.stderr());
            assertEquals(1, run.stderr().strip().lines().count(), run.stderr());
            assertEquals(0, engine.registrations().size(), "nothing registered");
        }
    }

    /**
     * java.util.logging at ALL (how a Java user raises log levels): the SDK 1.36.1 would log the
     * environment and the decrypted config through it, so a deployment refuses it in one line before the
     * engine hears anything.
     */
    @ParameterizedTest
    @MethodSource("stacks")
    void javaLoggingAtAllIsRefusedInOneLine(String stack) throws Exception {
        var properties = scratch.resolve("logging-all-" + stack + ".properties");
        Files.writeString(
                properties,
                "handlers=java.util.logging.ConsoleHandler\n.level=ALL\n"
                        + "java.util.logging.ConsoleHandler.level=ALL\n");
        var deployment =
                withEnvironment(
                        deployment(stack, true, null),
                        Map.of(
                                "PULUMI_JAVA_LOG_VERBOSE",
                                "true",
                                "JDK_JAVA_OPTIONS",
                                "-Djava.util.logging.config.file=" + properties));
        try (var engine = engineFor(deployment)) {
            var run = host.run(deployment, engine);
            assertEquals(1, run.exitCode(), run.stdout() + run.stderr());
            var lines = programLines(run.stderr());
            assertEquals(1, lines.size(), "one line: " + lines);
            assertTrue(
                    lines.get(0)
                            .startsWith(
                                    "error: -Djava.util.logging.config.file="
                                            + properties
                                            + " is refused for a deployment"),
                    lines.get(0));
            assertEquals(0, engine.calls(), "the engine heard nothing");
            assertNoSecretInPlainText(deployment, engine, run);
        }
    }

    /**
     * A provider error for one resource (the engine fails its RegisterResource): one line in the engine's
     * log naming the resource's type and name and quoting the engine, exit 32 (the SDK's "already
     * reported"), no Java stack trace anywhere; with the verbose switch on, still no canary in the output
     * the language host copies into the CLI's when a deploy fails.
     */
    @Test
    void anEngineErrorIsOneLineNamingTheResource() throws Exception {
        var stack = "moderate-prod";
        var resource = planned(stack, "dagster-secrets");
        var fault = new FakeEngine.Fault(FakeEngine.Fault.Kind.REFUSE, "dagster-secrets");
        var deployment =
                withEnvironment(
                        deployment(stack, false, null), Map.of("PULUMI_JAVA_LOG_VERBOSE", "true"));
        try (var engine = engineFor(deployment).inject(fault)) {
            var run = host.run(deployment, engine);
            assertEquals(32, run.exitCode(), tail(run.stderr()));
            var errors = engine.logMessages(LogSeverity.ERROR);
            assertEquals(
                    List.of(
                            "registering "
                                    + resource.get("type").getAsString()
                                    + " \"dagster-secrets\": the engine"
                                    + " answered UNKNOWN: "
                                    + fault.message(resource.get("type").getAsString())),
                    errors);
            assertNoStackTrace(run, engine);
            assertNoSecretInPlainText(deployment, engine, run);
        }
    }

    /**
     * An engine that never answers one registration: the deploy ends by itself after
     * {@code LABSTACKS_ENGINE_TIMEOUT}, with one line naming the resource and the wait.
     */
    @Test
    void aSilentEngineEndsTheRunWithOneLine() throws Exception {
        var stack = "pipeweave-production";
        var resource = planned(stack, "datasets-policy");
        var deployment =
                withEnvironment(
                        deployment(stack, false, null), Map.of("LABSTACKS_ENGINE_TIMEOUT", "5s"));
        try (var engine =
                engineFor(deployment)
                        .inject(
                                new FakeEngine.Fault(
                                        FakeEngine.Fault.Kind.SILENT, "datasets-policy"))) {
            var started = System.nanoTime();
            var run = host.run(deployment, engine);
            var seconds = (System.nanoTime() - started) / 1e9;
            assertEquals(32, run.exitCode(), tail(run.stderr()));
            assertTrue(seconds < 120, "ended by itself, in " + seconds + " s");
            assertEquals(
                    List.of(
                            "registering "
                                    + resource.get("type").getAsString()
                                    + " \"datasets-policy\": the engine"
                                    + " did not answer within 5s (LABSTACKS_ENGINE_TIMEOUT sets how long to wait)"),
                    engine.logMessages(LogSeverity.ERROR));
            assertNoStackTrace(run, engine);
        }
    }

    @Test
    void aMissingSettingExitsOneWithNothingRegistered() throws Exception {
        // The first stack whose program needs a secret credential; the deploy runs without it.
        for (var stack : stacks().toList()) {
            var missing =
                    credentials(stack).keySet().stream()
                            .filter(k -> credentials(stack).get(k))
                            .findFirst();
            if (missing.isEmpty()) {
                continue;
            }
            var deployment = deployment(stack, true, missing.get());
            try (var engine = engineFor(deployment)) {
                var run = host.run(deployment, engine);
                assertEquals(1, run.exitCode(), run.stdout() + run.stderr());
                assertTrue(run.stderr().contains(missing.get()), "names the key: " + run.stderr());
                assertTrue(
                        run.stderr().contains("Pulumi." + stack + ".yaml"),
                        "names the stack file: " + run.stderr());
                assertEquals(
                        0, engine.calls(), "the engine heard nothing: " + engine.registrations());
            }
            return;
        }
        throw new AssertionError("no stack has a secret credential to leave out");
    }

    /**
     * An engine that goes away in the middle of an update (crashed, interrupted): the program cannot
     * report to it, so it says on stderr, in one line, which registration lost the engine, and exits 1.
     */
    @Test
    void anEngineThatGoesAwayEndsTheRunWithOneLine() throws Exception {
        var stack = "pipeweave-production";
        planned(stack, "datasets-policy");
        var deployment = deployment(stack, false, null);
        try (var engine =
                engineFor(deployment)
                        .inject(
                                new FakeEngine.Fault(
                                        FakeEngine.Fault.Kind.GONE, "datasets-policy"))) {
            var run = host.run(deployment, engine);
            assertEquals(1, run.exitCode(), tail(run.stderr()));
            var lines =
                    programLines(run.stderr()).stream()
                            .filter(l -> !l.startsWith("SLF4J(W): "))
                            .toList();
            assertEquals(1, lines.size(), "one line: " + lines);
            assertTrue(
                    lines.get(0).startsWith("error: registering ")
                            && lines.get(0).contains(": the engine went away ("),
                    lines.get(0));
            assertNoStackTrace(run, engine);
        }
    }

    /** The plan's entry for the resource named {@code name}; the fault tests need it to exist. */
    private JsonObject planned(String stack, String name) {
        for (var resource : plans.get(stack).getAsJsonArray("resources")) {
            if (resource.getAsJsonObject().get("name").getAsString().equals(name)) {
                return resource.getAsJsonObject();
            }
        }
        throw new AssertionError(stack + " plans no resource named " + name);
    }

    /** No Java stack trace and no "unhandled exception" in the engine's log, stdout or stderr. */
    private static void assertNoStackTrace(JavaLanguageHost.Result run, FakeEngine engine) {
        var texts = new ArrayList<>(engine.allLogMessages());
        texts.add(run.stdout());
        texts.add(run.stderr());
        for (var text : texts) {
            assertFalse(
                    STACK_FRAME.matcher(text).find() || text.contains("unhandled exception"),
                    "a stack trace: " + tail(text));
        }
    }

    /** The program's own stderr lines: without the JVM's note that it read JDK_JAVA_OPTIONS. */
    private static List<String> programLines(String stderr) {
        return stderr.lines().filter(l -> !l.startsWith("NOTE: Picked up ")).toList();
    }

    private static String tail(String text) {
        return text.length() <= 4000 ? text : "..." + text.substring(text.length() - 4000);
    }

    // ---- what the CLI would hand the language host ----

    /**
     * The stack file's config as {@code PULUMI_CONFIG} carries it, plus every credential the program
     * declares ({@link Setting#credential()}) and the stack file does not hold: secrets as
     * {@code pulumi config set --secret} leaves them, AWS keys in the environment as direnv or ESC does.
     */
    /** A fake engine for {@code deployment}'s project, stack and mode, with the offline plan's providers. */
    private FakeEngine engineFor(JavaLanguageHost.Deployment deployment) throws IOException {
        return new FakeEngine(
                deployment.project(),
                deployment.stack(),
                deployment.preview(),
                new OfflineMocks(functions()),
                functions());
    }

    private JavaLanguageHost.Deployment deployment(String stack, boolean preview, String leaveOut)
            throws IOException {
        var config = stackFileConfig(stack);
        var secretKeys = new ArrayList<String>();
        var supplied = new TreeMap<>(credentials(stack));
        // Optional secrets a production stack requires at deploy, from its ESC environment as in CI
        // (the
        // definition moderate-infra/esc/moderate-prod.yaml supplies them;
        // ModerateProgram.requireCodeLocationServices).
        REQUIRED_AT_DEPLOY.getOrDefault(stack, List.of()).forEach(key -> supplied.put(key, true));
        for (var entry : supplied.entrySet()) {
            var key = entry.getKey();
            if (key.equals(leaveOut) || config.containsKey(key)) {
                continue;
            }
            if (entry.getValue()) {
                config.put(key, canary(stack, key));
                secretKeys.add(key);
            } else {
                config.put(key, PLAIN_CREDENTIAL);
            }
        }
        var environment = baseEnvironment();
        environment.put("AWS_ACCESS_KEY_ID", "AKIAENGINETEST000000");
        environment.put("AWS_SECRET_ACCESS_KEY", secretValue(stack, "aws-secret-access-key"));
        var project = ((Map<?, ?>) yaml(root.resolve("Pulumi.yaml"))).get("name").toString();
        return new JavaLanguageHost.Deployment(
                project, stack, preview, config, secretKeys, environment);
    }

    /** A clean environment: no developer credentials, no ~/.aws or ~/.kube, no CI tokens. */
    private Map<String, String> baseEnvironment() throws IOException {
        var environment = new TreeMap<String, String>();
        environment.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        environment.put(
                "HOME",
                Files.createDirectories(
                                scratch == null
                                        ? Files.createTempDirectory("engine-home")
                                        : scratch.resolve("home"))
                        .toString());
        environment.put("LANG", "C.UTF-8");
        return environment;
    }

    /** The canary of a secret setting in the form its format takes (a JSON document for the Google key). */
    private String canary(String stack, String key) throws IOException {
        var program = catalog.find(stackFileConfig(stack).get("labstacks:program")).orElseThrow();
        var json =
                SettingsLoader.settings(program.settingsType()).stream()
                        .anyMatch(
                                setting ->
                                        setting.key().equals(key)
                                                && setting.format() == Format.JSON_DOCUMENT);
        var canary = secretValue(stack, key);
        return json ? "{\"type\":\"service_account\",\"private_key\":\"" + canary + "\"}" : canary;
    }

    /** A canary: unique to the stack and the setting, so a find says which secret leaked from where. */
    private static String secretValue(String stack, String key) {
        return CANARY + "-" + stack + "-" + key.replace(':', '-');
    }

    /**
     * The deployment with every secret setting of the stack's program set to a canary, the optional ones
     * too, with what their groups need besides ({@link #COMPANIONS}); a JSON-document secret (the Google
     * key) is a JSON object holding the canary.
     */
    private JavaLanguageHost.Deployment withEverySecret(JavaLanguageHost.Deployment deployment) {
        var config = new TreeMap<>(deployment.config());
        var secretKeys = new ArrayList<>(deployment.secretKeys());
        var program = catalog.find(config.get("labstacks:program")).orElseThrow();
        var keys = SettingsLoader.keys(program.settingsType());
        for (var setting : SettingsLoader.settings(program.settingsType())) {
            if (!setting.secret() || config.containsKey(setting.key())) {
                continue;
            }
            var canary = secretValue(deployment.stack(), setting.key());
            config.put(
                    setting.key(),
                    setting.format() == Format.JSON_DOCUMENT
                            ? "{\"type\":\"service_account\",\"private_key\":\"" + canary + "\"}"
                            : canary);
            secretKeys.add(setting.key());
        }
        COMPANIONS.forEach(
                (key, value) -> {
                    if (keys.contains(key)) {
                        config.putIfAbsent(key, value);
                    }
                });
        return new JavaLanguageHost.Deployment(
                deployment.project(),
                deployment.stack(),
                deployment.preview(),
                config,
                secretKeys,
                deployment.environment());
    }

    /** Plain settings an optional secret is refused without (moderate's Platform API and S3 groups). */
    private static final Map<String, String> COMPANIONS =
            Map.of(
                    "moderate:apiBaseUrl",
                    "https://api.example.org",
                    "moderate:apiUsername",
                    "engine-test",
                    "moderate:s3BucketName",
                    "engine-test-bucket");

    private static JavaLanguageHost.Deployment withEnvironment(
            JavaLanguageHost.Deployment deployment, Map<String, String> more) {
        var environment = new TreeMap<>(deployment.environment());
        environment.putAll(more);
        return new JavaLanguageHost.Deployment(
                deployment.project(),
                deployment.stack(),
                deployment.preview(),
                deployment.config(),
                deployment.secretKeys(),
                environment);
    }

    /** Config values as the CLI passes them: scalars as text, objects and lists as JSON. */
    private Map<String, String> stackFileConfig(String stack) throws IOException {
        var document = (Map<?, ?>) yaml(root.resolve("Pulumi." + stack + ".yaml"));
        var config = new TreeMap<String, String>();
        var values = document.get("config") instanceof Map<?, ?> map ? map : Map.of();
        values.forEach(
                (key, value) -> {
                    if (value instanceof Map<?, ?> object && object.containsKey("secure")) {
                        throw new AssertionError(
                                stack + ": encrypted config needs the CLI to decrypt it: " + key);
                    }
                    config.put(
                            key.toString(),
                            value instanceof Map<?, ?> || value instanceof List<?>
                                    ? new Gson().toJson(value)
                                    : String.valueOf(value));
                });
        return config;
    }

    private static final Map<String, List<String>> REQUIRED_AT_DEPLOY =
            Map.of(
                    "moderate-prod",
                    List.of(
                            "moderate:apiPassword",
                            "moderate:s3AccessKeyId",
                            "moderate:s3SecretAccessKey"));

    /** The credential settings of the stack's program: key -> secret. */
    private Map<String, Boolean> credentials(String stack) {
        try {
            var programName = stackFileConfig(stack).get("labstacks:program");
            var program = catalog.find(programName).orElseThrow();
            var result = new TreeMap<String, Boolean>();
            for (var setting : SettingsLoader.settings(program.settingsType())) {
                if (setting.credential()) {
                    result.put(setting.key(), setting.secret());
                }
            }
            return result;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The providers' functions the programs call: their own offline stand-ins. */
    private Map<String, OfflineFunction> functions() {
        var functions = new HashMap<String, OfflineFunction>();
        catalog.all().forEach(p -> functions.putAll(p.offlineFunctions()));
        return functions;
    }

    private static Object yaml(Path file) throws IOException {
        return new Yaml(new SafeConstructor(new LoaderOptions()))
                .load(Files.readString(file, StandardCharsets.UTF_8));
    }

    // ---- comparing with the plan ----

    private static String urn(JsonElement resource) {
        return resource.getAsJsonObject().get("urn").getAsString();
    }

    /** A registration in the plan's JSON form, for the options the plan lists. */
    private static JsonObject asPlanEntry(
            RegisterResourceRequest request, Map<String, String> names) {
        var entry = new JsonObject();
        entry.addProperty("type", request.getType());
        entry.addProperty("name", request.getName());
        // The plan names parents, providers and dependencies by URN (plan JSON version 1).
        entry.add(
                "parent",
                request.getParent().isEmpty()
                        ? JsonNull.INSTANCE
                        : new JsonPrimitive(request.getParent()));
        var provider = request.getProvider();
        if (provider.isEmpty()) {
            entry.add("provider", JsonNull.INSTANCE);
        } else {
            // A provider reference is <urn>::<id>.
            entry.addProperty("provider", provider.substring(0, provider.lastIndexOf("::")));
        }
        entry.addProperty("protect", request.getProtect());
        entry.add(
                "importId",
                request.getImportId().isEmpty()
                        ? JsonNull.INSTANCE
                        : new JsonPrimitive(request.getImportId()));
        entry.add("ignoreChanges", strings(request.getIgnoreChangesList()));
        var dependsOn = new TreeSet<String>();
        dependsOn.addAll(request.getDependenciesList());
        entry.add("dependsOn", strings(List.copyOf(dependsOn)));
        entry.addProperty("deleteBeforeReplace", request.getDeleteBeforeReplace());
        entry.addProperty("retainOnDelete", request.getRetainOnDelete());
        entry.add(
                "additionalSecretOutputs",
                strings(request.getAdditionalSecretOutputsList().stream().distinct().toList()));
        entry.add("replaceOnChanges", strings(request.getReplaceOnChangesList()));
        var timeouts = new JsonObject();
        if (request.hasCustomTimeouts()) {
            var t = request.getCustomTimeouts();
            if (!t.getCreate().isEmpty()) timeouts.addProperty("create", t.getCreate());
            if (!t.getDelete().isEmpty()) timeouts.addProperty("delete", t.getDelete());
            if (!t.getUpdate().isEmpty()) timeouts.addProperty("update", t.getUpdate());
        }
        entry.add("customTimeouts", timeouts);
        return entry;
    }

    private static JsonArray strings(List<String> values) {
        var array = new JsonArray();
        values.forEach(array::add);
        return array;
    }

    /**
     * Where the plan shows {@code [secret]} the engine must receive the secret signature (or, in a preview,
     * the bare unknown value when the secret is computed by a provider: no plaintext either way); where the
     * plan shows no secret the engine must not receive one.
     */
    private static void compareSecrets(
            String where, JsonElement plan, Object engine, boolean preview, List<String> problems) {
        var planSecret =
                plan != null && plan.isJsonPrimitive() && plan.getAsString().equals("[secret]");
        if (planSecret) {
            if (!(engine instanceof EngineValues.Secret)
                    && !(preview && EngineValues.UNKNOWN.equals(engine))) {
                problems.add(where + ": the plan shows a secret, the engine received " + engine);
            }
            return;
        }
        if (engine instanceof EngineValues.Secret) {
            problems.add(where + ": the engine received a secret the plan shows as " + plan);
            return;
        }
        if (engine instanceof Map<?, ?> map) {
            var object =
                    plan != null && plan.isJsonObject() ? plan.getAsJsonObject() : new JsonObject();
            map.forEach(
                    (key, value) ->
                            compareSecrets(
                                    where + "." + key,
                                    object.get(key.toString()),
                                    value,
                                    preview,
                                    problems));
            for (var key : object.keySet()) {
                if (!map.containsKey(key)
                        && object.get(key).isJsonPrimitive()
                        && object.get(key).getAsString().equals("[secret]")) {
                    problems.add(
                            where
                                    + "."
                                    + key
                                    + ": a secret in the plan, absent from the engine's inputs");
                }
            }
        } else if (engine instanceof List<?> list) {
            var array =
                    plan != null && plan.isJsonArray() ? plan.getAsJsonArray() : new JsonArray();
            for (int i = 0; i < list.size(); i++) {
                compareSecrets(
                        where + "." + i,
                        i < array.size() ? array.get(i) : null,
                        list.get(i),
                        preview,
                        problems);
            }
        }
    }

    /**
     * In a preview the engine receives the plan's inputs, except where a value depends on what a provider
     * computes (ARNs, ids): the plan's stand-ins know it, a real preview does not, so the engine gets the
     * unknown value there. Secrets are compared by {@link #compareSecrets}; their values are not shown.
     */
    private static void compareInputs(
            String where, JsonElement plan, Object engine, List<String> problems) {
        if (EngineValues.UNKNOWN.equals(engine) || engine instanceof EngineValues.Secret) {
            return;
        }
        if (plan == null || plan.isJsonNull()) {
            if (engine != null) {
                problems.add(where + ": not in the plan, the engine received " + engine);
            }
            return;
        }
        if (plan.isJsonPrimitive()
                && List.of("[secret]", "[unknown]").contains(plan.getAsString())) {
            return;
        }
        if (plan.isJsonObject() && engine instanceof Map<?, ?> map) {
            var keys = new TreeSet<String>(plan.getAsJsonObject().keySet());
            map.keySet().forEach(k -> keys.add(k.toString()));
            for (var key : keys) {
                compareInputs(
                        where + "." + key, plan.getAsJsonObject().get(key), map.get(key), problems);
            }
            return;
        }
        if (plan.isJsonArray()
                && engine instanceof List<?> list
                && plan.getAsJsonArray().size() == list.size()) {
            for (int i = 0; i < list.size(); i++) {
                compareInputs(where + "." + i, plan.getAsJsonArray().get(i), list.get(i), problems);
            }
            return;
        }
        if (plan.isJsonPrimitive() && engine != null) {
            var primitive = plan.getAsJsonPrimitive();
            var same =
                    primitive.isNumber() && engine instanceof Number n
                            ? primitive.getAsDouble() == n.doubleValue()
                            : primitive.isBoolean()
                                    ? Boolean.valueOf(primitive.getAsBoolean()).equals(engine)
                                    : primitive.isString()
                                            && primitive.getAsString().equals(engine);
            if (same) {
                return;
            }
        }
        problems.add(where + ": plan " + plan + ", engine " + engine);
    }

    private static int countSecrets(JsonElement element) {
        if (element == null || element.isJsonNull()) {
            return 0;
        }
        if (element.isJsonPrimitive()) {
            return element.getAsString().equals("[secret]") ? 1 : 0;
        }
        if (element.isJsonArray()) {
            var count = 0;
            for (var item : element.getAsJsonArray()) {
                count += countSecrets(item);
            }
            return count;
        }
        return element.getAsJsonObject().entrySet().stream()
                .mapToInt(e -> countSecrets(e.getValue()))
                .sum();
    }

    /** Parameterized packages are registered as the plan lists them; plain ones pin the plan's version. */
    private static void assertPackages(JsonObject plan, FakeEngine engine) {
        for (var element : plan.getAsJsonArray("packages")) {
            var pkg = element.getAsJsonObject();
            var name = pkg.get("name").getAsString();
            var version = pkg.get("version").getAsString();
            if (pkg.get("parameterization").isJsonNull()) {
                var prefixes = List.of(name + ":", "pulumi:providers:" + name);
                for (var registration : engine.registrations()) {
                    var request = registration.request();
                    if (request.getCustom()
                            && prefixes.stream().anyMatch(request.getType()::startsWith)
                            && !request.getVersion().isEmpty()) {
                        assertEquals(
                                version,
                                request.getVersion(),
                                registration.urn() + " asks for the plan's version");
                    }
                }
                continue;
            }
            var parameterization = pkg.getAsJsonObject("parameterization");
            var registered =
                    engine.packages().stream()
                            .filter(p -> p.getParameterization().getName().equals(name))
                            .toList();
            assertFalse(registered.isEmpty(), name + " is registered with RegisterPackage");
            for (var request : registered) {
                assertEquals(parameterization.get("baseProvider").getAsString(), request.getName());
                assertEquals(
                        parameterization.get("baseVersion").getAsString(), request.getVersion());
                assertEquals(version, request.getParameterization().getVersion());
                assertEquals(
                        parameterization.get("value").getAsString(),
                        request.getParameterization().getValue().toString(StandardCharsets.UTF_8));
            }
        }
    }

    private static void assertStackOutputs(JsonObject plan, FakeEngine engine) {
        var stackUrn =
                engine.registrations().stream()
                        .filter(r -> r.request().getType().equals("pulumi:pulumi:Stack"))
                        .findFirst()
                        .orElseThrow()
                        .urn();
        var outputs = engine.outputs().get(stackUrn);
        var expected = new TreeSet<>(plan.getAsJsonObject("outputs").keySet());
        var actual =
                outputs == null
                        ? new TreeSet<String>()
                        : new TreeSet<>(outputs.getFieldsMap().keySet());
        assertEquals(expected, actual, "the stack outputs the engine received against the plan's");
    }

    /**
     * No secret value in plain text: not in inputs or outputs outside the signature, not in any engine log
     * (DEBUG included, as {@code pulumi up --debug} shows them), not on stdout or stderr. Every canary
     * shares {@link #CANARY}, so one the test did not list is found too; the finds are counted per place.
     */
    private static void assertNoSecretInPlainText(
            JavaLanguageHost.Deployment deployment,
            FakeEngine engine,
            JavaLanguageHost.Result run) {
        var secrets = new ArrayList<String>();
        deployment.secretKeys().forEach(k -> secrets.add(deployment.config().get(k)));
        secrets.add(deployment.environment().get("AWS_SECRET_ACCESS_KEY"));
        secrets.forEach(
                secret ->
                        assertTrue(secret.contains(CANARY), "every secret is a canary: " + secret));
        var places = new LinkedHashMap<String, List<String>>();
        var registered = new ArrayList<String>();
        engine.registrations()
                .forEach(
                        r ->
                                collectPlain(
                                        EngineValues.toJava(r.request().getObject()), registered));
        engine.outputs().values().forEach(o -> collectPlain(EngineValues.toJava(o), registered));
        places.put("registered inputs and outputs", registered);
        places.put("DEBUG engine logs", engine.logMessages(LogSeverity.DEBUG));
        places.put("other engine logs", engine.visibleLogMessages());
        places.put("stdout", List.of(run.stdout()));
        places.put("stderr", List.of(run.stderr()));
        var forms = new ArrayList<String>(List.of(CANARY));
        for (var secret : secrets) {
            forms.add(Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8)));
        }
        var found = new TreeMap<String, Integer>();
        var example = new StringBuilder();
        places.forEach(
                (place, texts) -> {
                    for (var text : texts) {
                        for (var form : forms) {
                            for (int i = text.indexOf(form);
                                    i >= 0;
                                    i = text.indexOf(form, i + 1)) {
                                found.merge(place, 1, Integer::sum);
                                if (example.length() == 0) {
                                    example.append(
                                            text,
                                            Math.max(0, i - 200),
                                            Math.min(text.length(), i + 100));
                                }
                            }
                        }
                    }
                });
        assertEquals(
                Map.of(),
                found,
                deployment.stack() + ": canary secrets in plain text, e.g. ..." + example + "...");
    }

    private static void collectPlain(Object value, List<String> into) {
        if (value instanceof EngineValues.Secret) {
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.values().forEach(v -> collectPlain(v, into));
        } else if (value instanceof List<?> list) {
            list.forEach(v -> collectPlain(v, into));
        } else if (value != null) {
            into.add(value.toString());
        }
    }
}
