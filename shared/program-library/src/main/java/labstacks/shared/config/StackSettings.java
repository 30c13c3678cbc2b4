package labstacks.shared.config;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The settings every stack has, in the {@code labstacks} namespace.
 *
 * @param program     which program the stack runs (a name registered by a module)
 * @param environment the environment the stack serves; becomes the {@code environment} tag and label
 * @param extraTags   further tags and labels for every resource, for example a cost centre
 * @param deploy      whether CI deploys, previews and drift-checks this stack; unset, every environment
 *                    but {@code local} is deployed (a minikube stack cannot run on a hosted runner)
 */
public record StackSettings(
        @Setting(
                        key = "labstacks:program",
                        description = "the program this stack runs",
                        example = "pipeweave")
                String program,
        @Setting(
                        key = "labstacks:environment",
                        description = "the environment this stack serves",
                        pattern = "[a-z][a-z0-9-]{0,31}",
                        rule =
                                "a name of 1 to 32 lower-case letters, digits and '-', starting with a letter",
                        example = "production")
                String environment,
        @Setting(
                        key = "labstacks:tags",
                        description = "extra tags and labels for every resource",
                        defaultValue = "{}")
                Map<String, String> extraTags,
        @Setting(
                        key = "labstacks:deploy",
                        description =
                                "whether CI deploys this stack (default: unless environment is local)",
                        example = "false")
                Optional<Boolean> deploy)
        implements SettingsRules {

    /** The environment of stacks that run on a developer's own cluster, never in CI. */
    public static final String LOCAL_ENVIRONMENT = "local";

    /** Whether CI deploys this stack: {@code labstacks:deploy} when set, otherwise any environment but local. */
    public boolean deployable() {
        return deploy.orElse(!LOCAL_ENVIRONMENT.equals(environment));
    }

    /** Valid both as an AWS tag key and as a Kubernetes label name without prefix. */
    private static final Pattern TAG_KEY =
            Pattern.compile("[A-Za-z0-9]([A-Za-z0-9._-]{0,61}[A-Za-z0-9])?");

    /** Valid both as an AWS tag value and as a Kubernetes label value. */
    private static final Pattern TAG_VALUE =
            Pattern.compile("([A-Za-z0-9]([A-Za-z0-9._-]{0,61}[A-Za-z0-9])?)?");

    /** Keys the standard tagging owns (see StandardTags). */
    private static final Set<String> RESERVED =
            Set.of("project", "stack", "managed-by", "environment");

    @Override
    public void check(Problems problems) {
        extraTags.forEach(
                (key, value) -> {
                    if (RESERVED.contains(key)) {
                        problems.add(
                                "labstacks:tags",
                                "tag key '"
                                        + key
                                        + "' is set by labstacks itself and cannot be overridden",
                                "remove '" + key + "' from labstacks:tags in the stack file");
                    }
                    if (!TAG_KEY.matcher(key).matches()) {
                        problems.add(
                                "labstacks:tags",
                                "tag key '"
                                        + key
                                        + "' must be 1-63 letters, digits, '.', '_' or '-', starting and ending alphanumeric");
                    }
                    if (!TAG_VALUE.matcher(value).matches()) {
                        problems.add(
                                "labstacks:tags",
                                "tag value '"
                                        + value
                                        + "' of '"
                                        + key
                                        + "' must be at most 63 letters, digits, '.', '_' or '-', starting and ending alphanumeric");
                    }
                });
    }
}
