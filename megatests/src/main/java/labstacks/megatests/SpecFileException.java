package labstacks.megatests;

/** A compute-environment spec or Nextflow config file is missing or malformed; names the file and field. */
public final class SpecFileException extends RuntimeException {
    public SpecFileException(String message) {
        super(message);
    }
}
