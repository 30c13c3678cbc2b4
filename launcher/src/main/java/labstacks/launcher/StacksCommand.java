package labstacks.launcher;

import com.google.gson.Gson;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import labstacks.shared.config.ProjectFiles;
import labstacks.shared.config.RunMode;
import labstacks.shared.config.SettingsLoader;
import labstacks.shared.config.StackConfigException;
import labstacks.shared.config.StackFileException;
import labstacks.shared.config.StackIdentity;
import labstacks.shared.config.StackSettings;
import labstacks.shared.program.ProgramCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code stacks [--deployable] [--json] [--root DIR]}: the stacks the stack files declare, with the
 * program, environment and whether CI deploys them. The workflows build their matrices from
 * {@code --deployable --json}, so a stack is added to CI by its stack file alone.
 */
@Command(
        name = "stacks",
        customSynopsis = "./labstacks stacks [<stack>...] [--deployable] [--json] [--root DIR]",
        description = {
            "The stacks the stack files declare: stack, program, environment, whether CI deploys it, and the"
                    + " Pulumi ESC environments its stack file attaches.",
            "--deployable refuses a deployable stack that attaches no ESC environment, or one without a read-only"
                    + " <name>-preview twin defined in the repository."
        },
        exitCodeList = {
            "0:listed",
            "1:a stack file is invalid, or (--deployable) a deployable stack has no credentials (then nothing is listed)",
            "2:a usage error"
        })
final class StacksCommand extends ProjectCommand {
    /**
     * One stack as the workflows see it; the JSON field names are what the workflow files read. {@code production}
     * says whether the stack deploys through the production GitHub environment and its reviewers: its
     * environment is prod or production, which the stack's name must say too (StackIdentity). {@code esc}: the
     * Pulumi ESC environments its stack file attaches; {@code previewEsc}: their read-only twins, which previews
     * and drift checks attach instead.
     */
    record StackEntry(
            String stack,
            String program,
            String environment,
            boolean deploy,
            boolean production,
            List<String> esc,
            List<String> previewEsc) {}

    @Mixin StackSelection selection;

    @Option(names = "--deployable", description = "only the stacks CI deploys")
    boolean deployable;

    @Option(names = "--json", description = "one line of JSON, as the workflows' matrices read it")
    boolean json;

    StacksCommand(
            ProgramCatalog catalog,
            PrintStream out,
            PrintStream err,
            Path defaultRoot,
            Map<String, String> environment) {
        super(catalog, out, err, defaultRoot, environment);
    }

    @Override
    public Integer call() {
        List<StackEntry> entries;
        try {
            var project = ProjectFiles.open(selection.root.orElse(defaultRoot));
            var esc = EscEnvironments.load(project.root());
            // Named stacks narrow the list; none (or --all) means every stack file.
            var named = selection.stacks(project, err);
            var names = named.isEmpty() ? project.stacks() : named;
            entries = new ArrayList<>();
            for (var name : names) {
                var config = project.read(name, environment);
                var settings = SettingsLoader.load(StackSettings.class, config, RunMode.PLAN);
                // The environment listed is the one the stack's name gives: a stack file saying
                // otherwise is refused.
                var identity = StackIdentity.problem(config, settings.environment());
                if (identity.isPresent()) {
                    throw new StackConfigException(config.stackFile(), List.of(identity.get()));
                }
                var attached =
                        EscEnvironments.attached(
                                project.root().resolve("Pulumi." + name + ".yaml"));
                var preview =
                        attached.stream()
                                .map(
                                        e ->
                                                esc.preview(e)
                                                        .map(EscEnvironments.Definition::name)
                                                        .orElse(""))
                                .toList();
                entries.add(
                        new StackEntry(
                                name,
                                settings.program(),
                                settings.environment(),
                                settings.deployable(),
                                StackIdentity.isProduction(settings.environment()),
                                attached,
                                preview));
            }
        } catch (StackFileException | StackConfigException e) {
            // One broken stack file must not silently drop a stack from CI: no list at all.
            err.println("error: " + e.getMessage());
            return Main.FAILED;
        }
        var shown = deployable ? entries.stream().filter(StackEntry::deploy).toList() : entries;
        if (deployable) {
            var problems = DeployableCredentials.problems(shown);
            if (!problems.isEmpty()) {
                // CI would run these without credentials, or preview with deploy credentials: no
                // list at all.
                problems.forEach(p -> err.println("error: " + p));
                return Main.FAILED;
            }
        }
        if (json) {
            // One line: GitHub's step outputs ($GITHUB_OUTPUT name=value) take a single line.
            out.println(new Gson().toJson(shown));
        } else {
            shown.forEach(
                    e ->
                            out.println(
                                    e.stack()
                                            + "\t"
                                            + e.program()
                                            + "\t"
                                            + e.environment()
                                            + "\t"
                                            + (e.deploy() ? "deploy" : "local only")
                                            + "\t"
                                            + (e.esc().isEmpty()
                                                    ? "-"
                                                    : String.join(",", e.esc()))));
        }
        return Main.OK;
    }
}
