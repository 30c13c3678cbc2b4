package labstacks.shared.validation;

import com.google.gson.JsonParser;
import com.pulumi.aws.enums.Region;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The values stacks name, checked by the rules of the system that will receive them. Every method
 * returns the rule a value breaks, in words a user can act on, or empty when the value is valid.
 * Settings use these through {@link Format}; components may call them on derived values (a bucket
 * name built from the stack name) so both paths say the same thing.
 */
public final class Vocabulary {

    private Vocabulary() {}

    // ---------------------------------------------------------------- S3

    // AWS S3 User Guide, "General purpose bucket naming rules"
    // (docs.aws.amazon.com/AmazonS3/latest/
    // userguide/bucketnamingrules.html): reserved prefixes and suffixes as listed there.
    private static final List<String> RESERVED_BUCKET_PREFIXES =
            List.of("xn--", "sthree-", "amzn-s3-demo-");
    private static final List<String> RESERVED_BUCKET_SUFFIXES =
            List.of("-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3");
    private static final Pattern IPV4_LIKE = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    /** An S3 general purpose bucket name, by every rule AWS applies. */
    public static Optional<String> s3BucketName(String name) {
        if (name.length() < 3 || name.length() > 63) {
            return problem(
                    "a bucket name is 3 to 63 characters long (this one has "
                            + name.length()
                            + ")");
        }
        for (var c : name.toCharArray()) {
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '-')) {
                return problem(
                        "a bucket name has only lower-case letters, digits, '.' and '-' (found '"
                                + c
                                + "')");
            }
        }
        if (!Character.isLetterOrDigit(name.charAt(0))
                || !Character.isLetterOrDigit(name.charAt(name.length() - 1))) {
            return problem("a bucket name starts and ends with a letter or digit");
        }
        if (name.contains("..")) {
            return problem("a bucket name has no two adjacent periods");
        }
        if (IPV4_LIKE.matcher(name).matches()) {
            return problem("a bucket name is not formatted as an IP address");
        }
        for (var prefix : RESERVED_BUCKET_PREFIXES) {
            if (name.startsWith(prefix)) {
                return problem(
                        "a bucket name does not start with '" + prefix + "' (reserved by AWS)");
            }
        }
        for (var suffix : RESERVED_BUCKET_SUFFIXES) {
            if (name.endsWith(suffix)) {
                return problem(
                        "a bucket name does not end with '" + suffix + "' (reserved by AWS)");
            }
        }
        return Optional.empty();
    }

    // ---------------------------------------------------------------- AWS regions

    /** The regions of the AWS provider's own list ({@code com.pulumi.aws.enums.Region}), in its order. */
    public static List<String> awsRegions() {
        return Arrays.stream(Region.values()).map(Region::getValue).toList();
    }

    public static Optional<String> awsRegion(String region) {
        var regions = awsRegions();
        if (regions.contains(region)) {
            return Optional.empty();
        }
        var nearest = Suggestions.nearest(region.toLowerCase(Locale.ROOT), regions);
        return problem(
                "not an AWS region"
                        + nearest.map(r -> " (did you mean " + r + "?)").orElse("")
                        + "; regions are written in lower case, for example eu-west-1");
    }

    // ---------------------------------------------------------------- Kubernetes

    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern DNS_SUBDOMAIN =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    /** Namespaces the cluster itself owns; a stack that creates or fills them would take them over. */
    public static final Set<String> RESERVED_NAMESPACES =
            Set.of("default", "kube-system", "kube-public", "kube-node-lease");

    /** A Kubernetes name of the DNS-1123 label form (namespaces, services). */
    public static Optional<String> kubernetesLabelName(String name) {
        if (name.isEmpty() || name.length() > 63) {
            return problem("a Kubernetes name is 1 to 63 characters long");
        }
        if (!DNS_LABEL.matcher(name).matches()) {
            return problem(
                    "a Kubernetes name has only lower-case letters, digits and '-', "
                            + "and starts and ends with a letter or digit");
        }
        return Optional.empty();
    }

    /** A namespace a stack may own: a valid name, and not one the cluster reserves. */
    public static Optional<String> kubernetesNamespace(String name) {
        var invalid = kubernetesLabelName(name);
        if (invalid.isPresent()) {
            return invalid;
        }
        if (RESERVED_NAMESPACES.contains(name)) {
            return problem(
                    "'"
                            + name
                            + "' belongs to the cluster itself (reserved: default, kube-system, "
                            + "kube-public, kube-node-lease); give the stack a namespace of its own");
        }
        return Optional.empty();
    }

    /** A Kubernetes name of the DNS-1123 subdomain form (storage classes, most objects). */
    public static Optional<String> kubernetesSubdomainName(String name) {
        if (name.isEmpty() || name.length() > 253) {
            return problem("a Kubernetes object name is 1 to 253 characters long");
        }
        if (!DNS_SUBDOMAIN.matcher(name).matches()) {
            return problem(
                    "a Kubernetes object name has only lower-case letters, digits, '-' and '.', "
                            + "each dot-separated part starting and ending with a letter or digit");
        }
        return Optional.empty();
    }

    // Quantity grammar of k8s.io/apimachinery/pkg/api/resource/quantity.go:
    //   <signedNumber><suffix>, suffix one of Ki Mi Gi Ti Pi Ei | m "" k M G T P E |
    // e<signedNumber> E<signedNumber>
    private static final Pattern QUANTITY =
            Pattern.compile(
                    "([+-]?)([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(Ki|Mi|Gi|Ti|Pi|Ei|m|k|M|G|T|P|E|[eE][+-]?[0-9]+)?");

    /** A Kubernetes quantity by the API's grammar ({@code 5Gi}, {@code 1.5Gi}, {@code 5}, {@code 500M}). */
    public static Optional<String> kubernetesQuantity(String text) {
        if (!QUANTITY.matcher(text).matches()) {
            return problem(
                    "a Kubernetes quantity is a number followed by a unit without a space: "
                            + "Ki, Mi, Gi, Ti, Pi, Ei (powers of 1024), k, M, G, T, P, E (powers of 1000) or none, for example 5Gi");
        }
        return Optional.empty();
    }

    /** A volume size: a valid quantity of at least one whole byte. */
    public static Optional<String> storageSize(String text) {
        var invalid = kubernetesQuantity(text);
        if (invalid.isPresent()) {
            return invalid;
        }
        var matcher = QUANTITY.matcher(text);
        matcher.matches();
        if ("-".equals(matcher.group(1))
                || new BigDecimal(
                                        matcher.group(2).startsWith(".")
                                                ? "0" + matcher.group(2)
                                                : matcher.group(2).endsWith(".")
                                                        ? matcher.group(2) + "0"
                                                        : matcher.group(2))
                                .signum()
                        == 0) {
            return problem("a volume size is more than zero");
        }
        if ("m".equals(matcher.group(4))) {
            return problem(
                    "a volume size is whole bytes; 'm' means thousandths (write Mi or M for mega)");
        }
        return Optional.empty();
    }

    // ---------------------------------------------------------------- images

    /** An image reference by the OCI / distribution reference grammar; see {@link ImageReference}. */
    public static Optional<String> imageReference(String text) {
        return ImageReference.parse(text).problem();
    }

    /** An image pinned to a tag other than {@code latest}, or to a digest. */
    public static Optional<String> pinnedImage(String text) {
        var reference = ImageReference.parse(text);
        if (reference.problem().isPresent()) {
            return reference.problem();
        }
        if (reference.tag().isEmpty() && reference.digest().isEmpty()) {
            return problem(
                    "the image has no tag or digest; pin it, for example "
                            + text
                            + ":1.0 or "
                            + text
                            + "@sha256:<64 hex digits>");
        }
        if (reference.digest().isEmpty() && reference.tag().get().equals("latest")) {
            return problem("'latest' moves; pin the image to a version tag or a digest");
        }
        return Optional.empty();
    }

    /** An image repository without tag or digest, for settings whose tag is a separate setting. */
    public static Optional<String> imageRepository(String text) {
        var reference = ImageReference.parse(text);
        if (reference.problem().isPresent()) {
            return reference.problem();
        }
        if (reference.tag().isPresent() || reference.digest().isPresent()) {
            return problem(
                    "give the repository only, without ':"
                            + reference.tag().orElse("")
                            + "'"
                            + reference.digest().map(d -> "@" + d).orElse("")
                            + "; the tag is a setting of its own");
        }
        return Optional.empty();
    }

    // ---------------------------------------------------------------- URLs and hosts

    /** An absolute http or https URL with a host. */
    public static Optional<String> httpUrl(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            return problem(
                    "not a URL ("
                            + e.getReason().toLowerCase(Locale.ROOT)
                            + " at character "
                            + (e.getIndex() + 1)
                            + "); write it as https://host[:port][/path]");
        }
        if (uri.getScheme() == null
                || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
            return problem(
                    "a URL starts with http:// or https://, for example https://api.example.org");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            return problem("the URL names no host; write it as https://host[:port][/path]");
        }
        if (uri.getUserInfo() != null) {
            return problem(
                    "the URL carries a user name or password; put credentials in a secret setting");
        }
        return Optional.empty();
    }

    /** A file name or path ending in .json: what someone who confuses a key's location with its contents sets. */
    private static final Pattern JSON_FILE_PATH =
            Pattern.compile("\\s*[^{}\\s\"][^{}\\n\"]*\\.json\\s*");

    /**
     * A JSON object, such as a key file's contents. The words never quote the text: it is usually a secret.
     */
    public static Optional<String> jsonDocument(String text) {
        if (JSON_FILE_PATH.matcher(text).matches()) {
            return Optional.of("it holds a file path, not the document itself");
        }
        try {
            if (JsonParser.parseString(text).isJsonObject()) {
                return Optional.empty();
            }
        } catch (RuntimeException e) {
            // not JSON at all; said below without the parser's words, which quote the text
        }
        return Optional.of("it is not a JSON object");
    }

    /** A host to bind or reach: an IPv4 address or a DNS name. */
    public static Optional<String> host(String text) {
        if (IPV4_LIKE.matcher(text).matches()) {
            return Arrays.stream(text.split("\\.")).allMatch(o -> Integer.parseInt(o) <= 255)
                    ? Optional.empty()
                    : problem("an IPv4 address has four numbers from 0 to 255");
        }
        if (text.length() > 253
                || !DNS_SUBDOMAIN.matcher(text.toLowerCase(Locale.ROOT)).matches()) {
            return problem(
                    "a host is an IPv4 address or a DNS name (letters, digits, '-' and '.')");
        }
        return Optional.empty();
    }

    // ---------------------------------------------------------------- numbers

    /** The largest whole number a double (JSON number, the Pulumi wire's only number) holds exactly. */
    public static final long LARGEST_EXACT_DOUBLE = 1L << 53;

    static Optional<String> problem(String text) {
        return Optional.of(text);
    }
}
