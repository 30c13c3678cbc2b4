package labstacks.shared.validation;

import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An image reference split by the grammar of distribution/reference ({@code reference/regexp.go},
 * also the OCI distribution spec): {@code [domain[:port]/]path[:tag][@digest]}, where each path
 * component is lower-case alphanumerics joined by {@code .}, {@code _}, {@code __} or dashes, a tag is
 * {@code [\w][\w.-]{0,127}} and a digest is {@code algorithm:hex} with at least 32 hex digits.
 *
 * @param problem what breaks the grammar, in words; empty for a valid reference
 */
public record ImageReference(
        String domain,
        String path,
        Optional<String> tag,
        Optional<String> digest,
        Optional<String> problem) {

    private static final Pattern DOMAIN_COMPONENT =
            Pattern.compile("[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?");
    private static final Pattern PATH_COMPONENT =
            Pattern.compile("[a-z0-9]+(([._]|__|-+)[a-z0-9]+)*");
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    private static final Pattern DIGEST =
            Pattern.compile("[A-Za-z][A-Za-z0-9]*([-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}");
    private static final Pattern SHA256 = Pattern.compile("sha256:[0-9a-f]{64}");

    public static ImageReference parse(String text) {
        if (text.isEmpty()) {
            return invalid("an image reference is not empty");
        }
        if (text.chars().anyMatch(Character::isWhitespace)) {
            return invalid("an image reference has no spaces");
        }
        var rest = text;
        Optional<String> digest = Optional.empty();
        var at = rest.indexOf('@');
        if (at >= 0) {
            var d = rest.substring(at + 1);
            if (!DIGEST.matcher(d).matches()
                    || d.startsWith("sha256:") && !SHA256.matcher(d).matches()) {
                return invalid(
                        "the digest after '@' is algorithm:hex, for example sha256: and 64 lower-case hex digits");
            }
            digest = Optional.of(d);
            rest = rest.substring(0, at);
        }
        // A colon after the last slash starts the tag; one before it belongs to a registry port.
        Optional<String> tag = Optional.empty();
        var slash = rest.lastIndexOf('/');
        var colon = rest.indexOf(':', slash + 1);
        if (colon >= 0) {
            var t = rest.substring(colon + 1);
            if (!TAG.matcher(t).matches()) {
                return invalid(
                        "the tag after ':' is 1 to 128 letters, digits, '_', '.' or '-', not starting with '.' or '-'"
                                + (t.isEmpty() ? " (it is empty)" : ""));
            }
            tag = Optional.of(t);
            rest = rest.substring(0, colon);
        }
        if (rest.length() > 255) {
            return invalid("an image name is at most 255 characters");
        }
        var parts = rest.split("/", -1);
        var domain = "";
        var first = 0;
        // As the reference library decides: the first part is a registry when it has '.' or ':', or
        // is localhost.
        if (parts.length > 1
                && (parts[0].contains(".")
                        || parts[0].contains(":")
                        || parts[0].equals("localhost"))) {
            domain = parts[0];
            first = 1;
            var hostAndPort = domain.split(":", -1);
            if (hostAndPort.length > 2
                    || hostAndPort.length == 2 && !hostAndPort[1].matches("[0-9]+")) {
                return invalid("the registry '" + domain + "' is host[:port], with a numeric port");
            }
            for (var component : hostAndPort[0].split("\\.", -1)) {
                if (!DOMAIN_COMPONENT.matcher(component).matches()) {
                    return invalid("the registry '" + domain + "' is not a valid host name");
                }
            }
        }
        if (first >= parts.length) {
            return invalid("the image names a registry but no repository");
        }
        for (int i = first; i < parts.length; i++) {
            if (parts[i].isEmpty()) {
                return invalid(
                        "the repository path has an empty part (a leading, trailing or double '/')");
            }
            if (!PATH_COMPONENT.matcher(parts[i]).matches()) {
                return invalid(
                        "each part of the repository path is lower-case letters and digits, "
                                + "joined by '.', '_', '__' or '-' (not '"
                                + parts[i]
                                + "')");
            }
        }
        var path = String.join("/", Arrays.asList(parts).subList(first, parts.length));
        return new ImageReference(domain, path, tag, digest, Optional.empty());
    }

    /** The reference without its tag or digest: {@code [domain/]path}. */
    public String repository() {
        return domain.isEmpty() ? path : domain + "/" + path;
    }

    private static ImageReference invalid(String problem) {
        return new ImageReference("", "", Optional.empty(), Optional.empty(), Optional.of(problem));
    }
}
