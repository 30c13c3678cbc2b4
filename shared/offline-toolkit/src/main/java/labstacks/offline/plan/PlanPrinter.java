package labstacks.offline.plan;

import static com.google.common.base.Strings.padEnd;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Prints a plan as a resource tree, the way {@code pulumi preview} shows one. */
public final class PlanPrinter {

    private static final int MAX_VALUE = 110;

    /**
     * One Gson per form, shared: a Gson is immutable and thread-safe once built, and building one per
     * input value (about five per resource) was a visible part of a plan's CPU before the JIT warms up.
     */
    private static final Gson COMPACT =
            new GsonBuilder().disableHtmlEscaping().serializeNulls().create();

    private static final Gson PRETTY =
            new GsonBuilder().disableHtmlEscaping().serializeNulls().setPrettyPrinting().create();

    private PlanPrinter() {}

    public static String render(Plan plan) {
        return render(plan, true);
    }

    /**
     * Whether the console takes the tree's box-drawing characters: its encoding is UTF-8. Under
     * {@code LC_ALL=C} Java writes them as {@code ?}, so the tree falls back to ASCII.
     */
    public static boolean unicodeConsole() {
        var encoding =
                System.getProperty(
                        "stdout.encoding",
                        System.getProperty(
                                "sun.stdout.encoding",
                                System.getProperty(
                                        "native.encoding",
                                        System.getProperty("file.encoding", ""))));
        return encoding.replace("-", "").equalsIgnoreCase("UTF8");
    }

    /**
     * The plan as a tree; {@code unicode} draws the guides as {@code pulumi preview} does
     * ({@code ├─ │ └─}), otherwise in ASCII ({@code |- | `-}). Inputs are cut at {@value #MAX_VALUE} characters.
     */
    public static String render(Plan plan, boolean unicode) {
        return render(plan, unicode, false);
    }

    /**
     * The plan as {@code pulumi preview} prints one: the columns Type, Name, Plan and Info, the operation's
     * symbol in front ({@code +} create, {@code =} import), the root stack as a created resource (the plan is
     * always from an empty stack), explicit providers as resources, and the {@code Resources:} block counting
     * all of them. Under each row, its aliases and inputs; {@code showValues} prints every input whole
     * (pretty-printed) instead of cut to one line.
     *
     * <p>The layout is that of the CLI's own display (pulumi/pulumi pkg/backend/display, recorded in its
     * testdata/not-truncated/*-plain.txt): one space, the symbol padded to four, the tree guide and type padded
     * to the widest plus two, the name likewise, the plan word padded by five, then the info.
     */
    public static String render(Plan plan, boolean unicode, boolean showValues) {
        var branch = unicode ? "├─ " : "|- ";
        var lastBranch = unicode ? "└─ " : "`- ";
        var through = unicode ? "│  " : "|  ";
        var text = new StringBuilder();
        text.append("Offline plan of ")
                .append(plan.project())
                .append('/')
                .append(plan.stack())
                .append(" (program ")
                .append(plan.program())
                .append("): no cloud, no credentials, nothing changes\n");
        plan.targets().forEach(target -> text.append("Targets ").append(target).append('\n'));
        text.append('\n');
        var depth = new HashMap<String, Integer>();
        var lastChild = lastChildren(plan.resources());
        // What a resource's children draw before their own branch: one guide per open ancestor.
        var childPrefix = new HashMap<String, String>();
        var typeCells = new ArrayList<String>();
        for (var resource : plan.resources()) {
            var level =
                    resource.parentUrn() == null
                            ? 0
                            : depth.getOrDefault(resource.parentUrn(), -1) + 1;
            depth.put(resource.urn(), level);
            var last = lastChild.contains(resource.urn());
            var prefix = level == 0 ? "" : childPrefix.getOrDefault(resource.parentUrn(), "");
            childPrefix.put(resource.urn(), level == 0 ? "" : prefix + (last ? "   " : through));
            typeCells.add(
                    (level == 0 ? "" : prefix + (last ? lastBranch : branch)) + resource.type());
        }
        var typeWidth =
                Math.max(
                        "Type".length(),
                        typeCells.stream().mapToInt(String::length).max().orElse(0));
        var nameWidth =
                Math.max(
                        "Name".length(),
                        plan.resources().stream().mapToInt(r -> r.name().length()).max().orElse(0));
        var planWidth =
                Math.max(
                                "Plan".length(),
                                plan.resources().stream()
                                        .mapToInt(r -> planWord(r).length())
                                        .max()
                                        .orElse(0))
                        + 5;
        text.append(row("", "Type", typeWidth, "Name", nameWidth, "Plan", planWidth, "Info"));
        for (int i = 0; i < plan.resources().size(); i++) {
            var resource = plan.resources().get(i);
            var flags = flags(resource);
            text.append(
                    row(
                            symbol(resource),
                            typeCells.get(i),
                            typeWidth,
                            resource.name(),
                            nameWidth,
                            planWord(resource),
                            planWidth,
                            flags.isEmpty() ? "" : "[" + String.join(", ", flags) + "]"));
            var detailIndent = "     " + childPrefix.get(resource.urn()) + "   ";
            // What a state entry this resource takes over was called before (pulumi preview shows
            // the same).
            resource.aliases()
                    .forEach(
                            alias ->
                                    text.append(detailIndent)
                                            .append("alias: ")
                                            .append(alias)
                                            .append('\n'));
            if (!resource.type().startsWith("pulumi:pulumi:")) {
                resource.inputs()
                        .forEach(
                                (key, value) ->
                                        text.append(detailIndent)
                                                .append(key)
                                                .append(": ")
                                                .append(value(value, showValues, detailIndent))
                                                .append('\n'));
            }
        }
        if (!plan.outputs().isEmpty()) {
            text.append("\nOutputs:\n");
            plan.outputs()
                    .forEach(
                            (key, value) ->
                                    text.append("    ")
                                            .append(key)
                                            .append(": ")
                                            .append(value(value, showValues, "    "))
                                            .append('\n'));
        }
        text.append('\n').append(summary(plan));
        if (!plan.packages().isEmpty()) {
            text.append("Packages: ");
            text.append(
                    String.join(
                            ", ",
                            plan.packages().stream()
                                    .map(
                                            p ->
                                                    p.name()
                                                            + " "
                                                            + p.version()
                                                            + (p.parameterization() == null
                                                                    ? ""
                                                                    : " (via "
                                                                            + p.parameterization()
                                                                                    .baseProvider()
                                                                            + " "
                                                                            + p.parameterization()
                                                                                    .baseVersion()
                                                                            + ")"))
                                    .toList()));
            text.append('\n');
        }
        for (var warning : plan.warnings()) {
            text.append("warning: ").append(warning).append('\n');
        }
        for (var error : plan.errors()) {
            text.append("error: ").append(error).append('\n');
        }
        return text.toString();
    }

    /**
     * The {@code Resources:} block as {@code pulumi preview} ends with it: one line per operation that has
     * any (the stack and explicit providers are created like any resource), and the total when there is more
     * than one kind.
     */
    static String summary(Plan plan) {
        var creates =
                plan.resources().stream().filter(r -> !r.operation().equals("import")).count();
        var imports = plan.resources().size() - creates;
        var text = new StringBuilder("Resources:\n");
        if (creates > 0) {
            text.append("    + ").append(creates).append(" to create\n");
        }
        if (imports > 0) {
            text.append("    = ").append(imports).append(" to import\n");
        }
        if (creates > 0 && imports > 0) {
            text.append("    ").append(creates + imports).append(" changes\n");
        }
        return text.toString();
    }

    /** The Plan column: what {@code pulumi up} would do with a resource that is not there yet. */
    private static String planWord(PlannedResource resource) {
        return resource.operation().equals("import") ? "import" : "create";
    }

    private static String symbol(PlannedResource resource) {
        return resource.operation().equals("import") ? "=" : "+";
    }

    private static String row(
            String symbol,
            String type,
            int typeWidth,
            String name,
            int nameWidth,
            String plan,
            int planWidth,
            String info) {
        var line =
                " "
                        + padEnd(symbol, 4, ' ')
                        + padEnd(type, typeWidth + 2, ' ')
                        + padEnd(name, nameWidth + 2, ' ')
                        + padEnd(plan, planWidth, ' ')
                        + info;
        return line.stripTrailing() + "\n";
    }

    private static List<String> flags(PlannedResource resource) {
        var flags = new ArrayList<String>();
        if (resource.provider() != null) {
            flags.add("provider=" + resource.provider());
        }
        if (resource.protect()) {
            flags.add("protect");
        }
        if (resource.importId() != null) {
            flags.add("import id=" + resource.importId());
        }
        if (resource.retainOnDelete()) {
            flags.add("retainOnDelete");
        }
        if (resource.deleteBeforeReplace()) {
            flags.add("deleteBeforeReplace");
        }
        if (!resource.ignoreChanges().isEmpty()) {
            flags.add("ignoreChanges=" + String.join(",", resource.ignoreChanges()));
        }
        if (!resource.additionalSecretOutputs().isEmpty()) {
            flags.add("secretOutputs=" + String.join(",", resource.additionalSecretOutputs()));
        }
        if (!resource.customTimeouts().isEmpty()) {
            var timeouts = new ArrayList<String>();
            resource.customTimeouts()
                    .forEach((operation, value) -> timeouts.add(operation + "=" + duration(value)));
            flags.add("timeouts=" + String.join(",", timeouts));
        }
        return flags;
    }

    /**
     * A Go duration as the engine sends it ({@code 600000000000ns}, {@code 10m}) in the shortest human form:
     * java.time's ISO-8601 form without its {@code PT} ({@code PT1H30M} is {@code 1h30m}, as Go writes it).
     * A value in another form, or with a fraction of a second, is left as it is.
     */
    static String duration(String value) {
        if (!value.matches("[0-9]{1,18}ns")) {
            return value;
        }
        var duration = Duration.ofNanos(Long.parseLong(value.substring(0, value.length() - 2)));
        return duration.getNano() != 0
                ? value
                : duration.toString().substring(2).toLowerCase(Locale.ROOT);
    }

    private static Set<String> lastChildren(List<PlannedResource> resources) {
        var last = new HashMap<String, String>();
        for (var resource : resources) {
            if (resource.parentUrn() != null) {
                last.put(resource.parentUrn(), resource.urn());
            }
        }
        return Set.copyOf(last.values());
    }

    private static String value(Object value, boolean whole, String indent) {
        if (!whole) {
            var json = COMPACT.toJson(PlanJson.plain(value));
            return json.length() <= MAX_VALUE ? json : json.substring(0, MAX_VALUE - 3) + "...";
        }
        var plain = PlanJson.plain(value);
        var json = PRETTY.toJson(plain);
        return json.replace("\n", "\n" + indent + "  ");
    }
}
