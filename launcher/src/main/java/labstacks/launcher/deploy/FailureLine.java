package labstacks.launcher.deploy;

import com.pulumi.exceptions.ResourceException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The one line that says why a deployment failed, from the failures its tasks ended with. */
final class FailureLine {

    private FailureLine() {}

    /**
     * An engine failure about a resource first (it names the resource and what the engine said), then
     * any other engine failure (a log the engine did not take), else the first failure: its innermost
     * message, with the resource the SDK attached, if any. Other failures are mostly the same one seen
     * again through the outputs that depended on it.
     */
    static String of(List<Throwable> failures) {
        var engine =
                engineFailures(failures)
                        .filter(EngineFailure::namesResource)
                        .findFirst()
                        .or(() -> engineFailures(failures).findFirst());
        if (engine.isPresent()) {
            return engine.get().getMessage();
        }
        if (failures.isEmpty()) {
            return "the program failed without saying why";
        }
        var chain = chain(failures.get(0));
        var innermost = chain.get(chain.size() - 1);
        var text =
                innermost.getMessage() == null || innermost.getMessage().isBlank()
                        ? innermost.getClass().getSimpleName()
                        : EngineFailure.oneLine(innermost.getMessage());
        for (var cause : chain) {
            if (cause instanceof ResourceException resourceException
                    && resourceException.getResource().isPresent()) {
                var resource = resourceException.getResource().get();
                return resource.pulumiResourceType()
                        + " \""
                        + resource.pulumiResourceName()
                        + "\": "
                        + text;
            }
        }
        return "the program failed: " + text;
    }

    /** Whether an engine failure among these names the resource whose call the engine refused or lost. */
    static boolean namesAResource(List<Throwable> failures) {
        return engineFailures(failures).anyMatch(EngineFailure::namesResource);
    }

    /** Whether any of these is a call the engine did not take (it went away, refused or timed out). */
    static boolean engineFailed(List<Throwable> failures) {
        return engineFailures(failures).findAny().isPresent();
    }

    /** The engine failures among these failures and their causes, in the order they failed. */
    private static Stream<EngineFailure> engineFailures(List<Throwable> failures) {
        return failures.stream()
                .flatMap(failure -> chain(failure).stream())
                .filter(EngineFailure.class::isInstance)
                .map(EngineFailure.class::cast);
    }

    private static List<Throwable> chain(Throwable failure) {
        var chain = new ArrayList<Throwable>();
        for (var cause = failure;
                cause != null && !chain.contains(cause);
                cause = cause.getCause()) {
            chain.add(cause);
        }
        return chain;
    }
}
