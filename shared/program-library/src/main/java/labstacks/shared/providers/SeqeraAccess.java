package labstacks.shared.providers;

import com.pulumi.core.Output;
import java.net.URI;
import java.util.Objects;

/**
 * How a program reaches a Seqera Platform API.
 *
 * @param serverUrl   the API endpoint, {@link #CLOUD} for Seqera Cloud
 * @param bearerToken a Platform access token ({@code TOWER_ACCESS_TOKEN}), always a secret Output
 */
public record SeqeraAccess(String serverUrl, Output<String> bearerToken) {
    /** Seqera Cloud's API. */
    public static final String CLOUD = "https://api.cloud.seqera.io";

    public SeqeraAccess {
        Objects.requireNonNull(bearerToken, "bearerToken");
        var uri = URI.create(Objects.requireNonNull(serverUrl, "serverUrl"));
        if (!"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException(
                    "the Seqera server URL must be https://<host>[/path]: " + serverUrl);
        }
    }
}
