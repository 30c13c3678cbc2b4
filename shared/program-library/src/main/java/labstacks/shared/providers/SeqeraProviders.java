package labstacks.shared.providers;

import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.seqera.Provider;
import com.pulumi.seqera.ProviderArgs;

/** Explicit Seqera Platform providers. */
public final class SeqeraProviders {

    private SeqeraProviders() {}

    public static Provider create(String name, SeqeraAccess access) {
        return create(name, access, CustomResourceOptions.Empty);
    }

    public static Provider create(String name, SeqeraAccess access, CustomResourceOptions options) {
        return new Provider(
                name,
                ProviderArgs.builder()
                        .serverUrl(access.serverUrl())
                        // The token must stay secret even if a caller built it with Output.of.
                        .bearerAuth(access.bearerToken().asSecret())
                        .build(),
                options);
    }
}
