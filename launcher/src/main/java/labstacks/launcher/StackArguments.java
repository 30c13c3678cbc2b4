package labstacks.launcher;

import labstacks.shared.config.ProjectFiles;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The arguments the stack commands share: stack names or {@code --all}, {@code --root DIR}, and the
 * command's own options.
 */
final class StackArguments {
    private final List<String> stacks;
    private final boolean all;
    private final Path root;
    private final Map<String, String> values;
    private final Set<String> flags;

    private StackArguments(List<String> stacks, boolean all, Path root, Map<String, String> values, Set<String> flags) {
        this.stacks = List.copyOf(stacks);
        this.all = all;
        this.root = root;
        this.values = Map.copyOf(values);
        this.flags = Set.copyOf(flags);
    }

    /** A command line the command cannot take; the message says why. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    /**
     * @param valueOptions the command's options that take a value, e.g. {@code --json}
     * @param flagOptions  the command's options without one, e.g. {@code --rules}
     */
    static StackArguments parse(String[] args, Path defaultRoot, Set<String> valueOptions, Set<String> flagOptions)
            throws UsageException {
        var stacks = new ArrayList<String>();
        var all = false;
        var root = defaultRoot;
        var values = new HashMap<String, String>();
        var flags = new HashSet<String>();
        for (int i = 0; i < args.length; i++) {
            var arg = args[i];
            if (arg.equals("--all")) {
                all = true;
            } else if (arg.equals("--root") || valueOptions.contains(arg)) {
                if (i + 1 >= args.length) {
                    throw new UsageException(arg + " needs a value");
                }
                if (arg.equals("--root")) {
                    root = Path.of(args[++i]);
                } else {
                    values.put(arg, args[++i]);
                }
            } else if (flagOptions.contains(arg)) {
                flags.add(arg);
            } else if (arg.startsWith("-")) {
                throw new UsageException("unknown option " + arg);
            } else {
                stacks.add(arg);
            }
        }
        return new StackArguments(stacks, all, root, values, flags);
    }

    /** Requires stack names or {@code --all}, not both and not neither. */
    void requireStacks(String verb) throws UsageException {
        if (all == !stacks.isEmpty()) {
            throw new UsageException("name the stacks to " + verb + ", or --all");
        }
    }

    /** The named stacks, or every stack file of the project with {@code --all}. */
    List<String> stacks(ProjectFiles project) {
        return all ? project.stacks() : stacks;
    }

    boolean hasStacks() {
        return !stacks.isEmpty();
    }

    boolean all() {
        return all;
    }

    Path root() {
        return root;
    }

    String value(String option) {
        return values.get(option);
    }

    boolean flag(String option) {
        return flags.contains(option);
    }
}
