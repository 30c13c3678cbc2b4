package labstacks.pipeweave;

import labstacks.shared.program.StackContext;
import labstacks.shared.program.StackProgram;

/** PipeWeave dataset storage: S3 bucket and IAM access role per environment. Its resources arrive with the module's own issue. */
public final class PipeweaveProgram implements StackProgram<PipeweaveSettings> {

    @Override
    public String name() {
        return "pipeweave";
    }

    @Override
    public String description() {
        return "PipeWeave dataset storage: S3 bucket and IAM access role per environment.";
    }

    @Override
    public Class<PipeweaveSettings> settingsType() {
        return PipeweaveSettings.class;
    }

    @Override
    public void define(StackContext stack, PipeweaveSettings settings) {
    }
}
