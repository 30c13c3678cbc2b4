package labstacks.launcher;

import java.util.ArrayList;
import java.util.List;

/**
 * What a stack CI deploys must bring: a Pulumi ESC environment (the only way the workflows hand a
 * stack credentials) and, for each, a read-only {@code -preview} twin in the repository, so that
 * previews of unreviewed pull-request code never hold deploy credentials.
 */
final class DeployableCredentials {
    private DeployableCredentials() {}

    /** One message per deployable stack that lacks either; empty when every one has both. */
    static List<String> problems(List<StacksCommand.StackEntry> deployable) {
        var problems = new ArrayList<String>();
        for (var entry : deployable) {
            var file = "Pulumi." + entry.stack() + ".yaml";
            if (entry.esc().isEmpty()) {
                problems.add(
                        file
                                + " attaches no Pulumi ESC environment, so CI would preview and deploy "
                                + entry.stack()
                                + " without credentials. Add\n  environment:\n    - labstacks/"
                                + entry.stack()
                                + "\nwith its definition in <module>/esc/"
                                + entry.stack()
                                + ".yaml and a read-only <module>/esc/"
                                + entry.stack()
                                + "-preview.yaml (README \"First deployment\"), or set labstacks:deploy: false.");
                continue;
            }
            for (int i = 0; i < entry.esc().size(); i++) {
                if (entry.previewEsc().get(i).isEmpty()) {
                    problems.add(
                            file
                                    + " attaches "
                                    + entry.esc().get(i)
                                    + ", which has no read-only twin "
                                    + entry.esc().get(i)
                                    + EscEnvironments.PREVIEW_SUFFIX
                                    + " defined in the repository"
                                    + " (<module>/esc/<name>-preview.yaml); previews would run with deploy credentials.");
                }
            }
        }
        return problems;
    }
}
