package labstacks.shared.config;

/**
 * Checks across settings that no single {@link Setting} can express (for example "a lifecycle rule is
 * not allowed in this environment"). A settings record implements it; the loader calls it once every
 * setting has parsed, so the checks see well-formed values.
 */
public interface SettingsRules {

    void check(Problems problems);

    /** Collects problems found by {@link #check}. */
    interface Problems {
        /** Reports a problem with {@code key}; the loader adds the stack file and the usual fix. */
        void add(String key, String problem);

        /** Reports a problem with {@code key} with a specific fix. */
        void add(String key, String problem, String fix);
    }
}
