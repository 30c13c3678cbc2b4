package labstacks.shared.program;

/**
 * Pulumi URNs as the engine writes them:
 * {@code urn:pulumi:<stack>::<project>::<parent types $-joined>$<type>::<name>}.
 *
 * <p>The engine leaves the root stack out of the parent-type chain (pulumi/pulumi
 * {@code sdk/go/common/resource/urn.go}, {@code NewURN}: a parent of type {@code pulumi:pulumi:Stack}
 * adds nothing), while the SDK's mock monitor keeps it ({@code pulumi:pulumi:Stack$aws:iam/policy:Policy}).
 * Everything that compares plan URNs with a real state goes through {@link #engineForm}.
 */
public final class Urns {

    public static final String ROOT_STACK_TYPE = "pulumi:pulumi:Stack";
    private static final String ROOT_PREFIX = ROOT_STACK_TYPE + "$";

    private Urns() {}

    /** A URN taken apart; {@code qualifiedType} includes the parent types. */
    public record Parts(String stack, String project, String qualifiedType, String name) {

        /** The resource's own type, without its parents' types. */
        public String type() {
            var index = qualifiedType.lastIndexOf('$');
            return index < 0 ? qualifiedType : qualifiedType.substring(index + 1);
        }

        public String urn() {
            return "urn:pulumi:" + stack + "::" + project + "::" + qualifiedType + "::" + name;
        }
    }

    /** Parses a URN; throws {@link IllegalArgumentException} naming it when it is not one. */
    public static Parts parse(String urn) {
        if (urn == null || !urn.startsWith("urn:pulumi:")) {
            throw new IllegalArgumentException("not a Pulumi URN: " + urn);
        }
        // indexOf, not split("::", 4): a two-character split compiles a regex on every call, and
        // plans
        // parse several URNs per resource. The name (after the third "::") may itself hold "::".
        var start = "urn:pulumi:".length();
        var first = urn.indexOf("::", start);
        var second = first < 0 ? -1 : urn.indexOf("::", first + 2);
        var third = second < 0 ? -1 : urn.indexOf("::", second + 2);
        if (third < 0 || first == start || second == first + 2 || third == second + 2) {
            throw new IllegalArgumentException("not a Pulumi URN: " + urn);
        }
        return new Parts(
                urn.substring(start, first),
                urn.substring(first + 2, second),
                urn.substring(second + 2, third),
                urn.substring(third + 2));
    }

    /** The URN of a resource with that parent (null or the root stack: none). */
    public static String create(
            String stack, String project, String parentUrn, String type, String name) {
        var qualified = type;
        if (parentUrn != null && !parentUrn.isEmpty()) {
            var parentType = parse(engineForm(parentUrn)).qualifiedType();
            if (!parentType.equals(ROOT_STACK_TYPE)) {
                qualified = parentType + "$" + type;
            }
        }
        return new Parts(stack, project, qualified, name).urn();
    }

    /** The URN the engine would give: without the root stack in the parent-type chain. */
    public static String engineForm(String urn) {
        if (urn == null || !urn.startsWith("urn:pulumi:")) {
            return urn;
        }
        var parts = parse(urn);
        if (!parts.qualifiedType().startsWith(ROOT_PREFIX)) {
            return urn;
        }
        return new Parts(
                        parts.stack(),
                        parts.project(),
                        parts.qualifiedType().substring(ROOT_PREFIX.length()),
                        parts.name())
                .urn();
    }
}
