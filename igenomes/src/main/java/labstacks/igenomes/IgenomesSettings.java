package labstacks.igenomes;

/** The igenomes program's stack settings (none yet). */
public record IgenomesSettings() {
}
