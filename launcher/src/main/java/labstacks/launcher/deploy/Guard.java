package labstacks.launcher.deploy;

import com.pulumi.core.internal.ContextAwareCompletableFuture;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** One engine call with a deadline: its answer, its error as an {@link EngineFailure}, or silence as one. */
final class Guard {

    private Guard() {
    }

    static <T> CompletableFuture<T> call(CompletableFuture<T> call, Duration limit, String what) {
        var answer = new CompletableFuture<T>();
        call.whenComplete((value, error) -> {
            if (error == null) {
                answer.complete(value);
            } else {
                answer.completeExceptionally(EngineFailure.refused(what, error));
            }
        });
        CompletableFuture.delayedExecutor(limit.toMillis(), TimeUnit.MILLISECONDS)
                .execute(() -> answer.completeExceptionally(EngineFailure.silent(what, limit)));
        // The SDK continues on the thread that completes the answer; it needs its deployment there.
        return ContextAwareCompletableFuture.wrap(answer);
    }
}
