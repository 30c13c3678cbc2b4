package labstacks.biositing;

/** What the stack derives from an image reference (the rules a reference must follow are shared's Format). */
final class Images {
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
        return labstacks.shared.text.Sha256.prefix(image, 8);
    }
}
