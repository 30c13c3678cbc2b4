package labstacks.shared.json;

/**
 * A JSON file does not bind into its record: the message names the file, the path of the field inside it
 * ({@code forge.minCpus}, {@code genomes[3].paths.fasta}) and what to change.
 */
public final class JsonFileException extends RuntimeException {
    private final String file;
    private final String path;
    private final String problem;

    JsonFileException(String file, String path, String problem) {
        super(file + ": " + (path.isEmpty() ? "" : "field '" + path + "' ") + problem);
        this.file = file;
        this.path = path;
        this.problem = problem;
    }

    /** The file as the caller named it (a path or a classpath resource). */
    public String file() {
        return file;
    }

    /** Where in the file: dotted field names and {@code [index]}; empty for the document as a whole. */
    public String path() {
        return path;
    }

    /** What is wrong and how to fix it, without the file and the path. */
    public String problem() {
        return problem;
    }
}
