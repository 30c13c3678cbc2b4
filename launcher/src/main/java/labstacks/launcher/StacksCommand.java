package labstacks.launcher;

import com.google.gson.Gson;
import labstacks.shared.config.ProjectFiles;
import labstacks.shared.config.SettingsLoader;
import labstacks.shared.config.StackConfigException;
import labstacks.shared.config.StackFileException;
import labstacks.shared.config.StackSettings;
import labstacks.shared.config.RunMode;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code stacks [--deployable] [--json] [--root DIR]}: the stacks the stack files declare, with the
 * program, environment and whether CI deploys them. The workflows build their matrices from
 * {@code --deployable --json}, so a stack is added to CI by its stack file alone.
 */
final class StacksCommand {
    private static final Gson GSON = new Gson();

    /** One stack as the workflows see it; the JSON field names are what the workflow files read. */
    record StackEntry(String stack, String program, String environment, boolean deploy) {
    }

    private final PrintStream out;
    private final PrintStream err;

    StacksCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(String[] args, Path defaultRoot, Map<String, String> environment) {
        StackArguments arguments;
        try {
            arguments = StackArguments.parse(args, defaultRoot, Set.of(), Set.of("--deployable", "--json"));
        } catch (StackArguments.UsageException e) {
            err.print(e.getMessage() + "\n" + Main.usage());
            return Main.USAGE;
        }
        List<StackEntry> entries;
        try {
            var project = ProjectFiles.open(arguments.root());
            // Named stacks narrow the list; none (or --all) means every stack file.
            var named = arguments.stacks(project);
            var names = named.isEmpty() ? project.stacks() : named;
            entries = new ArrayList<>();
            for (var name : names) {
                var settings = SettingsLoader.load(StackSettings.class, project.read(name, environment), RunMode.PLAN);
                entries.add(new StackEntry(name, settings.program(), settings.environment(), settings.deployable()));
            }
        } catch (StackFileException | StackConfigException e) {
            // One broken stack file must not silently drop a stack from CI: no list at all.
            err.println("error: " + e.getMessage());
            return Main.FAILED;
        }
        var shown = arguments.flag("--deployable") ? entries.stream().filter(StackEntry::deploy).toList() : entries;
        if (arguments.flag("--json")) {
            // One line: GitHub's step outputs ($GITHUB_OUTPUT name=value) take a single line.
            out.println(GSON.toJson(shown));
        } else {
            shown.forEach(e -> out.println(e.stack() + "\t" + e.program() + "\t" + e.environment() + "\t"
                    + (e.deploy() ? "deploy" : "local only")));
        }
        return Main.OK;
    }
}
