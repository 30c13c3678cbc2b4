package labstacks.shared.providers;

import com.pulumi.core.Output;
import java.util.Objects;

/**
 * How a program reaches one GitHub organisation.
 *
 * @param owner the organisation (or user) the resources belong to, for example {@code nf-core}
 * @param token a token with the rights the program needs, always a secret Output
 */
public record GitHubAccess(String owner, Output<String> token) {
    public GitHubAccess {
        if (owner == null || !owner.matches("[A-Za-z0-9]([A-Za-z0-9-]{0,38})")) {
            throw new IllegalArgumentException("not a GitHub organisation or user name: " + owner);
        }
        Objects.requireNonNull(token, "token");
    }
}
