package labstacks.megatests;

import com.pulumi.core.Output;
import com.pulumi.github.Provider;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Inputs of a {@link GithubOrganizationSettings}.
 *
 * @param owner         the organization
 * @param variables     variable name to value, in order
 * @param secrets       legacy secret name to its value, in order
 * @param manageSecrets false: register no secret, output gh commands instead
 * @param formerNames   variable name to the logical name nf-core's Python program gave its resource; a
 *                      variable without one is new (no alias)
 * @param github        the explicit GitHub provider
 * @param importIds     variable name to the import id of a live variable the state does not hold
 */
public record GithubOrganizationSettingsArgs(String owner, Map<String, Output<String>> variables,
                                             Map<String, LegacySecret> secrets, boolean manageSecrets,
                                             Map<String, String> formerNames, Provider github,
                                             Map<String, String> importIds) {
    /** Without import ids. */
    public GithubOrganizationSettingsArgs(String owner, Map<String, Output<String>> variables,
                                          Map<String, LegacySecret> secrets, boolean manageSecrets,
                                          Map<String, String> formerNames, Provider github) {
        this(owner, variables, secrets, manageSecrets, formerNames, github, Map.of());
    }

    public GithubOrganizationSettingsArgs {
        importIds = Map.copyOf(importIds);
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(github, "github");
        variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
        secrets = Collections.unmodifiableMap(new LinkedHashMap<>(secrets));
        formerNames = Map.copyOf(formerNames);
        for (var variable : formerNames.keySet()) {
            if (!variables.containsKey(variable)) {
                throw new IllegalArgumentException("former name of " + variable + ", which is no variable here");
            }
        }
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
}
