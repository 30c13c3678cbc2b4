package labstacks.biositing;

/** The biositing-infra program's stack settings (none yet). */
public record BiositingSettings() {
}
