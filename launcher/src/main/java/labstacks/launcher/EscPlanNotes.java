package labstacks.launcher;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import labstacks.shared.config.StackFileException;

/**
 * What the plan says about a stack's Pulumi ESC environments: the offline plan never opens them, so it
 * lists which settings and variables each committed definition supplies under {@code pulumi}, points the
 * plan's missing-credential warnings at the environment that supplies them, and warns about an attached
 * environment the repository does not define.
 */
final class EscPlanNotes {
    private EscPlanNotes() {}

    /** Prints the notes for one planned stack: the list on {@code out}, warnings on {@code err}. */
    static void print(
            Path root, String stack, List<String> planWarnings, PrintStream out, PrintStream err) {
        List<String> attached;
        EscEnvironments esc;
        try {
            attached = EscEnvironments.attached(root.resolve("Pulumi." + stack + ".yaml"));
            esc = EscEnvironments.load(root);
        } catch (StackFileException e) {
            err.println("warning: " + stack + ": " + e.getMessage());
            return;
        }
        if (attached.isEmpty()) {
            return;
        }
        out.println("ESC environments (opened by pulumi, not by this plan):");
        var supplied = new ArrayList<String>();
        for (var name : attached) {
            var definition = esc.find(name);
            if (definition.isEmpty()) {
                err.println(
                        "warning: "
                                + stack
                                + ": Pulumi."
                                + stack
                                + ".yaml attaches the ESC environment "
                                + name
                                + ", which this repository does not define (no <module>/esc/"
                                + name.substring(name.indexOf('/') + 1)
                                + ".yaml): check the name, or commit its definition");
                out.println("  " + name + ": not defined in this repository");
                continue;
            }
            var d = definition.get();
            out.println(
                    "  "
                            + name
                            + " ("
                            + d.file()
                            + ")"
                            + (d.imports().isEmpty()
                                    ? ""
                                    : ", imports " + String.join(", ", d.imports())));
            if (!d.settings().isEmpty()) {
                out.println("    settings: " + String.join(", ", d.settings()));
            }
            if (!d.variables().isEmpty()) {
                out.println("    variables: " + String.join(", ", d.variables()));
            }
            if (!d.files().isEmpty()) {
                out.println("    files: " + String.join(", ", d.files()));
            }
            supplied.addAll(
                    d.settings().stream().map(s -> s + "\u0000" + name + "\u0000setting").toList());
            supplied.addAll(
                    d.variables().stream()
                            .map(s -> s + "\u0000" + name + "\u0000variable")
                            .toList());
        }
        // A missing-credential warning names the key or its variable; say which environment
        // supplies it.
        for (var warning : planWarnings) {
            for (var entry : supplied) {
                var parts = entry.split("\u0000");
                var key = parts[0];
                var environment = parts[1];
                if (warning.contains(key)) {
                    // esc run exports environmentVariables only; pulumiConfig reaches a program
                    // only through pulumi.
                    err.println(
                            "note: "
                                    + stack
                                    + ": "
                                    + key
                                    + " comes from the ESC environment "
                                    + environment
                                    + " when pulumi runs"
                                    + (parts[2].equals("variable")
                                            ? "; to plan with it: esc run <org>/"
                                                    + environment
                                                    + " -- ./labstacks plan "
                                                    + stack
                                            : " (its pulumiConfig); the offline plan cannot read it"));
                    break;
                }
            }
        }
    }
}
