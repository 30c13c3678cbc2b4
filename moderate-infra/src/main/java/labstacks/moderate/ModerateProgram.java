package labstacks.moderate;

import labstacks.shared.program.StackContext;
import labstacks.shared.program.StackProgram;

/** The MODERATE data platform on Kubernetes: Dagster, OpenMetadata and their services. Its resources arrive with the module's own issue. */
public final class ModerateProgram implements StackProgram<ModerateSettings> {

    @Override
    public String name() {
        return "moderate-infra";
    }

    @Override
    public String description() {
        return "The MODERATE data platform on Kubernetes: Dagster, OpenMetadata and their services.";
    }

    @Override
    public Class<ModerateSettings> settingsType() {
        return ModerateSettings.class;
    }

    @Override
    public void define(StackContext stack, ModerateSettings settings) {
    }
}
