package labstacks.shared.text;

import java.nio.charset.StandardCharsets;

/**
 * Percent-encoding of one URL component (RFC 3986, section 2.1): every UTF-8 byte outside the unreserved
 * characters {@code A-Z a-z 0-9 - . _ ~} becomes {@code %XX}. For credentials inside URLs, where a raw
 * {@code @ : / % # ?} or space would end the user-info part early. Not form encoding: a space is {@code %20},
 * never {@code +}.
 */
public final class PercentEncoding {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private PercentEncoding() {
    }

    /** {@code text} with every byte outside RFC 3986's unreserved characters percent-encoded. */
    public static String component(String text) {
        var encoded = new StringBuilder(text.length());
        for (var b : text.getBytes(StandardCharsets.UTF_8)) {
            var c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                encoded.append(c);
            } else {
                encoded.append('%').append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
            }
        }
        return encoded.toString();
    }

    /** The user-info part {@code user:password} of a URL, both encoded. */
    public static String userInfo(String user, String password) {
        return component(user) + ":" + component(password);
    }
}
