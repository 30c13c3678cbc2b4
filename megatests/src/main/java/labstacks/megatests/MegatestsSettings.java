package labstacks.megatests;

/** The megatests program's stack settings (none yet). */
public record MegatestsSettings() {
}
