package labstacks.offline.plan;

import com.pulumi.deployment.internal.DeploymentImpl;
import com.pulumi.test.TestOptions;
import com.pulumi.test.internal.PulumiTestInternal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletionException;
import java.util.logging.Level;
import java.util.logging.Logger;
import labstacks.pulumiruntime.AwaitingRunner;
import labstacks.shared.config.RunMode;
import labstacks.shared.config.StackConfig;
import labstacks.shared.config.StackConfigException;
import labstacks.shared.program.OfflineFunction;
import labstacks.shared.program.Preflight;
import labstacks.shared.program.PreparedStack;
import labstacks.shared.program.ProgramCatalog;
import labstacks.shared.program.Urns;
import labstacks.shared.providers.AwsCredentialSources;
import pulumirpc.Resource.RegisterPackageRequest;

/**
 * Runs a stack's program under Pulumi's mock runtime, with no engine, no cloud and no credentials,
 * and turns what the program registered into a {@link Plan}. The offline plan and every program test
 * go through here.
 */
public final class OfflineRuntime {

    private OfflineRuntime() {}

    /** How a run is set up beyond the stack itself. */
    public record Options(boolean preview, Map<String, OfflineFunction> extraFunctions) {
        public Options {
            extraFunctions = Map.copyOf(extraFunctions);
        }

        /** As {@code pulumi preview} runs a program. */
        public static Options forPreview() {
            return new Options(true, Map.of());
        }
    }

    /**
     * The offline plan of a stack: prepares it in {@link RunMode#PLAN} and runs it as a preview.
     *
     * @throws StackConfigException when the stack's configuration has problems (nothing runs then)
     */
    public static Plan plan(ProgramCatalog catalog, StackConfig config) {
        return run(PreparedStack.prepare(catalog, config, RunMode.PLAN), Options.forPreview())
                .plan();
    }

    /** A finished run: the plan and the raw captures behind it. */
    public record Run(Plan plan, CapturingMonitor monitor, List<Throwable> exceptions) {}

    public static Run run(PreparedStack prepared, Options options) {
        var config = prepared.config();
        var functions = new LinkedHashMap<>(prepared.program().offlineFunctions());
        functions.putAll(options.extraFunctions());
        var mocks = new OfflineMocks(functions);
        var monitor = new CapturingMonitor(mocks);
        var warnings = new ArrayList<>(prepared.warnings());
        var quiet = Logger.getAnonymousLogger();
        quiet.setUseParentHandlers(false);
        quiet.setLevel(Level.OFF);
        var test =
                PulumiTestInternal.builder()
                        .options(
                                TestOptions.builder()
                                        .projectName(config.project())
                                        .stackName(config.stack())
                                        .preview(options.preview())
                                        .resourceTransformations(List.of(prepared.tagging()))
                                        .build())
                        .mocks(mocks)
                        .config(config.values(), config.secretKeys())
                        .monitorDecorator(ignored -> monitor)
                        .standardLogger(quiet)
                        // The SDK's runner busy-polls and can hang on a 2-worker pool
                        // (sdks/pulumi-runtime/README.md).
                        .deploymentFactory(
                                state -> {
                                    AwaitingRunner.installIn(state, quiet);
                                    return new DeploymentImpl(state);
                                })
                        .build();
        try {
            var result =
                    test.runTest(
                            prepared.callback(
                                    message -> {
                                        synchronized (warnings) {
                                            warnings.add(message);
                                        }
                                    }));
            var errors = new ArrayList<String>();
            // The engine refuses a second registration of a URN; the mocks accept it and keep one.
            monitor.duplicateUrns()
                    .forEach(
                            urn ->
                                    errors.add(
                                            "two resources have the URN "
                                                    + Urns.engineForm(urn)
                                                    + " (same type, name and parent); the engine refuses the second: give one another name"));
            var exceptions = new ArrayList<Throwable>();
            for (var exception : result.exceptions()) {
                var cause = unwrap(exception);
                // The test runtime can report one failure twice (as the task's and the run's
                // exception).
                if (exceptions.contains(cause) || errors.contains(describe(cause))) {
                    continue;
                }
                exceptions.add(cause);
                errors.add(describe(cause));
            }
            // The engine log repeats a program's exception (once as the error, once with its stack
            // trace):
            // the exception alone says it, once. Logged errors count only when nothing was thrown.
            if (exceptions.isEmpty()) {
                for (var error : result.errors()) {
                    if (errors.stream().noneMatch(e -> e.contains(error) || error.contains(e))) {
                        errors.add(error);
                    }
                }
            }
            if (prepared.mode() == RunMode.PLAN && registersAws(monitor)) {
                warnings.addAll(awsCredentialWarnings(config));
            }
            return new Run(toPlan(prepared, monitor, warnings, errors), monitor, exceptions);
        } finally {
            PulumiTestInternal.cleanup();
        }
    }

    /**
     * Whether the program talks to AWS: it registered an AWS provider or a resource of the AWS package (whose
     * default provider the engine, not the program, would create). Decided from what ran, so every AWS
     * program gets the credentials warning below without a preflight of its own.
     */
    static boolean registersAws(CapturingMonitor monitor) {
        return monitor.registrations().stream()
                .map(r -> r.request().getType())
                .anyMatch(type -> type.equals("pulumi:providers:aws") || type.startsWith("aws:"));
    }

    /** What {@link AwsCredentialSources#report} says of the plan's environment: a warning, never a stop. */
    private static List<String> awsCredentialWarnings(StackConfig config) {
        var found = new ArrayList<String>();
        AwsCredentialSources.report(
                config,
                RunMode.PLAN,
                new Preflight() {
                    @Override
                    public void problem(String subject, String problem, String fix) {
                        // RunMode.PLAN never reports a problem; were it to, the plan still needs no
                        // credentials.
                        found.add(subject + ": " + problem + "; " + fix);
                    }

                    @Override
                    public void warning(String text) {
                        found.add(text);
                    }
                });
        return found;
    }

    private static Throwable unwrap(Throwable exception) {
        var current = exception;
        while ((current instanceof CompletionException
                        || current.getClass().getName().endsWith("RunException"))
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    private static String describe(Throwable cause) {
        if (cause instanceof StackConfigException
                || (cause instanceof IllegalArgumentException
                                || cause instanceof IllegalStateException)
                        && cause.getMessage() != null
                        && cause.getCause() == null) {
            // The program's own words (they name the key and the fix); the trace is for --debug.
            return cause.getMessage();
        }
        var message = cause.getMessage() == null ? "" : ": " + cause.getMessage();
        var where =
                cause.getStackTrace().length > 0 ? " (at " + cause.getStackTrace()[0] + ")" : "";
        return cause.getClass().getSimpleName() + message + where;
    }

    private static Plan toPlan(
            PreparedStack prepared,
            CapturingMonitor monitor,
            List<String> warnings,
            List<String> errors) {
        var registrations = monitor.registrations();
        var names = new HashMap<String, String>();
        registrations.forEach(r -> names.put(r.urn(), r.request().getName()));
        var outputs = monitor.outputs();
        var packagesByRef = new HashMap<String, RegisterPackageRequest>();
        monitor.packages().forEach(p -> packagesByRef.put(CapturingMonitor.packageRef(p), p));

        var byUrn = new LinkedHashMap<String, PlannedResource>();
        String stackUrn = null;
        for (var registration : registrations) {
            var request = registration.request();
            var urn = registration.urn();
            if (request.getType().equals("pulumi:pulumi:Stack")) {
                stackUrn = urn;
            }
            var parentUrn = request.getParent().isEmpty() ? null : request.getParent();
            var providerRef = request.getProvider();
            var providerUrn =
                    providerRef.isEmpty()
                            ? null
                            : providerRef.contains("::")
                                    ? providerRef.substring(0, providerRef.lastIndexOf("::"))
                                    : providerRef;
            var planUrn = Urns.engineForm(urn);
            var dependsOn = new TreeSet<String>();
            request.getDependenciesList()
                    .forEach(d -> dependsOn.add(names.getOrDefault(d, lastSegment(d))));
            var dependencies = new TreeSet<String>();
            request.getDependenciesList().forEach(d -> dependencies.add(Urns.engineForm(d)));
            var timeouts = new TreeMap<String, String>();
            if (request.hasCustomTimeouts()) {
                var t = request.getCustomTimeouts();
                if (!t.getCreate().isEmpty()) timeouts.put("create", t.getCreate());
                if (!t.getUpdate().isEmpty()) timeouts.put("update", t.getUpdate());
                if (!t.getDelete().isEmpty()) timeouts.put("delete", t.getDelete());
            }
            byUrn.put(
                    planUrn,
                    new PlannedResource(
                            planUrn,
                            request.getType(),
                            request.getName(),
                            request.getCustom(),
                            parentUrn == null ? null : Urns.engineForm(parentUrn),
                            parentUrn == null
                                    ? null
                                    : names.getOrDefault(parentUrn, lastSegment(parentUrn)),
                            providerUrn == null ? null : Urns.engineForm(providerUrn),
                            providerUrn == null ? null : lastSegment(providerUrn),
                            registration.id(),
                            PlanValues.of(request.getObject()),
                            outputs.containsKey(urn) ? PlanValues.of(outputs.get(urn)) : Map.of(),
                            request.getProtect(),
                            request.getImportId().isEmpty() ? null : request.getImportId(),
                            List.copyOf(request.getIgnoreChangesList()),
                            List.copyOf(dependsOn),
                            request.getDeleteBeforeReplace(),
                            request.getRetainOnDelete(),
                            request.getAdditionalSecretOutputsList().stream().distinct().toList(),
                            List.copyOf(request.getReplaceOnChangesList()),
                            timeouts,
                            request.getVersion(),
                            request.getPackageRef(),
                            RegistrationAliases.of(urn, request),
                            List.copyOf(dependencies)));
        }
        var stackOutputs =
                stackUrn != null && outputs.containsKey(stackUrn)
                        ? PlanValues.of(outputs.get(stackUrn))
                        : Map.<String, Object>of();
        return new Plan(
                prepared.config().project(),
                prepared.config().stack(),
                prepared.program().name(),
                treeOrder(byUrn),
                stackOutputs,
                packages(byUrn.values(), packagesByRef),
                warnings,
                errors);
    }

    /** Parents before children, siblings by type then name: the same plan always prints the same. */
    private static List<PlannedResource> treeOrder(Map<String, PlannedResource> byUrn) {
        var children = new HashMap<String, List<PlannedResource>>();
        var roots = new ArrayList<PlannedResource>();
        for (var resource : byUrn.values()) {
            if (resource.parentUrn() == null || !byUrn.containsKey(resource.parentUrn())) {
                roots.add(resource);
            } else {
                children.computeIfAbsent(resource.parentUrn(), k -> new ArrayList<>())
                        .add(resource);
            }
        }
        Comparator<PlannedResource> order =
                Comparator.comparing(PlannedResource::type)
                        .thenComparing(PlannedResource::name)
                        .thenComparing(PlannedResource::urn);
        var result = new ArrayList<PlannedResource>();
        var stack =
                new ArrayList<PlannedResource>(roots.stream().sorted(order.reversed()).toList());
        while (!stack.isEmpty()) {
            var next = stack.remove(stack.size() - 1);
            result.add(next);
            children.getOrDefault(next.urn(), List.of()).stream()
                    .sorted(order.reversed())
                    .forEach(stack::add);
        }
        return result;
    }

    private static List<PlannedPackage> packages(
            Iterable<PlannedResource> resources,
            Map<String, RegisterPackageRequest> packagesByRef) {
        var byName = new TreeMap<String, PlannedPackage>();
        for (var resource : resources) {
            if (!resource.custom() || resource.type().startsWith("pulumi:pulumi:")) {
                continue;
            }
            var registered = packagesByRef.get(resource.packageRef());
            if (registered != null) {
                var parameterization = registered.getParameterization();
                byName.putIfAbsent(
                        parameterization.getName(),
                        new PlannedPackage(
                                parameterization.getName(),
                                parameterization.getVersion(),
                                new PlannedPackage.Parameterization(
                                        registered.getName(),
                                        registered.getVersion(),
                                        parameterization
                                                .getValue()
                                                .toString(StandardCharsets.UTF_8))));
                continue;
            }
            var type = resource.type();
            var name =
                    type.startsWith("pulumi:providers:")
                            ? type.substring("pulumi:providers:".length())
                            : type.substring(0, type.indexOf(':'));
            var known = byName.get(name);
            if (known == null || (known.version().isEmpty() && !resource.version().isEmpty())) {
                byName.put(name, new PlannedPackage(name, resource.version(), null));
            }
        }
        return List.copyOf(byName.values());
    }

    private static String lastSegment(String urn) {
        var index = urn.lastIndexOf("::");
        return index < 0 ? urn : urn.substring(index + 2);
    }
}
