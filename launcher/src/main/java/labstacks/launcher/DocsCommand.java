package labstacks.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Map;
import labstacks.shared.config.ProjectFiles;
import labstacks.shared.config.StackConfigException;
import labstacks.shared.config.StackFileException;
import labstacks.shared.program.ProgramCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code docs [--write] [--root DIR]}: the README sections generated from code (settings tables, stack
 * diagrams). Without {@code --write} it only compares, for CI; with it, it rewrites every section.
 */
@Command(
        name = "docs",
        customSynopsis = "./labstacks docs [--write] [--root DIR]",
        description =
                "The README sections generated from code (settings tables from @Setting, stack diagrams"
                        + " from the plan): compare them with the code, or rewrite them all with --write.",
        exitCodeList = {
            "0:every section is up to date (or was rewritten)",
            "1:a section differs from the code (run ./labstacks docs --write) or cannot be generated",
            "2:a usage error"
        })
final class DocsCommand extends ProjectCommand {
    @Option(names = "--write", description = "rewrite every generated section instead of comparing")
    boolean write;

    @Mixin ProjectRoot root;

    DocsCommand(
            ProgramCatalog catalog,
            PrintStream out,
            PrintStream err,
            Path defaultRoot,
            Map<String, String> environment) {
        super(catalog, out, err, defaultRoot, environment);
    }

    @Override
    public Integer call() {
        var problems = new ArrayList<String>();
        var stale = new ArrayList<String>();
        try {
            var project = ProjectFiles.open(root.orElse(defaultRoot));
            var docs = new GeneratedDocs(project, catalog);
            for (var readme : docs.readmes(GeneratedDocs.documented(project, catalog))) {
                var text = GeneratedDocs.rewrite(readme, problems);
                if (text == null || text.equals(Files.readString(readme.file()))) {
                    continue;
                }
                var shown = project.root().relativize(readme.file());
                if (write) {
                    GeneratedDocs.write(readme.file(), text);
                    out.println("rewrote " + shown);
                } else {
                    stale.add(shown.toString());
                }
            }
        } catch (StackFileException
                | StackConfigException
                | IllegalStateException
                | IOException e) {
            err.println("error: " + e.getMessage());
            return Main.FAILED;
        }
        problems.forEach(p -> err.println("error: " + p));
        if (!stale.isEmpty()) {
            err.println(
                    "error: generated sections differ from the code in "
                            + String.join(", ", stale)
                            + "; run "
                            + GeneratedDocs.COMMAND
                            + " and commit the result");
        }
        if (problems.isEmpty() && stale.isEmpty()) {
            out.println(
                    write
                            ? "every generated section is written"
                            : "every generated section is up to date");
            return Main.OK;
        }
        return Main.FAILED;
    }
}
