package labstacks.igenomes;

import labstacks.shared.program.StackContext;
import labstacks.shared.program.StackProgram;

/** Tracks the public ngi-igenomes bucket (eu-west-1) without ever modifying it. Its resources arrive with the module's own issue. */
public final class IgenomesProgram implements StackProgram<IgenomesSettings> {

    @Override
    public String name() {
        return "igenomes";
    }

    @Override
    public String description() {
        return "Tracks the public ngi-igenomes bucket (eu-west-1) without ever modifying it.";
    }

    @Override
    public Class<IgenomesSettings> settingsType() {
        return IgenomesSettings.class;
    }

    @Override
    public void define(StackContext stack, IgenomesSettings settings) {
    }
}
