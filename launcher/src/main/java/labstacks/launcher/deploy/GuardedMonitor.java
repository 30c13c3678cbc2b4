package labstacks.launcher.deploy;

import com.pulumi.deployment.internal.Monitor;
import com.pulumi.resources.Resource;
import java.util.concurrent.CompletableFuture;
import pulumirpc.Provider.CallResponse;
import pulumirpc.Resource.ReadResourceRequest;
import pulumirpc.Resource.ReadResourceResponse;
import pulumirpc.Resource.RegisterPackageRequest;
import pulumirpc.Resource.RegisterPackageResponse;
import pulumirpc.Resource.RegisterResourceOutputsRequest;
import pulumirpc.Resource.RegisterResourceRequest;
import pulumirpc.Resource.RegisterResourceResponse;
import pulumirpc.Resource.ResourceCallRequest;
import pulumirpc.Resource.ResourceInvokeRequest;
import pulumirpc.Resource.ResourceInvokeResponse;
import pulumirpc.Resource.SupportsFeatureRequest;
import pulumirpc.Resource.SupportsFeatureResponse;

/**
 * The engine's resource monitor as the SDK's {@code GrpcMonitor} reaches it, with a deadline on every
 * call and every failure named after what was asked: {@code registering <type> "<name>"}.
 */
final class GuardedMonitor implements Monitor {

    private final Monitor engine;
    private final EngineTimeout timeout;

    GuardedMonitor(Monitor engine, EngineTimeout timeout) {
        this.engine = engine;
        this.timeout = timeout;
    }

    @Override
    public CompletableFuture<SupportsFeatureResponse> supportsFeatureAsync(
            SupportsFeatureRequest request) {
        return Guard.call(
                engine.supportsFeatureAsync(request),
                timeout.quick(),
                "asking the engine whether it supports " + request.getId());
    }

    @Override
    public CompletableFuture<ResourceInvokeResponse> invokeAsync(ResourceInvokeRequest request) {
        return Guard.resourceCall(
                engine.invokeAsync(request), timeout.perCall(), "calling " + request.getTok());
    }

    @Override
    public CompletableFuture<CallResponse> callAsync(ResourceCallRequest request) {
        return Guard.resourceCall(
                engine.callAsync(request), timeout.perCall(), "calling " + request.getTok());
    }

    @Override
    public CompletableFuture<ReadResourceResponse> readResourceAsync(
            Resource resource, ReadResourceRequest request) {
        return Guard.resourceCall(
                engine.readResourceAsync(resource, request),
                timeout.perCall(),
                "reading "
                        + request.getType()
                        + " \""
                        + request.getName()
                        + "\" (id "
                        + request.getId()
                        + ")");
    }

    @Override
    public CompletableFuture<RegisterResourceResponse> registerResourceAsync(
            Resource resource, RegisterResourceRequest request) {
        var asked = request.getCustomTimeouts();
        return Guard.resourceCall(
                engine.registerResourceAsync(resource, request),
                timeout.forRegistration(asked.getCreate(), asked.getUpdate(), asked.getDelete()),
                "registering " + request.getType() + " \"" + request.getName() + "\"");
    }

    @Override
    public CompletableFuture<Void> registerResourceOutputsAsync(
            RegisterResourceOutputsRequest request) {
        return Guard.call(
                engine.registerResourceOutputsAsync(request),
                timeout.quick(),
                "registering the outputs of " + request.getUrn());
    }

    @Override
    public CompletableFuture<RegisterPackageResponse> registerPackageAsync(
            RegisterPackageRequest request) {
        var name =
                request.hasParameterization()
                        ? request.getParameterization().getName()
                        : request.getName();
        return Guard.call(
                engine.registerPackageAsync(request),
                timeout.quick(),
                "registering the package " + name);
    }
}
