package labstacks.moderate;

/** The moderate-infra program's stack settings (none yet). */
public record ModerateSettings() {
}
