package labstacks.biositing;

import labstacks.shared.text.Sha256;

/** What the stack derives from an image reference (the rules a reference must follow are shared's Format and ImageReference). */
final class Images {
    private Images() {}

    /** The first 8 hex digits of the image's SHA-256: a new image gives a new one-off Job name. */
    static String shortHash(String image) {
        return Sha256.prefix(image, 8);
    }
}
