package labstacks.shared.validation;

import java.util.Optional;
import java.util.function.Function;

/**
 * The kinds of text a setting can hold, each checked by the {@link Vocabulary} rule of the system that
 * receives it. A setting names one with {@code @Setting(format = ...)}; the error says the rule broken.
 */
public enum Format {
    /** Any text (or the setting's own {@code pattern}). */
    TEXT("text", v -> Optional.empty()),
    S3_BUCKET_NAME("an S3 bucket name", Vocabulary::s3BucketName),
    AWS_REGION("an AWS region", Vocabulary::awsRegion),
    KUBERNETES_NAME("a Kubernetes name", Vocabulary::kubernetesLabelName),
    KUBERNETES_NAMESPACE(
            "a Kubernetes namespace of the stack's own", Vocabulary::kubernetesNamespace),
    KUBERNETES_OBJECT_NAME("a Kubernetes object name", Vocabulary::kubernetesSubdomainName),
    KUBERNETES_QUANTITY("a Kubernetes quantity", Vocabulary::kubernetesQuantity),
    STORAGE_SIZE("a volume size such as 10Gi", Vocabulary::storageSize),
    IMAGE("an image reference", Vocabulary::imageReference),
    PINNED_IMAGE("an image pinned by tag (not latest) or digest", Vocabulary::pinnedImage),
    IMAGE_REPOSITORY("an image repository without tag", Vocabulary::imageRepository),
    HTTP_URL("an http(s) URL", Vocabulary::httpUrl),
    HOST("a host name or IPv4 address", Vocabulary::host),
    /**
     * A password that programs put into a URL's user-info without quoting it: only RFC 3986 unreserved characters,
     * which need no percent-encoding. The rule never repeats the value.
     */
    URL_SAFE_PASSWORD(
            "a password of letters, digits, '.', '_', '~' and '-' only",
            v ->
                    v.matches("[A-Za-z0-9._~-]{12,}")
                            ? Optional.empty()
                            : Optional.of(
                                    "use at least 12 letters, digits, '.', '_', '~' or '-': it is placed unquoted in a URL, where"
                                            + " '@', ':', '/', '%' and the like would cut it short")),
    /** A secret that is a file's contents (a service-account key); the rule never repeats the value. */
    JSON_DOCUMENT("a JSON document (the file's contents, not its path)", Vocabulary::jsonDocument);

    private final String description;
    private final Function<String, Optional<String>> rule;

    Format(String description, Function<String, Optional<String>> rule) {
        this.description = description;
        this.rule = rule;
    }

    /** What a valid value is, in a few words: "expected an S3 bucket name". */
    public String description() {
        return description;
    }

    /** The rule {@code value} breaks, in words; empty when it is valid. */
    public Optional<String> problem(String value) {
        return rule.apply(value);
    }
}
