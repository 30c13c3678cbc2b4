package labstacks.moderate;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Credentials inside URLs: a password with {@code @ : / % #} must not end the user-info part. */
final class Urls {
    private Urls() {
    }

    /** Percent-encodes one user-info component (RFC 3986): everything but unreserved characters. */
    static String encode(String component) {
        // URLEncoder is form encoding: it leaves * and turns space into +; neither is right in a user-info part.
        return URLEncoder.encode(component, StandardCharsets.UTF_8)
                .replace("+", "%20").replace("*", "%2A");
    }

    /** {@code user:password}, both encoded. */
    static String userInfo(String user, String password) {
        return encode(user) + ":" + encode(password);
    }
}
