package labstacks.megatests;

/** A Nextflow config file of a compute environment is missing or unreadable; names the file. */
public final class SpecFileException extends RuntimeException {
    private final String file;
    private final String problem;

    public SpecFileException(String file, String problem) {
        super(file + ": " + problem);
        this.file = file;
        this.problem = problem;
    }

    /** The classpath resource. */
    public String file() {
        return file;
    }

    /** What is wrong, without the file. */
    public String problem() {
        return problem;
    }
}
