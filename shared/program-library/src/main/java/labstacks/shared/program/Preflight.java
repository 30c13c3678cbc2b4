package labstacks.shared.program;

/**
 * Collects what a program finds before anything registers, beyond its settings record: credentials
 * present in the environment, files it needs. Problems stop the run with the settings problems; warnings
 * go to the user (and into the plan).
 */
public interface Preflight {
    /** Something that stops the run: {@code subject} is the key or variable, {@code fix} what to do. */
    void problem(String subject, String problem, String fix);

    void warning(String text);
}
