package labstacks.offline.diff;

import java.util.List;

/**
 * How one stack's offline plan differs between two plan documents (see {@link PlanDiff}).
 *
 * @param stack     the stack name
 * @param status    the verdict for the whole stack
 * @param added     URNs planned only in the new plan
 * @param removed   URNs planned only in the old plan
 * @param replaced  resources whose change touches an input the provider replaces on
 * @param updated   resources with other input or option changes
 * @param unchanged how many resources are the same in both
 * @param notes     what else differs (outputs, packages) or why the verdict is "cannot tell"
 */
public record StackDiff(
        String stack,
        Status status,
        List<String> added,
        List<String> removed,
        List<Change> replaced,
        List<Change> updated,
        int unchanged,
        List<String> notes) {

    public StackDiff {
        added = List.copyOf(added);
        removed = List.copyOf(removed);
        replaced = List.copyOf(replaced);
        updated = List.copyOf(updated);
        notes = List.copyOf(notes);
    }

    /** The verdict for a stack. */
    public enum Status {
        /** The stack has a plan only in the new document. */
        ADDED("added"),
        /** The stack has a plan only in the old document (its stack file is gone). */
        REMOVED("removed"),
        /** Something it would deploy differs. */
        CHANGED("changed"),
        /** Every resource, option, output and package is the same. */
        UNCHANGED("unchanged"),
        /** One of the plans failed, so the offline plans cannot say what changed. */
        UNKNOWN("cannot tell");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * One resource present in both plans that differs.
     *
     * @param urn     its URN
     * @param type    its type token
     * @param inputs  the input paths that differ ({@code tags.team}, {@code rules[0].expiration.days})
     * @param options the resource options that differ ({@code protect}, {@code provider}, ...)
     * @param replaceTriggers the differing inputs that make the provider replace it (empty for an update)
     */
    public record Change(
            String urn,
            String type,
            List<String> inputs,
            List<String> options,
            List<String> replaceTriggers) {
        public Change {
            inputs = List.copyOf(inputs);
            options = List.copyOf(options);
            replaceTriggers = List.copyOf(replaceTriggers);
        }

        /** The logical name: the URN's last segment. */
        public String name() {
            return urn.substring(urn.lastIndexOf("::") + 2);
        }
    }

    /**
     * Whether the stack must be previewed and deployed: anything but {@link Status#UNCHANGED}, and
     * never a stack whose stack file is gone (there is nothing left to deploy it from).
     */
    public boolean needsDeploy() {
        return status != Status.UNCHANGED && status != Status.REMOVED;
    }
}
