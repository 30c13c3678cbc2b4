package labstacks.shared.config;

import java.util.Optional;
import java.util.Set;

/**
 * What a stack is, from its name: every stack is named {@code <system>-<environment>}, and the name, not a
 * setting, says whether it is production. The stack name is what the Pulumi CLI, the state backend and the
 * workflows select a stack by; {@code labstacks:environment} is one line of a file that a copy or a typo can
 * change. So the two must agree, and a disagreement is refused before anything registers: a production stack
 * file that says {@code staging} would otherwise lose the production bucket policy and deploy without the
 * production reviewers.
 */
public final class StackIdentity {

    /** The environment names that mean production, for the programs and for the workflows' reviewers. */
    public static final Set<String> PRODUCTION = Set.of("prod", "production");

    /**
     * The environments this project's stack names end in. A stack name ending in one of them must carry exactly
     * that environment; other endings (a test's stack, {@code pipeweave-test}) only may not claim production.
     */
    public static final Set<String> KNOWN =
            Set.of("local", "dev", "development", "staging", "prod", "production");

    private StackIdentity() {}

    /** The environment a stack's name gives: the part after its last {@code -}, or the whole name. */
    public static String environmentOf(String stack) {
        return stack.substring(stack.lastIndexOf('-') + 1);
    }

    /** Whether {@code environment} is a production environment. */
    public static boolean isProduction(String environment) {
        return PRODUCTION.contains(environment);
    }

    /** Whether the stack is a production stack, by its name alone. */
    public static boolean isProductionStack(String stack) {
        return isProduction(environmentOf(stack));
    }

    /** Whether the stack runs on a developer's own cluster, by its name alone. */
    public static boolean isLocalStack(String stack) {
        return StackSettings.LOCAL_ENVIRONMENT.equals(environmentOf(stack));
    }

    /**
     * The problem with {@code labstacks:environment} being {@code environment} in {@code config}'s stack, if any:
     * it must be the environment the stack's name ends in (when that is one of {@link #KNOWN}), and it may claim
     * production only in a stack whose name says production, and must in one that does.
     */
    public static Optional<ConfigProblem> problem(StackConfig config, String environment) {
        var stack = config.stack();
        var named = environmentOf(stack);
        var fix =
                "set labstacks:environment: "
                        + named
                        + " in "
                        + config.stackFile()
                        + " (a stack's environment is the end of its name); to deploy this program as "
                        + environment
                        + ", use a stack named <system>-"
                        + environment
                        + " (its own Pulumi.<system>-"
                        + environment
                        + ".yaml)";
        if (KNOWN.contains(named) && !named.equals(environment)) {
            return Optional.of(
                    new ConfigProblem(
                            "labstacks:environment",
                            "is "
                                    + environment
                                    + ", but the stack "
                                    + stack
                                    + " is "
                                    + describe(named)
                                    + " by its name (it ends in -"
                                    + named
                                    + ")",
                            fix));
        }
        if (isProduction(environment) && !isProduction(named)) {
            return Optional.of(
                    new ConfigProblem(
                            "labstacks:environment",
                            "is "
                                    + environment
                                    + ", a production"
                                    + " environment, but the stack "
                                    + stack
                                    + " is not named as production (its name would end in"
                                    + " -prod or -production)",
                            "use a stack named <system>-"
                                    + environment
                                    + " for production, or set labstacks:environment to a non-production environment in "
                                    + config.stackFile()));
        }
        return Optional.empty();
    }

    private static String describe(String environment) {
        return isProduction(environment)
                ? "a production stack (" + environment + ")"
                : "the " + environment + " stack";
    }
}
