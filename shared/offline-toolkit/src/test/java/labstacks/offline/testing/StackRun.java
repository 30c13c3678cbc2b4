package labstacks.offline.testing;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import labstacks.offline.plan.CapturingMonitor;
import labstacks.offline.plan.OfflineRuntime;
import labstacks.offline.plan.Plan;
import labstacks.offline.plan.PlanValues;
import labstacks.offline.plan.PlannedResource;
import labstacks.shared.program.Urns;
import pulumirpc.Resource.RegisterResourceRequest;

/** A finished run of a program under the mock runtime: what a test asserts on. */
public final class StackRun {
    private final OfflineRuntime.Run run;

    StackRun(OfflineRuntime.Run run) {
        this.run = run;
    }

    public Plan plan() {
        return run.plan();
    }

    /** What the program threw; a healthy run has none. */
    public List<Throwable> exceptions() {
        return run.exceptions();
    }

    /** Errors of the run (exceptions and error logs), rendered. */
    public List<String> errors() {
        return run.plan().errors();
    }

    public List<String> warnings() {
        return run.plan().warnings();
    }

    /** Fails with every error when the program did not run cleanly. */
    public StackRun assertSucceeded() {
        if (!run.plan().succeeded()) {
            var error =
                    new AssertionError(
                            "the program failed:\n  " + String.join("\n  ", run.plan().errors()));
            run.exceptions().forEach(error::addSuppressed);
            throw error;
        }
        return this;
    }

    public List<PlannedResource> resources() {
        return run.plan().resources();
    }

    /** The resource of that type and name; fails listing what there is. */
    public PlannedResource resource(String type, String name) {
        return run.plan()
                .find(type, name)
                .orElseThrow(
                        () ->
                                new AssertionError(
                                        "no "
                                                + type
                                                + " named '"
                                                + name
                                                + "'; registered:\n  "
                                                + resources().stream()
                                                        .map(r -> r.type() + " " + r.name())
                                                        .collect(Collectors.joining("\n  "))));
    }

    public List<PlannedResource> resources(String type) {
        return run.plan().ofType(type);
    }

    /** The exact request the engine would have received for that resource. */
    public RegisterResourceRequest request(String type, String name) {
        var urn = resource(type, name).urn();
        return run.monitor().registrations().stream()
                .filter(r -> Urns.engineForm(r.urn()).equals(urn))
                .findFirst()
                .orElseThrow()
                .request();
    }

    public CapturingMonitor monitor() {
        return run.monitor();
    }

    /** A stack output with secrets revealed; fails when there is no such output. */
    public Object output(String name) {
        if (!run.plan().outputs().containsKey(name)) {
            throw new AssertionError(
                    "no stack output '" + name + "'; outputs: " + run.plan().outputs().keySet());
        }
        return PlanValues.reveal(run.plan().outputs().get(name));
    }

    /** Whether a stack output is (or holds) a secret. */
    public boolean outputIsSecret(String name) {
        return PlanValues.containsSecret(run.plan().outputs().get(name));
    }

    public Map<String, Object> outputs() {
        return run.plan().outputs();
    }
}
