package labstacks.launcher.deploy;

import com.pulumi.deployment.internal.Runner;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;

/**
 * The SDK's runner, unchanged, plus a record of every task that failed, in the order they failed: the
 * SDK keeps only the failure it reports, and when that report cannot reach the engine it keeps nothing
 * ({@code DeploymentImpl.DefaultRunner} at v1.36.1). {@link EngineRun} picks the line to report from here.
 */
final class FailureRecordingRunner implements Runner {

    private final Runner sdk;
    private final ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();

    FailureRecordingRunner(Runner sdk) {
        this.sdk = sdk;
    }

    @Override
    public <T> void registerTask(String description, CompletableFuture<T> task) {
        task.whenComplete(
                (value, error) -> {
                    if (error != null) {
                        failures.add(error);
                    }
                });
        sdk.registerTask(description, task);
    }

    @Override
    public <T> CompletableFuture<Result<T>> runAsync(Supplier<T> callback) {
        return sdk.runAsync(
                () -> {
                    try {
                        return callback.get();
                    } catch (RuntimeException | Error e) {
                        failures.add(e);
                        throw e;
                    }
                });
    }

    List<Throwable> failures() {
        return List.copyOf(failures);
    }
}
