package labstacks.pipeweave;

import java.util.Locale;
import java.util.Optional;

/**
 * The environments PipeWeave runs in, with the guardrails each one enforces. The values a stack uses
 * live in its stack file; these are the limits the stack file may not cross, and the defaults for a key
 * it leaves out.
 */
public enum DatasetEnvironment {
    DEVELOPMENT(Optional.empty(), false, true, false, false, false),
    STAGING(Optional.of(60), true, true, true, true, false),
    PRODUCTION(Optional.of(90), true, false, true, true, true);

    private final Optional<Integer> defaultGlacierDays;
    private final boolean lifecycleAllowed;
    private final boolean deleteAllowed;
    private final boolean encryptedUploadsRequired;
    private final boolean protectionRequired;
    private final boolean retainRequired;

    DatasetEnvironment(
            Optional<Integer> defaultGlacierDays,
            boolean lifecycleAllowed,
            boolean deleteAllowed,
            boolean encryptedUploadsRequired,
            boolean protectionRequired,
            boolean retainRequired) {
        this.defaultGlacierDays = defaultGlacierDays;
        this.lifecycleAllowed = lifecycleAllowed;
        this.deleteAllowed = deleteAllowed;
        this.encryptedUploadsRequired = encryptedUploadsRequired;
        this.protectionRequired = protectionRequired;
        this.retainRequired = retainRequired;
    }

    /** The name used in stack files and bucket names: {@code development}, {@code staging}, {@code production}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Days until objects move to GLACIER when the stack file does not say. */
    public Optional<Integer> defaultGlacierDays() {
        return defaultGlacierDays;
    }

    /** Development keeps every version as it is: no archival. */
    public boolean lifecycleAllowed() {
        return lifecycleAllowed;
    }

    /** Whether the access role and the storage client may delete objects at all. */
    public boolean deleteAllowed() {
        return deleteAllowed;
    }

    public boolean encryptedUploadsRequired() {
        return encryptedUploadsRequired;
    }

    public boolean protectionRequired() {
        return protectionRequired;
    }

    public boolean retainRequired() {
        return retainRequired;
    }

    /**
     * Whether the bucket policy refuses permanent deletion (object versions, the bucket, the policy that
     * guards them) to every principal but an optional break-glass role. Only production: development and
     * staging data may be thrown away.
     */
    public boolean deletionGuarded() {
        return this == PRODUCTION;
    }
}
