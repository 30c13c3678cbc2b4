package labstacks.launcher.deploy;

import com.pulumi.core.internal.ContextAwareCompletableFuture;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** One engine call with a deadline: its answer, its error as an {@link EngineFailure}, or silence as one. */
final class Guard {

    private Guard() {}

    /** A call about one resource: its failure is the one a failed run reports first. */
    static <T> CompletableFuture<T> resourceCall(
            CompletableFuture<T> call, Duration limit, String what) {
        return guard(call, limit, what, true);
    }

    static <T> CompletableFuture<T> call(CompletableFuture<T> call, Duration limit, String what) {
        return guard(call, limit, what, false);
    }

    private static <T> CompletableFuture<T> guard(
            CompletableFuture<T> call, Duration limit, String what, boolean namesResource) {
        var answer = new CompletableFuture<T>();
        call.whenComplete(
                (value, error) -> {
                    if (error == null) {
                        answer.complete(value);
                    } else {
                        answer.completeExceptionally(
                                EngineFailure.refused(what, error, namesResource));
                    }
                });
        CompletableFuture.delayedExecutor(limit.toMillis(), TimeUnit.MILLISECONDS)
                .execute(
                        () ->
                                answer.completeExceptionally(
                                        EngineFailure.silent(what, limit, namesResource)));
        // The SDK continues on the thread that completes the answer; it needs its deployment there.
        return ContextAwareCompletableFuture.wrap(answer);
    }
}
