package labstacks.shared.providers;

import com.pulumi.github.Provider;
import com.pulumi.github.ProviderArgs;
import com.pulumi.resources.CustomResourceOptions;

/** Explicit GitHub providers: the owner is always named, so nothing lands in a personal account by accident. */
public final class GitHubProviders {

    private GitHubProviders() {}

    public static Provider create(String name, GitHubAccess access) {
        return create(name, access, CustomResourceOptions.Empty);
    }

    public static Provider create(String name, GitHubAccess access, CustomResourceOptions options) {
        return new Provider(
                name,
                ProviderArgs.builder()
                        .owner(access.owner())
                        .token(access.token().asSecret())
                        .build(),
                options);
    }
}
