package labstacks.offline.plan;

import com.pulumi.test.Mocks;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import labstacks.shared.program.OfflineFunction;
import labstacks.shared.text.Sha256;

/**
 * Stands in for the providers: a resource's state is its inputs plus the outputs the provider would
 * compute where the inputs determine them (physical names, a bucket's ARN), unknown where only the cloud
 * knows them (see ComputedOutputs); the same program always gives the same plan. Functions are answered by a few built-in stand-ins and by the
 * program's own {@link OfflineFunction}s.
 */
public final class OfflineMocks implements Mocks {

    public static final String DEFAULT_REGION = "us-east-1";

    private final Map<String, OfflineFunction> functions;
    private final Map<String, String> providerRegions = new HashMap<>();

    public OfflineMocks(Map<String, OfflineFunction> programFunctions) {
        var all = new LinkedHashMap<String, OfflineFunction>();
        // Offline there is no account to ask: its identity is unknown, never a made-up account.
        all.put(
                "aws:index/getCallerIdentity:getCallerIdentity",
                args ->
                        Map.of(
                                "accountId", PlanValues.UNKNOWN,
                                "arn", PlanValues.UNKNOWN,
                                "userId", PlanValues.UNKNOWN,
                                "id", PlanValues.UNKNOWN));
        all.put(
                "aws:index/getPartition:getPartition",
                args -> Map.of("partition", "aws", "dnsSuffix", "amazonaws.com", "id", "aws"));
        all.putAll(programFunctions);
        this.functions = Map.copyOf(all);
    }

    @Override
    public CompletableFuture<ResourceResult> newResourceAsync(ResourceArgs args) {
        var state = new LinkedHashMap<String, Object>(args.inputs);
        var importId = args.id == null || args.id.isEmpty() ? null : args.id;
        var region = regionOf(args.provider);
        if (args.type.startsWith("pulumi:providers:")) {
            synchronized (providerRegions) {
                var declared = state.get("region");
                providerRegions.put(args.name, declared instanceof String r ? r : DEFAULT_REGION);
            }
        }
        var id =
                ComputedOutputs.fill(
                        args.type,
                        args.name,
                        importId,
                        region,
                        state,
                        suffix(args.type, args.name));
        // No id: the engine reads an empty id of a new resource as unknown during a preview.
        return CompletableFuture.completedFuture(ResourceResult.of(Optional.ofNullable(id), state));
    }

    @Override
    public CompletableFuture<Map<String, Object>> callAsync(CallArgs args) {
        var function = functions.get(args.token);
        if (function == null) {
            return CompletableFuture.failedFuture(
                    new IllegalStateException(
                            "the offline plan has no answer for the function "
                                    + args.token
                                    + ": add one to the program's offlineFunctions()"));
        }
        Map<String, Object> answer;
        try {
            answer = function.call(args.args);
        } catch (RuntimeException e) {
            // A function the provider fails (a data source finding nothing) fails the invoke, as
            // the engine would.
            return CompletableFuture.failedFuture(e);
        }
        var result = new LinkedHashMap<>(answer);
        if (args.token.equals("aws:index/getRegion:getRegion") || !result.containsKey("region")) {
            result.putIfAbsent("region", regionOf(args.provider));
        }
        return CompletableFuture.completedFuture(result);
    }

    /** The region of the explicit AWS provider a resource uses (provider refs are {@code urn::id}). */
    private String regionOf(String providerRef) {
        if (providerRef == null || providerRef.isEmpty()) {
            return DEFAULT_REGION;
        }
        var urn =
                providerRef.contains("::")
                        ? providerRef.substring(0, providerRef.lastIndexOf("::"))
                        : providerRef;
        var name = urn.substring(urn.lastIndexOf("::") + 2);
        synchronized (providerRegions) {
            return providerRegions.getOrDefault(name, DEFAULT_REGION);
        }
    }

    /**
     * The physical name the offline run gives a resource the program leaves unnamed
     * ({@code <logical name>-<suffix>}): invented here, random under the engine. Adoption never compares it.
     */
    public static String inventedName(String type, String name) {
        return name + "-" + suffix(type, name);
    }

    /** Stands in for the random suffix Pulumi's auto-naming adds: stable per type and name. */
    static String suffix(String type, String name) {
        return Sha256.prefix(type + "::" + name, 7);
    }
}
