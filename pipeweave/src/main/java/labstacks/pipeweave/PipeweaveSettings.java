package labstacks.pipeweave;

/** The pipeweave program's stack settings (none yet). */
public record PipeweaveSettings() {
}
