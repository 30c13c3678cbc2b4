package labstacks.megatests;

import com.pulumi.core.Output;
import com.pulumi.github.ActionsOrganizationSecret;
import com.pulumi.github.ActionsOrganizationSecretArgs;
import com.pulumi.github.ActionsOrganizationVariable;
import com.pulumi.github.ActionsOrganizationVariableArgs;
import com.pulumi.github.Provider;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the organization's CI reads: variables with the compute environment ids, the workspace and the
 * bucket, and (unless turned off) the legacy secrets older workflows still use. Both replace by delete
 * first (pulumi/pulumi-github#250) and leave visibility to the organization's admins.
 */
public final class GithubOrganizationSettings extends ComponentResource {
    public static final String TYPE = "labstacks:megatests:GithubOrganizationSettings";

    /**
     * Inputs of the component.
     *
     * @param variables      variable name to value, in order
     * @param secrets        legacy secret name to secret value, in order
     * @param manageSecrets  false: register no secret, output gh commands instead
     * @param formerNames    variable name to the logical name nf-core's Python program gave its resource
     */
    public record Args(Map<String, Output<String>> variables, Map<String, LegacySecret> secrets, boolean manageSecrets,
                       Map<String, String> formerNames) {
    }

    /**
     * A legacy organization secret.
     *
     * @param value     its value
     * @param sensitive whether the value itself is a credential: a manual command then reads it from the
     *                  environment instead of spelling it out
     * @param command   the manual command's text for a sensitive secret; null for the generic form
     */
    public record LegacySecret(Output<String> value, boolean sensitive, String command) {
        public LegacySecret(Output<String> value, boolean sensitive) {
            this(value, sensitive, null);
        }
    }

    private final Map<String, ActionsOrganizationVariable> variables = new LinkedHashMap<>();
    private final Map<String, ActionsOrganizationSecret> secrets = new LinkedHashMap<>();
    private final List<Output<String>> manualCommands = new ArrayList<>();

    public GithubOrganizationSettings(String name, String owner, Args args, Provider github,
                                      ComponentResourceOptions options) {
        super(TYPE, name, options);
        var child = CustomResourceOptions.builder().parent(this).provider(github)
                .deleteBeforeReplace(true)
                .ignoreChanges("visibility");
        args.variables().forEach((variable, value) -> {
            var variableOptions = CustomResourceOptions.builder().parent(this).provider(github)
                    .deleteBeforeReplace(true)
                    .ignoreChanges("visibility");
            var former = args.formerNames().get(variable);
            if (former != null) {
                variableOptions.aliases(FormerNames.atStackRoot(
                        "github:index/actionsOrganizationVariable:ActionsOrganizationVariable", former));
            }
            variables.put(variable, new ActionsOrganizationVariable(
                    resourceName("variable", variable), ActionsOrganizationVariableArgs.builder()
                            .variableName(variable)
                            .value(value)
                            .visibility("all")
                            .build(), variableOptions.build()));
        });
        args.secrets().forEach((secret, legacy) -> {
            if (args.manageSecrets()) {
                secrets.put(secret, new ActionsOrganizationSecret(resourceName("secret", secret),
                        ActionsOrganizationSecretArgs.builder()
                                .secretName(secret)
                                .plaintextValue(legacy.value().asSecret())
                                .visibility("all")
                                .build(), child.build()));
            } else if (legacy.sensitive() && legacy.command() != null) {
                manualCommands.add(Output.of(legacy.command()));
            } else if (legacy.sensitive()) {
                // Never spelled out: gh reads it from the variable .envrc or the ESC environment sets.
                manualCommands.add(Output.of("gh secret set " + secret + " --org " + owner
                        + " --visibility all --body \"$" + secret + "\""));
            } else {
                // The Python program's exact form (src/integrations/github.py, _create_gh_commands).
                manualCommands.add(legacy.value().applyValue(value -> "gh secret set " + secret + " --org " + owner
                        + " --body \"" + value + "\" --visibility all"));
            }
        });
        registerOutputs(Map.of());
    }

    private static String resourceName(String kind, String name) {
        return kind + "-" + name.toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    public Map<String, ActionsOrganizationVariable> variables() {
        return variables;
    }

    public Map<String, ActionsOrganizationSecret> secrets() {
        return secrets;
    }

    /** The commands one by one: a command holding a value known only after deployment is unknown alone. */
    public List<Output<String>> manualCommandList() {
        return List.copyOf(manualCommands);
    }
}
