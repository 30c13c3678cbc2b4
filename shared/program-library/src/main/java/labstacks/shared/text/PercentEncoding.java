package labstacks.shared.text;

import com.google.common.escape.Escaper;
import com.google.common.net.PercentEscaper;

/**
 * Percent-encoding of one URL component (RFC 3986, section 2.1): every UTF-8 byte outside the unreserved
 * characters {@code A-Z a-z 0-9 - . _ ~} becomes {@code %XX}. For credentials inside URLs, where a raw
 * {@code @ : / % # ?} or space would end the user-info part early. Not form encoding: a space is {@code %20},
 * never {@code +}. Guava's {@code UrlEscapers} keep sub-delimiters such as {@code @ : + ;} as they are (legal
 * in a path segment, not in user-info), so this is Guava's escaper with only the unreserved marks safe.
 */
public final class PercentEncoding {
    private static final Escaper UNRESERVED_ONLY = new PercentEscaper("-._~", false);

    private PercentEncoding() {}

    /** {@code text} with every byte outside RFC 3986's unreserved characters percent-encoded. */
    public static String component(String text) {
        return UNRESERVED_ONLY.escape(text);
    }

    /** The user-info part {@code user:password} of a URL, both encoded. */
    public static String userInfo(String user, String password) {
        return component(user) + ":" + component(password);
    }
}
