package labstacks.biositing;

import labstacks.shared.program.StackContext;
import labstacks.shared.program.StackProgram;

/** The ca-biositing ETL (Postgres, migrations, Prefect server and worker) on Kubernetes. Its resources arrive with the module's own issue. */
public final class BiositingProgram implements StackProgram<BiositingSettings> {

    @Override
    public String name() {
        return "biositing-infra";
    }

    @Override
    public String description() {
        return "The ca-biositing ETL (Postgres, migrations, Prefect server and worker) on Kubernetes.";
    }

    @Override
    public Class<BiositingSettings> settingsType() {
        return BiositingSettings.class;
    }

    @Override
    public void define(StackContext stack, BiositingSettings settings) {
    }
}
