package labstacks.launcher.deploy;

import com.pulumi.Config;
import com.pulumi.Context;
import com.pulumi.context.internal.ConfigContextInternal;
import com.pulumi.context.internal.ContextInternal;
import com.pulumi.context.internal.LoggingContextInternal;
import com.pulumi.context.internal.OutputContextInternal;
import com.pulumi.core.internal.OutputFactory;
import com.pulumi.deployment.internal.DeploymentImpl;
import com.pulumi.deployment.internal.DeploymentInstanceHolder;
import com.pulumi.deployment.internal.DeploymentInstanceInternal;
import com.pulumi.deployment.internal.GrpcEngine;
import com.pulumi.deployment.internal.GrpcMonitor;
import com.pulumi.deployment.internal.Instrumentation;
import com.pulumi.deployment.internal.Runner;
import com.pulumi.internal.PulumiInternal;
import com.pulumi.resources.StackOptions;
import com.pulumi.resources.internal.Stack;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.logging.Logger;
import labstacks.pulumiruntime.AwaitingRunner;
import labstacks.shared.config.RunMode;
import labstacks.shared.config.StackConfig;
import labstacks.shared.config.StackConfigException;
import labstacks.shared.program.PreparedStack;
import labstacks.shared.program.ProgramCatalog;

/**
 * A deployment: the jar run by the Pulumi CLI's Java language host ({@code pulumi preview}/{@code up}).
 *
 * <p>It builds the SDK's deployment the way {@code DeploymentImpl.fromEnvironment} and
 * {@code PulumiInternal.completeConfiguration} do (pulumi/pulumi-java
 * {@code sdk/java/pulumi/src/main/java/com/pulumi/deployment/internal/DeploymentImpl.java} and
 * {@code .../internal/PulumiInternal.java} at v1.36.1, the version this jar ships), with the same engine
 * and monitor clients, config and runner, but:
 * <ul>
 *   <li>without the environment dump and the config logging of {@code fromEnvironment}, and with
 *       java.util.logging replaced by one redacting handler ({@link DeploymentLogging});</li>
 *   <li>every log message to the engine redacted ({@link GuardedEngine}), so {@code pulumi up --debug}
 *       shows no secret;</li>
 *   <li>a deadline on every engine call ({@link EngineTimeout}), so an engine that stops answering ends the
 *       run with a message instead of a hang;</li>
 *   <li>a failure reported as one line naming the resource and what the engine said, instead of the SDK's
 *       stack trace.</li>
 * </ul>
 */
public final class EngineRun {

    /** How long a failed run waits for the registrations an engine that went away cut off (see run). */
    private static final Duration ENGINE_GONE_SETTLE = Duration.ofSeconds(2);

    /** The SDK's exit codes ({@code Runner}): an error the engine has shown, or one it has not. */
    static final int REPORTED = 32;

    static final int FAILED = 1;
    static final int USAGE = 2;

    private EngineRun() {}

    static final String EXCESSIVE_DEBUG_OUTPUT = "PULUMI_EXCESSIVE_DEBUG_OUTPUT";

    /** Runs the deployment the engine's environment describes; returns the exit code. */
    public static int run(Map<String, String> environment, Properties properties, PrintStream err) {
        if (!environment.containsKey("PULUMI_MONITOR")) {
            err.print(
                    "This jar is run by the Pulumi CLI (pulumi up -s <stack>), which starts the engine.\n"
                            + "For an offline plan without the CLI: ./labstacks plan <stack>, and ./labstacks --help for more.\n");
            return USAGE;
        }
        // Before anything registers or logs: a setting that would leak, or a malformed one, stops
        // here.
        var refusal = DeploymentLogging.refusal(properties);
        if (refusal.isPresent()) {
            err.println("error: " + refusal.get());
            return FAILED;
        }
        // Pulumi Java SDK 1.36.1 formats each excessive-debug line twice (Serializer passes the
        // formatted text
        // to Log.excessive as a format string), so a value holding "%Y" or "%s", such as a
        // CronJob's date
        // format, ends the deployment with UnknownFormatConversionException. The switch is read
        // into a final
        // static field from the process environment, so it cannot be turned off here: it is refused
        // instead.
        if (DeploymentLogging.truthy(environment.get(EXCESSIVE_DEBUG_OUTPUT))) {
            err.println(
                    "error: "
                            + EXCESSIVE_DEBUG_OUTPUT
                            + " is refused: the Pulumi Java SDK 1.36.1 fails on any value"
                            + " holding '%' with it (it formats each such log line twice); unset it, PULUMI_JAVA_LOG_VERBOSE=true"
                            + " shows the SDK's log without it");
            return FAILED;
        }
        EngineTimeout timeout;
        StackConfig config;
        try {
            for (var name :
                    List.of("PULUMI_ENGINE", "PULUMI_PROJECT", "PULUMI_STACK", "PULUMI_DRY_RUN")) {
                if (value(environment, name, "").isEmpty()) {
                    throw new IllegalArgumentException(
                            "the engine did not set "
                                    + name
                                    + ": run this jar through the Pulumi CLI (pulumi up -s <stack>)");
                }
            }
            timeout = EngineTimeout.from(environment);
            config = StackConfig.fromEngineEnvironment(environment);
        } catch (RuntimeException e) {
            err.println("error: " + EngineFailure.oneLine(String.valueOf(e.getMessage())));
            return FAILED;
        }
        var redactor = LogRedactor.of(config);
        var standardLogger =
                DeploymentLogging.install(redactor, DeploymentLogging.verbose(environment), err);
        PreparedStack prepared;
        try {
            prepared = PreparedStack.prepare(ProgramCatalog.discover(), config, RunMode.DEPLOY);
        } catch (StackConfigException e) {
            // Nothing has registered, and the user sees only what to fix.
            err.println("error: " + redactor.redact(e.getMessage()));
            return FAILED;
        }
        var options = StackOptions.builder().resourceTransformations(prepared.tagging()).build();
        return deploy(
                environment,
                standardLogger,
                redactor,
                timeout,
                options,
                prepared.callback(null),
                err);
    }

    private static int deploy(
            Map<String, String> environment,
            Logger standardLogger,
            LogRedactor redactor,
            EngineTimeout timeout,
            StackOptions options,
            Consumer<Context> program,
            PrintStream err) {
        Instrumentation.initialize();
        var engine =
                new GuardedEngine(
                        new GrpcEngine(environment.get("PULUMI_ENGINE")), redactor, timeout);
        var monitor =
                new GuardedMonitor(new GrpcMonitor(environment.get("PULUMI_MONITOR")), timeout);
        var sdkConfig =
                new DeploymentImpl.Config(
                        DeploymentImpl.Config.parseConfig(
                                environment.getOrDefault("PULUMI_CONFIG", "{}")),
                        DeploymentImpl.Config.parseConfigSecretKeys(
                                environment.getOrDefault("PULUMI_CONFIG_SECRET_KEYS", "[]")));
        var state =
                new DeploymentImpl.DeploymentState(
                        sdkConfig,
                        standardLogger,
                        value(environment, "PULUMI_ORGANIZATION", "organization"),
                        environment.getOrDefault("PULUMI_PROJECT", ""),
                        environment.getOrDefault("PULUMI_STACK", ""),
                        value(environment, "PULUMI_ROOT_DIRECTORY", ""),
                        DeploymentLogging.truthy(environment.get("PULUMI_DRY_RUN")),
                        engine,
                        monitor);
        // The state's logger reaches the runner through the state, so both see this one. The SDK's
        // own runner
        // busy-polls and can hang on a 2-worker pool: ours waits instead
        // (sdks/pulumi-runtime/README.md).
        var runner = new FailureRecordingRunner(AwaitingRunner.installIn(state, standardLogger));
        state.runner = runner;
        var deployment = new DeploymentImpl(state);
        DeploymentInstanceHolder.setInstance(new DeploymentInstanceInternal(deployment));

        var instance = DeploymentInstanceHolder.getInstance();
        var context =
                new ContextInternal(
                        deployment.getOrganizationName(),
                        deployment.getProjectName(),
                        deployment.getStackName(),
                        new LoggingContextInternal(deployment.getLog()),
                        new ConfigContextInternal(
                                deployment.getProjectName(),
                                name -> new Config(instance.getConfig(), name)),
                        new OutputContextInternal(new OutputFactory(runner)),
                        options.resourceTransformations());

        Runner.Result<Stack> result = null;
        Throwable broken = null;
        try {
            result = new Launch(runner, context).deploy(program).join();
        } catch (CompletionException e) {
            broken = e.getCause();
        } finally {
            Instrumentation.shutdown();
        }
        if (result != null && result.exitCode() == 0) {
            return 0;
        }
        var recorded = runner.failures();
        // An engine that goes away fails every call in flight: a log message may notice before the
        // registration it cut off, and the run ends at the first failure. The registrations fail
        // within
        // moments; wait for one (bounded) so the line names the resource.
        var deadline = System.nanoTime() + ENGINE_GONE_SETTLE.toNanos();
        while (FailureLine.engineFailed(recorded)
                && !FailureLine.namesAResource(recorded)
                && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            recorded = runner.failures();
        }
        var failures = new ArrayList<Throwable>(recorded);
        if (result != null) {
            failures.addAll(result.exceptions());
        }
        if (broken != null) {
            failures.add(broken);
        }
        if (result != null && engine.heldBack() == 0) {
            // The SDK reported it in its own words, without a stack trace (a program's own error
            // log).
            return result.exitCode();
        }
        var line = redactor.redact(FailureLine.of(failures));
        if (result != null) {
            try {
                engine.error(line).join();
                return REPORTED;
            } catch (CompletionException engineGone) {
                // fall through: the engine cannot show it, stderr can
            }
        }
        err.println("error: " + line);
        return FAILED;
    }

    /** An environment value as the SDK reads one: trimmed, empty is unset. */
    private static String value(Map<String, String> environment, String name, String otherwise) {
        var value = environment.get(name);
        return value == null || value.isBlank() ? otherwise : value.strip();
    }

    /** The SDK's program entry without its {@code System.exit}, giving the runner's result. */
    private static final class Launch extends PulumiInternal {
        Launch(Runner runner, ContextInternal context) {
            super(runner, context);
        }

        CompletableFuture<Runner.Result<Stack>> deploy(Consumer<Context> program) {
            return runAsyncResult(program);
        }
    }
}
