package labstacks.megatests;

import labstacks.shared.program.StackContext;
import labstacks.shared.program.StackProgram;

/** nf-core AWS megatests: bucket, TowerForge IAM, Seqera Platform compute environments, GitHub org variables. Its resources arrive with the module's own issue. */
public final class MegatestsProgram implements StackProgram<MegatestsSettings> {

    @Override
    public String name() {
        return "megatests";
    }

    @Override
    public String description() {
        return "nf-core AWS megatests: bucket, TowerForge IAM, Seqera Platform compute environments, GitHub org variables.";
    }

    @Override
    public Class<MegatestsSettings> settingsType() {
        return MegatestsSettings.class;
    }

    @Override
    public void define(StackContext stack, MegatestsSettings settings) {
    }
}
