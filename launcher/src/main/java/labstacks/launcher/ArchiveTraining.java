package labstacks.launcher;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * The run {@code ./labstacks} makes once per jar and JDK under {@code -XX:ArchiveClassesAtExit} to write the
 * class-data sharing archive that {@code launcher/jvm.options} names. The archive holds the classes this JVM
 * loaded, so it does what users do, in one JVM: {@code help} (the model of every command), then a plan of every
 * stack (every program and provider SDK). Output is discarded; the exit code is the plan's.
 */
public final class ArchiveTraining {

    private ArchiveTraining() {}

    public static void main(String[] args) {
        Main.excludeUnusedConverters();
        var discard = new PrintStream(OutputStream.nullOutputStream());
        var root = Path.of("");
        Main.run(new String[] {"help"}, root, System.getenv(), discard, discard);
        System.exit(
                Main.run(new String[] {"plan", "--all"}, root, System.getenv(), discard, discard));
    }
}
