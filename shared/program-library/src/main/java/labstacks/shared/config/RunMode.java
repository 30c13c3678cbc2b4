package labstacks.shared.config;

/** How a program runs: against the real engine, or as an offline plan with no cloud and no credentials. */
public enum RunMode {
    /** {@code pulumi up} / {@code pulumi preview}: every required setting and credential must be there. */
    DEPLOY,
    /** {@code ./labstacks plan}: missing credentials are warnings, everything else is as strict as a deploy. */
    PLAN
}
