package labstacks.shared.providers;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import labstacks.shared.config.RunMode;
import labstacks.shared.config.StackConfig;
import labstacks.shared.program.Preflight;

/**
 * Where the AWS provider's default credentials chain would find credentials, read from the
 * environment the program runs in. Lets a program fail before registering anything, with a message
 * that says how to load credentials, instead of the provider's error halfway through a deployment.
 */
public final class AwsCredentialSources {

    private AwsCredentialSources() {}

    /** The sources present, for example {@code [environment keys, profile default]}; empty when none is. */
    public static List<String> found(StackConfig config) {
        var sources = new ArrayList<String>();
        if (config.env("AWS_ACCESS_KEY_ID").isPresent()
                && config.env("AWS_SECRET_ACCESS_KEY").isPresent()) {
            sources.add("AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY");
        }
        config.env("AWS_PROFILE").ifPresent(profile -> sources.add("profile " + profile));
        if (config.env("AWS_WEB_IDENTITY_TOKEN_FILE").isPresent()) {
            sources.add("web identity token");
        }
        if (config.env("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI").isPresent()
                || config.env("AWS_CONTAINER_CREDENTIALS_FULL_URI").isPresent()) {
            sources.add("container credentials");
        }
        config.env("HOME")
                .map(Path::of)
                .ifPresent(
                        home -> {
                            if (Files.isRegularFile(home.resolve(".aws/credentials"))
                                    || Files.isRegularFile(home.resolve(".aws/config"))) {
                                sources.add("~/.aws shared files");
                            }
                        });
        return List.copyOf(sources);
    }

    /**
     * Reports missing or half-set AWS credentials: a warning in an offline plan (which needs none; the
     * offline runtime calls this for every program that registers AWS resources), a problem that stops a
     * deployment before anything registers (igenomes calls it from its preflight for that; the other AWS
     * programs leave a deployment to the provider's own chain).
     */
    public static void report(StackConfig config, RunMode mode, Preflight report) {
        var fix =
                "run `direnv allow` in the checkout (its .envrc reads AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY"
                        + " from 1Password; run `op signin` first), or export AWS_PROFILE, or attach the stack's Pulumi ESC"
                        + " environment";
        String problem = null;
        if (halfAKeyPair(config)) {
            problem = "only one of AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY is set";
        } else if (found(config).isEmpty()) {
            problem =
                    "no AWS credentials found (no AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_PROFILE,"
                            + " web identity, container credentials or ~/.aws files)";
        }
        if (problem == null) {
            return;
        }
        if (mode == RunMode.DEPLOY) {
            report.problem("AWS_ACCESS_KEY_ID", problem, fix);
        } else {
            report.warning(problem + "; the offline plan needs none, a deployment does: " + fix);
        }
    }

    /** Exactly one of the key pair is set: always a mistake. */
    public static boolean halfAKeyPair(StackConfig config) {
        return config.env("AWS_ACCESS_KEY_ID").isPresent()
                != config.env("AWS_SECRET_ACCESS_KEY").isPresent();
    }
}
