package labstacks.launcher.engine;

import com.google.protobuf.Empty;
import com.google.protobuf.Struct;
import com.pulumi.test.Mocks;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import labstacks.shared.program.OfflineFunction;
import pulumirpc.EngineGrpc;
import pulumirpc.EngineOuterClass.GetRootResourceRequest;
import pulumirpc.EngineOuterClass.GetRootResourceResponse;
import pulumirpc.EngineOuterClass.LogRequest;
import pulumirpc.EngineOuterClass.LogSeverity;
import pulumirpc.EngineOuterClass.RequirePulumiVersionRequest;
import pulumirpc.EngineOuterClass.RequirePulumiVersionResponse;
import pulumirpc.EngineOuterClass.SetRootResourceRequest;
import pulumirpc.EngineOuterClass.SetRootResourceResponse;
import pulumirpc.Provider.CheckFailure;
import pulumirpc.Resource.RegisterPackageRequest;
import pulumirpc.Resource.RegisterPackageResponse;
import pulumirpc.Resource.RegisterResourceOutputsRequest;
import pulumirpc.Resource.RegisterResourceRequest;
import pulumirpc.Resource.RegisterResourceResponse;
import pulumirpc.Resource.ResourceInvokeRequest;
import pulumirpc.Resource.ResourceInvokeResponse;
import pulumirpc.Resource.SupportsFeatureRequest;
import pulumirpc.Resource.SupportsFeatureResponse;
import pulumirpc.ResourceMonitorGrpc;

/**
 * A Pulumi engine in this JVM: the {@code ResourceMonitor} and {@code Engine} gRPC services a program
 * talks to under {@code pulumi preview}/{@code pulumi up}, on loopback, built on the {@code pulumirpc}
 * stubs that {@code com.pulumi:pulumi} ships. It records every call and answers as the real engine
 * does, without providers:
 * <ul>
 *   <li>URNs are made as {@code pkg/resource/deploy/deployment.go} {@code generateURN} makes them
 *       (pulumi/pulumi): the parent's qualified type joins the child's, except when the parent is the
 *       root stack;</li>
 *   <li>in a preview a new resource gets an empty id, an import its import id and a provider the
 *       unknown id; in an update every custom resource gets an id;</li>
 *   <li>the state returned is the inputs plus the properties the provider computes (ARNs, ids, keys):
 *       in a preview those are the unknown value, as a provider's preview of a create reports them, in
 *       an update the values the provider stand-in gives; {@code additionalSecretOutputs} come back
 *       wrapped as secrets;</li>
 *   <li>a duplicate URN, or a parent, dependency or provider that was never registered, is a protocol
 *       error, as in {@code step_generator.go}.</li>
 * </ul>
 * Which properties a provider computes, and functions (invokes), come from the stand-ins given to the
 * constructor (the offline plan's {@link Mocks}); an unknown function fails the invoke as a provider would.
 */
public final class FakeEngine implements AutoCloseable {

    /** One registration as received, with the URN this engine gave it. */
    public record Registration(String urn, RegisterResourceRequest request) {}

    /**
     * A wrong answer to inject: to the {@code RegisterResource} of the resource named {@code name}, the
     * engine answers with an error ({@link Kind#REFUSE}, as it does when a provider fails to create it),
     * never answers ({@link Kind#SILENT}, an engine that hangs) or shuts down ({@link Kind#GONE}, an engine
     * that crashed or was interrupted).
     */
    public record Fault(Kind kind, String name) {
        public enum Kind {
            REFUSE,
            SILENT,
            GONE
        }

        /** The engine's error text for a refused registration. */
        public String message(String type) {
            return "creating "
                    + type
                    + " "
                    + name
                    + " failed: AccessDenied: User is not authorized to perform this action";
        }
    }

    /**
     * What the real engine's resource monitor says it supports (pulumi/pulumi
     * {@code pkg/resource/deploy/source_eval.go}, {@code resmon.SupportsFeature}).
     */
    private static final Set<String> FEATURES =
            Set.of(
                    "secrets",
                    "resourceReferences",
                    "outputValues",
                    "deletedWith",
                    "aliasSpecs",
                    "transforms",
                    "invokeTransforms",
                    "parameterization",
                    "resourceHooks");

    private final String project;
    private final String stack;
    private final boolean preview;
    private final Map<String, OfflineFunction> functions;
    private final Mocks providers;
    private final Server server;

    private final Map<String, Registration> registrations = new LinkedHashMap<>();
    private final Map<String, Struct> outputs = new LinkedHashMap<>();
    private final List<ResourceInvokeRequest> invokes = new ArrayList<>();
    private final List<RegisterPackageRequest> packages = new ArrayList<>();
    private final List<LogRequest> logs = new ArrayList<>();
    private final List<String> features = new ArrayList<>();
    private final List<String> protocolErrors = new ArrayList<>();
    private int calls;
    private String rootResource = "";
    private volatile Fault fault;

    public FakeEngine(
            String project,
            String stack,
            boolean preview,
            Mocks providers,
            Map<String, OfflineFunction> functions)
            throws IOException {
        this.project = project;
        this.stack = stack;
        this.preview = preview;
        this.functions = Map.copyOf(functions);
        this.providers = providers;
        this.server =
                NettyServerBuilder.forAddress(
                                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                        .addService(new Monitor())
                        .addService(new EngineService())
                        .build()
                        .start();
    }

    /** Answers wrongly from now on, as {@code fault} says. */
    public FakeEngine inject(Fault fault) {
        this.fault = fault;
        return this;
    }

    /** The address the language host passes as PULUMI_MONITOR and PULUMI_ENGINE. */
    public String address() {
        return InetAddress.getLoopbackAddress().getHostAddress() + ":" + server.getPort();
    }

    public synchronized List<Registration> registrations() {
        return List.copyOf(registrations.values());
    }

    public synchronized Map<String, Struct> outputs() {
        return Map.copyOf(outputs);
    }

    public synchronized List<ResourceInvokeRequest> invokes() {
        return List.copyOf(invokes);
    }

    public synchronized List<RegisterPackageRequest> packages() {
        return List.copyOf(packages);
    }

    public synchronized List<LogRequest> logs() {
        return List.copyOf(logs);
    }

    public synchronized List<String> features() {
        return List.copyOf(features);
    }

    public synchronized List<String> protocolErrors() {
        return List.copyOf(protocolErrors);
    }

    /** Every RPC received, on either service. */
    public synchronized int calls() {
        return calls;
    }

    /** The URN of the stack resource a program registers first. */
    public String stackUrn(String name) {
        return "urn:pulumi:" + stack + "::" + project + "::pulumi:pulumi:Stack::" + name;
    }

    @Override
    public void close() {
        try {
            server.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized String urnFor(RegisterResourceRequest request) {
        var parent = request.getParent();
        var qualifiedType = request.getType();
        if (!parent.isEmpty()) {
            var parentType = qualifiedType(parent);
            if (!parentType.equals("pulumi:pulumi:Stack")) {
                qualifiedType = parentType + "$" + request.getType();
            }
        }
        return "urn:pulumi:"
                + stack
                + "::"
                + project
                + "::"
                + qualifiedType
                + "::"
                + request.getName();
    }

    /** {@code urn:pulumi:stack::project::qualified$type::name} -> {@code qualified$type}. */
    private static String qualifiedType(String urn) {
        var parts = urn.split("::", 4);
        return parts.length < 4 ? "" : parts[2];
    }

    private synchronized void validate(String urn, RegisterResourceRequest request) {
        if (registrations.containsKey(urn)) {
            protocolErrors.add("duplicate URN " + urn);
        }
        if (!request.getParent().isEmpty() && !registrations.containsKey(request.getParent())) {
            protocolErrors.add(urn + ": parent " + request.getParent() + " was never registered");
        }
        for (var dependency : request.getDependenciesList()) {
            if (!registrations.containsKey(dependency)) {
                protocolErrors.add(urn + ": dependency " + dependency + " was never registered");
            }
        }
        var provider = request.getProvider();
        if (!provider.isEmpty()) {
            var index = provider.lastIndexOf("::");
            if (index < 0 || !registrations.containsKey(provider.substring(0, index))) {
                protocolErrors.add(urn + ": provider " + provider + " was never registered");
            }
        }
    }

    private String idFor(RegisterResourceRequest request) {
        if (!request.getCustom()) {
            return "";
        }
        if (!request.getImportId().isEmpty()) {
            return request.getImportId();
        }
        if (preview) {
            return request.getType().startsWith("pulumi:providers:") ? EngineValues.UNKNOWN : "";
        }
        return UUID.randomUUID().toString();
    }

    private Struct stateFor(RegisterResourceRequest request) {
        var state = request.getObject().toBuilder();
        if (request.getCustom()) {
            computedProperties(request)
                    .forEach(
                            (name, value) -> {
                                if (!state.containsFields(name)) {
                                    state.putFields(
                                            name,
                                            preview
                                                    ? EngineValues.toValue(EngineValues.UNKNOWN)
                                                    : EngineValues.toValue(value));
                                }
                            });
        }
        for (var name : request.getAdditionalSecretOutputsList()) {
            var value = state.getFieldsOrDefault(name, null);
            if (value != null && !EngineValues.isSecret(value)) {
                state.putFields(name, EngineValues.secret(value));
            }
        }
        return state.build();
    }

    /** The state the provider stand-in gives for these inputs; what it adds are the computed properties. */
    private Map<String, Object> computedProperties(RegisterResourceRequest request) {
        var inputs = new LinkedHashMap<String, Object>();
        EngineValues.toJava(request.getObject()).forEach((k, v) -> inputs.put(k, reveal(v)));
        try {
            var result =
                    providers
                            .newResourceAsync(
                                    new Mocks.ResourceArgs(
                                            request.getType(),
                                            request.getName(),
                                            inputs,
                                            request.getProvider(),
                                            request.getImportId()))
                            .get();
            var state = result.state instanceof Map<?, ?> map ? map : Map.of();
            var computed = new LinkedHashMap<String, Object>();
            state.forEach(
                    (k, v) -> {
                        if (!inputs.containsKey(k.toString())) {
                            computed.put(k.toString(), v);
                        }
                    });
            return computed;
        } catch (Exception e) {
            synchronized (this) {
                protocolErrors.add(request.getName() + ": the provider stand-in failed: " + e);
            }
            return Map.of();
        }
    }

    private static Object reveal(Object value) {
        if (value instanceof EngineValues.Secret secret) {
            return reveal(secret.value());
        }
        if (value instanceof Map<?, ?> map) {
            var result = new LinkedHashMap<String, Object>();
            map.forEach((k, v) -> result.put(k.toString(), reveal(v)));
            return result;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(FakeEngine::reveal).toList();
        }
        return value;
    }

    private final class Monitor extends ResourceMonitorGrpc.ResourceMonitorImplBase {

        @Override
        public void supportsFeature(
                SupportsFeatureRequest request, StreamObserver<SupportsFeatureResponse> response) {
            synchronized (FakeEngine.this) {
                calls++;
                features.add(request.getId());
            }
            response.onNext(
                    SupportsFeatureResponse.newBuilder()
                            .setHasSupport(FEATURES.contains(request.getId()))
                            .build());
            response.onCompleted();
        }

        @Override
        public void registerResource(
                RegisterResourceRequest request,
                StreamObserver<RegisterResourceResponse> response) {
            var urn = urnFor(request);
            synchronized (FakeEngine.this) {
                calls++;
                validate(urn, request);
                registrations.put(urn, new Registration(urn, request));
            }
            var injected = fault;
            if (injected != null && injected.name().equals(request.getName())) {
                if (injected.kind() == Fault.Kind.SILENT) {
                    return;
                }
                if (injected.kind() == Fault.Kind.GONE) {
                    new Thread(server::shutdownNow, "fake-engine-gone").start();
                    return;
                }
                response.onError(
                        Status.UNKNOWN
                                .withDescription(injected.message(request.getType()))
                                .asRuntimeException());
                return;
            }
            response.onNext(
                    RegisterResourceResponse.newBuilder()
                            .setUrn(urn)
                            .setId(idFor(request))
                            .setObject(stateFor(request))
                            .build());
            response.onCompleted();
        }

        @Override
        public void registerResourceOutputs(
                RegisterResourceOutputsRequest request, StreamObserver<Empty> response) {
            synchronized (FakeEngine.this) {
                calls++;
                if (!registrations.containsKey(request.getUrn())) {
                    protocolErrors.add(
                            "outputs for " + request.getUrn() + ", which was never registered");
                }
                outputs.put(request.getUrn(), request.getOutputs());
            }
            response.onNext(Empty.getDefaultInstance());
            response.onCompleted();
        }

        @Override
        public void invoke(
                ResourceInvokeRequest request, StreamObserver<ResourceInvokeResponse> response) {
            synchronized (FakeEngine.this) {
                calls++;
                invokes.add(request);
            }
            var function = functions.get(request.getTok());
            var result = ResourceInvokeResponse.newBuilder();
            if (function == null) {
                result.addFailures(
                        CheckFailure.newBuilder()
                                .setReason(
                                        "the fake engine has no provider for " + request.getTok()));
            } else {
                try {
                    result.setReturn(
                            EngineValues.toStruct(
                                    function.call(EngineValues.toJava(request.getArgs()))));
                } catch (RuntimeException providerError) {
                    // A provider's own error (a data source that finds nothing): the engine fails
                    // the RPC with
                    // the provider's message (pulumi/pulumi pkg/resource/deploy/source_eval.go,
                    // Invoke:
                    // "invocation of <tok> returned an error: ...").
                    response.onError(
                            Status.UNKNOWN
                                    .withDescription(
                                            "invocation of "
                                                    + request.getTok()
                                                    + " returned an error: "
                                                    + providerError.getMessage())
                                    .asRuntimeException());
                    return;
                }
            }
            response.onNext(result.build());
            response.onCompleted();
        }

        @Override
        public void registerPackage(
                RegisterPackageRequest request, StreamObserver<RegisterPackageResponse> response) {
            synchronized (FakeEngine.this) {
                calls++;
                packages.add(request);
            }
            var name =
                    request.hasParameterization()
                            ? request.getParameterization().getName()
                            : request.getName();
            response.onNext(
                    RegisterPackageResponse.newBuilder()
                            .setRef("fake-engine-package:" + name)
                            .build());
            response.onCompleted();
        }
    }

    private final class EngineService extends EngineGrpc.EngineImplBase {

        @Override
        public void log(LogRequest request, StreamObserver<Empty> response) {
            synchronized (FakeEngine.this) {
                calls++;
                logs.add(request);
            }
            response.onNext(Empty.getDefaultInstance());
            response.onCompleted();
        }

        @Override
        public void getRootResource(
                GetRootResourceRequest request, StreamObserver<GetRootResourceResponse> response) {
            String urn;
            synchronized (FakeEngine.this) {
                calls++;
                urn = rootResource;
            }
            response.onNext(GetRootResourceResponse.newBuilder().setUrn(urn).build());
            response.onCompleted();
        }

        @Override
        public void setRootResource(
                SetRootResourceRequest request, StreamObserver<SetRootResourceResponse> response) {
            synchronized (FakeEngine.this) {
                calls++;
                rootResource = request.getUrn();
            }
            response.onNext(SetRootResourceResponse.getDefaultInstance());
            response.onCompleted();
        }

        @Override
        public void requirePulumiVersion(
                RequirePulumiVersionRequest request,
                StreamObserver<RequirePulumiVersionResponse> response) {
            synchronized (FakeEngine.this) {
                calls++;
            }
            response.onNext(RequirePulumiVersionResponse.getDefaultInstance());
            response.onCompleted();
        }
    }

    /** Non-debug log lines, as a user of the CLI sees them by default. */
    public List<String> visibleLogMessages() {
        return logs().stream()
                .filter(l -> l.getSeverity() != LogSeverity.DEBUG)
                .map(LogRequest::getMessage)
                .toList();
    }

    /** Every log line, DEBUG included, as {@code pulumi up --debug} shows them. */
    public List<String> allLogMessages() {
        return logs().stream().map(LogRequest::getMessage).toList();
    }

    /** The log lines of one severity. */
    public List<String> logMessages(LogSeverity severity) {
        return logs().stream()
                .filter(l -> l.getSeverity() == severity)
                .map(LogRequest::getMessage)
                .toList();
    }
}
