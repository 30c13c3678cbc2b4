package labstacks.igenomes.inventory;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ServiceLoader;
import labstacks.shared.program.Tool;
import picocli.CommandLine;

/** Runs igenomes-inventory as the launcher does: its picocli command, found through ServiceLoader. */
record InventoryCommandRun(int code, String out, String err) {

    static InventoryCommandRun of(String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        var tool =
                ServiceLoader.load(Tool.class).stream()
                        .map(ServiceLoader.Provider::get)
                        .filter(t -> t.name().equals("igenomes-inventory"))
                        .findFirst()
                        .orElseThrow();
        var command = new CommandLine(tool.command());
        command.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        command.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        var code = command.execute(args);
        return new InventoryCommandRun(
                code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
