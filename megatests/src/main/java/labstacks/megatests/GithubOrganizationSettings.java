package labstacks.megatests;

import com.pulumi.core.Output;
import com.pulumi.github.ActionsOrganizationSecret;
import com.pulumi.github.ActionsOrganizationSecretArgs;
import com.pulumi.github.ActionsOrganizationVariable;
import com.pulumi.github.ActionsOrganizationVariableArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the organization's CI reads: variables with the compute environment ids, the workspace and the
 * bucket, and (unless turned off) the legacy secrets older workflows still use. Both replace by delete
 * first (pulumi/pulumi-github#250) and leave visibility to the organization's admins.
 */
public final class GithubOrganizationSettings extends ComponentResource {
    public static final String TYPE = "labstacks:megatests:GithubOrganizationSettings";
    private static final String VARIABLE_TYPE =
            "github:index/actionsOrganizationVariable:ActionsOrganizationVariable";
    private static final String SECRET_TYPE =
            "github:index/actionsOrganizationSecret:ActionsOrganizationSecret";

    private final Map<String, ActionsOrganizationVariable> variables = new LinkedHashMap<>();
    private final Map<String, ActionsOrganizationSecret> secrets = new LinkedHashMap<>();
    private final List<Output<String>> manualCommands = new ArrayList<>();

    public GithubOrganizationSettings(
            String name, GithubOrganizationSettingsArgs args, ComponentResourceOptions options) {
        super(TYPE, name, options);
        var owner = args.owner();
        args.variables()
                .forEach(
                        (variable, value) ->
                                variables.put(
                                        variable,
                                        new ActionsOrganizationVariable(
                                                resourceName("variable", variable),
                                                ActionsOrganizationVariableArgs.builder()
                                                        .variableName(variable)
                                                        .value(value)
                                                        .visibility("all")
                                                        .build(),
                                                replacedFirst(
                                                        imported(
                                                                FormerNames.child(
                                                                        this,
                                                                        args.github(),
                                                                        VARIABLE_TYPE,
                                                                        args.formerNames()
                                                                                .get(variable)),
                                                                args.importIds().get(variable))))));
        args.secrets()
                .forEach(
                        (secret, legacy) -> {
                            if (args.manageSecrets()) {
                                secrets.put(
                                        secret,
                                        new ActionsOrganizationSecret(
                                                resourceName("secret", secret),
                                                ActionsOrganizationSecretArgs.builder()
                                                        .secretName(secret)
                                                        .plaintextValue(legacy.value().asSecret())
                                                        .visibility("all")
                                                        .build(),
                                                replacedFirst(
                                                        FormerNames.child(
                                                                this,
                                                                args.github(),
                                                                SECRET_TYPE,
                                                                null))));
                            } else if (legacy.sensitive() && legacy.command() != null) {
                                manualCommands.add(Output.of(legacy.command()));
                            } else if (legacy.sensitive()) {
                                // Never spelled out: gh reads it from the variable .envrc or the
                                // ESC environment sets.
                                manualCommands.add(
                                        Output.of(
                                                "gh secret set "
                                                        + secret
                                                        + " --org "
                                                        + owner
                                                        + " --visibility all --body \"$"
                                                        + secret
                                                        + "\""));
                            } else {
                                // The Python program's exact form (src/integrations/github.py,
                                // _create_gh_commands).
                                manualCommands.add(
                                        legacy.value()
                                                .applyValue(
                                                        value ->
                                                                "gh secret set "
                                                                        + secret
                                                                        + " --org "
                                                                        + owner
                                                                        + " --body \""
                                                                        + value
                                                                        + "\" --visibility all"));
                            }
                        });
        registerOutputs(Map.of());
    }

    /** Replaced by delete first (pulumi/pulumi-github#250); visibility is the organization admins' to change. */
    private static CustomResourceOptions replacedFirst(CustomResourceOptions.Builder options) {
        return options.deleteBeforeReplace(true).ignoreChanges("visibility").build();
    }

    /** A live variable the state does not hold is imported; its id is its name (see LiveIds). */
    private static CustomResourceOptions.Builder imported(
            CustomResourceOptions.Builder options, String importId) {
        return importId == null ? options : options.importId(importId);
    }

    private static String resourceName(String kind, String name) {
        return kind + "-" + name.toLowerCase(Locale.ROOT).replace('_', '-');
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
