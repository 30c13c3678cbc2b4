package labstacks.offline.testing;

import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import labstacks.offline.plan.OfflineRuntime;
import labstacks.shared.config.ProjectFiles;
import labstacks.shared.config.RunMode;
import labstacks.shared.config.StackConfig;
import labstacks.shared.program.DirectProgram;
import labstacks.shared.program.OfflineFunction;
import labstacks.shared.program.PreparedStack;
import labstacks.shared.program.ProgramCatalog;
import labstacks.shared.program.StackContext;
import labstacks.shared.program.StackProgram;

/**
 * Runs one program under Pulumi's mock runtime, the way the offline plan does, and hands back a
 * {@link StackRun} to assert on: every resource's type, name, inputs, parent, provider and options
 * (from the captured {@code RegisterResourceRequest}), and the stack outputs.
 *
 * <pre>{@code
 * var run = ProgramHarness.forStackFile(new PipeweaveProgram(), "pipeweave-production").run();
 * run.resource("aws:s3/bucketV2:BucketV2", "datasets").protect();
 * }</pre>
 */
public final class ProgramHarness {
    public static final String PROJECT = "labstacks";

    private final StackProgram<?, ?> program;
    private String stack = "test";
    private final Map<String, String> config = new LinkedHashMap<>();
    private final Set<String> secretKeys = new HashSet<>();
    private final Map<String, String> environment = new HashMap<>();
    private final Map<String, OfflineFunction> functions = new LinkedHashMap<>();
    private RunMode mode = RunMode.DEPLOY;
    private boolean preview = false;

    private ProgramHarness(StackProgram<?, ?> program) {
        this.program = program;
        config.put("labstacks:program", program.name());
        config.put("labstacks:environment", "test");
    }

    /** The program with only {@code labstacks:program} and {@code labstacks:environment=test} set. */
    public static ProgramHarness of(StackProgram<?, ?> program) {
        return new ProgramHarness(program);
    }

    /** No settings: for {@link #component}. */
    public record NoSettings() {}

    /**
     * A one-off program that only runs {@code body}: a component tested on its own, with the standard
     * tagging and the same capture as a whole program.
     */
    public static ProgramHarness component(String name, Consumer<StackContext> body) {
        return new ProgramHarness(
                new DirectProgram<NoSettings>() {
                    @Override
                    public String name() {
                        return name;
                    }

                    @Override
                    public String description() {
                        return "component test " + name;
                    }

                    @Override
                    public Class<NoSettings> settingsType() {
                        return NoSettings.class;
                    }

                    @Override
                    public void define(StackContext stack, NoSettings settings) {
                        body.accept(stack);
                    }
                });
    }

    /**
     * The program with the config of the repository's real stack file {@code Pulumi.<stack>.yaml}.
     * Encrypted values read as {@link ProjectFiles#UNDECRYPTED_SECRET}, as in the offline plan.
     */
    public static ProgramHarness forStackFile(StackProgram<?, ?> program, String stack) {
        var harness = new ProgramHarness(program);
        var stackConfig = ProjectFiles.open(repositoryRoot()).read(stack, Map.of());
        harness.stack = stack;
        harness.config.clear();
        harness.config.putAll(stackConfig.values());
        harness.secretKeys.addAll(stackConfig.secretKeys());
        return harness;
    }

    /** The checkout's root: the nearest directory upwards from the working directory with a Pulumi.yaml. */
    public static Path repositoryRoot() {
        for (var dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("Pulumi.yaml"))
                    && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no Pulumi.yaml above " + Path.of("").toAbsolutePath());
    }

    public ProgramHarness stack(String name) {
        this.stack = name;
        return this;
    }

    public ProgramHarness config(String key, String value) {
        config.put(key, value);
        secretKeys.remove(key);
        return this;
    }

    /** A value stored encrypted, as {@code pulumi config set --secret} stores it. */
    public ProgramHarness secret(String key, String value) {
        config.put(key, value);
        secretKeys.add(key);
        return this;
    }

    public ProgramHarness without(String key) {
        config.remove(key);
        secretKeys.remove(key);
        return this;
    }

    public ProgramHarness env(String name, String value) {
        environment.put(name, value);
        return this;
    }

    /** {@link RunMode#DEPLOY} (the default) or {@link RunMode#PLAN}. */
    public ProgramHarness mode(RunMode runMode) {
        this.mode = runMode;
        return this;
    }

    /** Runs as {@code pulumi preview} does ({@code isDryRun()}); off by default. */
    public ProgramHarness preview(boolean dryRun) {
        this.preview = dryRun;
        return this;
    }

    /** Answers a provider function, overriding the program's own offline answer. */
    public ProgramHarness function(String token, OfflineFunction answer) {
        functions.put(token, answer);
        return this;
    }

    public StackConfig stackConfig() {
        return new StackConfig(
                PROJECT, stack, StackConfig.stackFileName(stack), config, secretKeys, environment);
    }

    /**
     * Prepares and runs the stack.
     *
     * @throws labstacks.shared.config.StackConfigException when the config has problems (nothing runs)
     */
    public StackRun run() {
        var key = cacheKey();
        if (key != null) {
            synchronized (RUNS) {
                var earlier = RUNS.get(key);
                if (earlier != null) {
                    return earlier;
                }
            }
        }
        var prepared =
                PreparedStack.prepare(ProgramCatalog.of(List.of(program)), stackConfig(), mode);
        var run =
                new StackRun(
                        OfflineRuntime.run(
                                prepared, new OfflineRuntime.Options(preview, functions)));
        if (key != null) {
            synchronized (RUNS) {
                RUNS.put(key, run);
            }
        }
        return run;
    }

    /**
     * Runs of this test JVM, by everything that decides their result. Test classes plan the same stack with
     * the same config in test after test (moderate-local in most of ModerateProgramTest's methods); a plan
     * costs 0.2-2 s of CPU, the lookup nothing (issue 28). A run is only read by tests ({@link StackRun} and
     * the {@link labstacks.offline.plan.Plan} it holds are not changed by its readers), so sharing it changes
     * no test's result. The few most recent runs are kept, so a module's heap stays small.
     */
    private static final Map<RunKey, StackRun> RUNS =
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<RunKey, StackRun> eldest) {
                    return size() > 24;
                }
            };

    private record RunKey(
            Class<?> program,
            String name,
            List<Object> programState,
            String stack,
            Map<String, String> config,
            Set<String> secretKeys,
            Map<String, String> environment,
            RunMode mode,
            boolean preview) {}

    /**
     * Null when the run must not be shared: provider answers given by the test (a function may count its
     * calls), or a program whose own state cannot be read. A program's fields are part of the key, compared
     * with equals: a lambda or supplier given to a constructor equals only itself (a non-capturing one is the
     * same object for every construction at its site, so the default constructor's runs are shared).
     */
    private RunKey cacheKey() {
        if (!functions.isEmpty()) {
            return null;
        }
        var state = new ArrayList<Object>();
        for (Class<?> type = program.getClass();
                type != null && type != Object.class;
                type = type.getSuperclass()) {
            for (var field : type.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers())) {
                    continue;
                }
                try {
                    field.setAccessible(true);
                    state.add(Objects.requireNonNullElse(field.get(program), NULL));
                } catch (ReflectiveOperationException | RuntimeException e) {
                    return null;
                }
            }
        }
        return new RunKey(
                program.getClass(),
                program.name(),
                List.copyOf(state),
                stack,
                Map.copyOf(config),
                Set.copyOf(secretKeys),
                Map.copyOf(environment),
                mode,
                preview);
    }

    /** A null field in a program's state (List.copyOf takes no nulls). */
    private static final Object NULL = new Object();
}
