package labstacks.launcher;

import com.google.gson.Gson;
import labstacks.shared.config.ProjectFiles;
import labstacks.shared.config.SettingsLoader;
import labstacks.shared.config.StackConfigException;
import labstacks.shared.config.StackFileException;
import labstacks.shared.config.StackSettings;
import labstacks.shared.program.ProgramCatalog;
import labstacks.shared.config.RunMode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code stacks [--deployable] [--json] [--root DIR]}: the stacks the stack files declare, with the
 * program, environment and whether CI deploys them. The workflows build their matrices from
 * {@code --deployable --json}, so a stack is added to CI by its stack file alone.
 */
@Command(name = "stacks",
        customSynopsis = "./labstacks stacks [<stack>...] [--deployable] [--json] [--root DIR]",
        description = "The stacks the stack files declare: stack, program, environment, and whether CI deploys it.",
        exitCodeList = {"0:listed", "1:a stack file is invalid (then nothing is listed)", "2:a usage error"})
final class StacksCommand extends ProjectCommand {
    private static final Gson GSON = new Gson();

    /** One stack as the workflows see it; the JSON field names are what the workflow files read. */
    record StackEntry(String stack, String program, String environment, boolean deploy) {
    }

    @Mixin
    StackSelection selection;

    @Option(names = "--deployable", description = "only the stacks CI deploys")
    boolean deployable;

    @Option(names = "--json", description = "one line of JSON, as the workflows' matrices read it")
    boolean json;

    StacksCommand(ProgramCatalog catalog, PrintStream out, PrintStream err, Path defaultRoot,
                  Map<String, String> environment) {
        super(catalog, out, err, defaultRoot, environment);
    }

    @Override
    public Integer call() {
        List<StackEntry> entries;
        try {
            var project = ProjectFiles.open(selection.root.orElse(defaultRoot));
            // Named stacks narrow the list; none (or --all) means every stack file.
            var named = selection.stacks(project, err);
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
        var shown = deployable ? entries.stream().filter(StackEntry::deploy).toList() : entries;
        if (json) {
            // One line: GitHub's step outputs ($GITHUB_OUTPUT name=value) take a single line.
            out.println(GSON.toJson(shown));
        } else {
            shown.forEach(e -> out.println(e.stack() + "\t" + e.program() + "\t" + e.environment() + "\t"
                    + (e.deploy() ? "deploy" : "local only")));
        }
        return Main.OK;
    }
}
