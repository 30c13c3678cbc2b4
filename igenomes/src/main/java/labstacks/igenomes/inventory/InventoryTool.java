package labstacks.igenomes.inventory;

import labstacks.shared.program.Tool;

/**
 * {@code ./labstacks igenomes-inventory}: the {@link InventoryCommand} the launcher adds as a subcommand,
 * found through {@link java.util.ServiceLoader}.
 */
public final class InventoryTool implements Tool {
    static final String NAME = "igenomes-inventory";
    static final String DESCRIPTION =
            "check that every genome in the igenomes catalog exists in s3://ngi-igenomes (anonymous)";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return DESCRIPTION;
    }

    @Override
    public Object command() {
        return new InventoryCommand();
    }
}
