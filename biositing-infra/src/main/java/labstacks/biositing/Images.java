package labstacks.biositing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Rules for the images and sizes a stack may name. */
final class Images {
    /** name:tag (not latest) or name@sha256:digest. */
    static final String PINNED = "[a-z0-9][a-z0-9._/:-]*?(:(?!latest$)[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}|@sha256:[a-f0-9]{64})";
    /** A Kubernetes storage quantity in binary units. */
    static final String QUANTITY = "[1-9][0-9]*(Mi|Gi|Ti)";

    private Images() {
    }

    /** The image reference without its tag or digest: {@code registry/path/name}. */
    static String repository(String image) {
        var at = image.indexOf('@');
        var name = at < 0 ? image : image.substring(0, at);
        var slash = name.lastIndexOf('/');
        var colon = name.lastIndexOf(':');
        // A colon after the last slash starts the tag; one before it belongs to a registry port.
        return colon > slash ? name.substring(0, colon) : name;
    }

    /** The first 8 hex digits of the image's SHA-256: a new image gives a new one-off Job name. */
    static String shortHash(String image) {
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(image.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
