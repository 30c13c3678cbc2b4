package labstacks.launcher;

import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;
import labstacks.shared.config.StackFileException;

/**
 * A stack as a Pulumi user names it: {@code <stack>}, {@code <org>/<stack>}, {@code <org>/<project>/<stack>}
 * (the form {@code pulumi -s} and the workflows use), or the stack file {@code Pulumi.<stack>.yaml} (a shell's
 * tab completion), with or without a directory.
 *
 * <p>The slash forms follow the Pulumi Cloud backend's parsing of a stack reference: one part is the
 * stack, two are organization and stack, three are organization, project and stack
 * (pulumi/pulumi, pkg/backend/httpstate/backend.go, {@code cloudBackend.parseStackName}, which
 * {@code ParseStackReference} calls). The offline commands
 * have no backend, so the organization is only shown, never used; a project other than this one's is an
 * error, since its stacks are not in this checkout.
 *
 * @param stack        the stack name, as in {@code Pulumi.<stack>.yaml}
 * @param organization the organization given, if any
 * @param given        the text as the user wrote it
 */
record StackReference(String stack, Optional<String> organization, String given) {

    private static final Pattern STACK_FILE = Pattern.compile("Pulumi\\.(.+)\\.yaml");

    /**
     * Parses one way of naming a stack.
     *
     * @param project the project of this checkout ({@code Pulumi.yaml}'s {@code name})
     * @throws StackFileException when a qualified name is for another project or has too many parts
     */
    static StackReference parse(String given, String project) {
        var fileName = Path.of(given.isEmpty() ? "." : given).getFileName();
        var file = fileName == null ? null : STACK_FILE.matcher(fileName.toString());
        if (file != null && file.matches()) {
            // A stack file path: only its name matters, the project is the checkout's (--root).
            return new StackReference(file.group(1), Optional.empty(), given);
        }
        var parts = given.split("/", -1);
        return switch (parts.length) {
            case 1 -> new StackReference(given, Optional.empty(), given);
            case 2 -> new StackReference(parts[1], organization(parts[0], given), given);
            case 3 -> {
                if (!parts[1].equals(project)) {
                    throw new StackFileException(
                            "'"
                                    + given
                                    + "' names a stack of the project '"
                                    + parts[1]
                                    + "', but this checkout is the project '"
                                    + project
                                    + "' (Pulumi.yaml): name it as "
                                    + parts[0]
                                    + "/"
                                    + project
                                    + "/"
                                    + parts[2]
                                    + " or just "
                                    + parts[2]);
                }
                yield new StackReference(parts[2], organization(parts[0], given), given);
            }
            default ->
                    throw new StackFileException(
                            "'"
                                    + given
                                    + "' is not a stack name: use <stack>, <org>/<stack> or"
                                    + " <org>/"
                                    + project
                                    + "/<stack>, as pulumi -s takes them");
        };
    }

    private static Optional<String> organization(String organization, String given) {
        if (organization.isEmpty()) {
            throw new StackFileException(
                    "'" + given + "' has an empty organization: use <org>/<stack> or just <stack>");
        }
        return Optional.of(organization);
    }

    /** What the user is told when the name said more than the stack: the organization, unused offline. */
    Optional<String> note() {
        return organization.map(
                org ->
                        given
                                + ": organization "
                                + org
                                + " (not used offline), stack file Pulumi."
                                + stack
                                + ".yaml");
    }
}
