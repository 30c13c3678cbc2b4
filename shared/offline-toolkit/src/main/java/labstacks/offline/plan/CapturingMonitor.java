package labstacks.offline.plan;

import com.google.protobuf.Struct;
import com.pulumi.Log;
import com.pulumi.resources.Resource;
import com.pulumi.test.Mocks;
import com.pulumi.test.internal.MockMonitor;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import pulumirpc.Resource.RegisterPackageRequest;
import pulumirpc.Resource.RegisterPackageResponse;
import pulumirpc.Resource.RegisterResourceOutputsRequest;
import pulumirpc.Resource.RegisterResourceRequest;
import pulumirpc.Resource.RegisterResourceResponse;

/**
 * The mock runtime's monitor, recording exactly what the program sends to the engine: every
 * {@link RegisterResourceRequest} (inputs with their secrets, and the options the mocks' own
 * {@code ResourceArgs} leave out: protect, ignoreChanges, dependencies, deleteBeforeReplace,
 * retainOnDelete, additionalSecretOutputs, customTimeouts), the outputs registered for each resource,
 * and the packages.
 *
 * <p>It also gives the program back secret outputs where the engine would: properties that were
 * secret inputs and those named in additionalSecretOutputs.
 *
 * <p>This relies on {@code com.pulumi.test.internal} of the pinned SDK (1.36.1); it is the only place
 * in the project that does.
 */
public final class CapturingMonitor extends MockMonitor {

    /** One registration as the engine saw it. */
    public record Registration(String urn, RegisterResourceRequest request, String id) {}

    private final Map<String, Registration> registrations = new LinkedHashMap<>();
    private final Map<String, Struct> outputs = new LinkedHashMap<>();
    private final List<RegisterPackageRequest> packages = new ArrayList<>();
    private final List<String> duplicateUrns = new ArrayList<>();

    public CapturingMonitor(Mocks mocks) {
        super(mocks, Log.ignore());
    }

    @Override
    public CompletableFuture<RegisterResourceResponse> registerResourceAsync(
            Resource resource, RegisterResourceRequest request) {
        return super.registerResourceAsync(resource, request)
                .thenApply(
                        response -> {
                            synchronized (this) {
                                var earlier =
                                        registrations.put(
                                                response.getUrn(),
                                                new Registration(
                                                        response.getUrn(),
                                                        request,
                                                        response.getId()));
                                if (earlier != null) {
                                    duplicateUrns.add(response.getUrn());
                                }
                            }
                            return withEngineSecrets(request, response);
                        });
    }

    @Override
    public CompletableFuture<Void> registerResourceOutputsAsync(
            RegisterResourceOutputsRequest request) {
        synchronized (this) {
            outputs.put(request.getUrn(), request.getOutputs());
        }
        return super.registerResourceOutputsAsync(request);
    }

    @Override
    public CompletableFuture<RegisterPackageResponse> registerPackageAsync(
            RegisterPackageRequest request) {
        synchronized (this) {
            packages.add(request);
        }
        // One reference per package, so resources of two parameterized packages stay apart.
        return CompletableFuture.completedFuture(
                RegisterPackageResponse.newBuilder().setRef(packageRef(request)).build());
    }

    /** The reference this monitor hands out for a registered package. */
    public static String packageRef(RegisterPackageRequest request) {
        var name =
                request.hasParameterization()
                        ? request.getParameterization().getName()
                        : request.getName();
        var version =
                request.hasParameterization()
                        ? request.getParameterization().getVersion()
                        : request.getVersion();
        return "offline-package:" + name + "@" + version;
    }

    public synchronized List<Registration> registrations() {
        return List.copyOf(registrations.values());
    }

    /** URNs registered more than once, which a real engine refuses ("Duplicate resource URN"). */
    public synchronized List<String> duplicateUrns() {
        return List.copyOf(duplicateUrns);
    }

    public synchronized Map<String, Struct> outputs() {
        return Map.copyOf(outputs);
    }

    public synchronized List<RegisterPackageRequest> packages() {
        return List.copyOf(packages);
    }

    private static RegisterResourceResponse withEngineSecrets(
            RegisterResourceRequest request, RegisterResourceResponse response) {
        var secretNames = new HashSet<>(request.getAdditionalSecretOutputsList());
        request.getObject()
                .getFieldsMap()
                .forEach(
                        (name, value) -> {
                            if (PlanValues.isSecret(value)) {
                                secretNames.add(name);
                            }
                        });
        if (secretNames.isEmpty()) {
            return response;
        }
        var object = response.getObject().toBuilder();
        for (var name : secretNames) {
            var value = object.getFieldsOrDefault(name, null);
            if (value != null) {
                object.putFields(name, PlanValues.secret(value));
            }
        }
        return response.toBuilder().setObject(object).build();
    }
}
