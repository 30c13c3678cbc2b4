package labstacks.shared.text;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of UTF-8 text, in lower-case hex: for fingerprints and stable names, never for secrets. */
public final class Sha256 {
    private Sha256() {}

    /** All 64 hex digits. */
    public static String hex(String text) {
        return HexFormat.of().formatHex(digest(text));
    }

    /** The first {@code digits} hex digits (1 to 64). */
    public static String prefix(String text, int digits) {
        if (digits < 1 || digits > 64) {
            throw new IllegalArgumentException(
                    "a SHA-256 has 1 to 64 hex digits, asked for " + digits);
        }
        var bytes = digest(text);
        // Only the bytes the prefix shows need formatting.
        return HexFormat.of().formatHex(bytes, 0, (digits + 1) / 2).substring(0, digits);
    }

    private static byte[] digest(String text) {
        try {
            return MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform must provide SHA-256 (java.security.MessageDigest's contract).
            throw new IllegalStateException(e);
        }
    }
}
