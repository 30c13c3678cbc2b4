package labstacks.megatests;

import com.pulumi.core.Output;
import com.pulumi.github.Provider;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Inputs of a {@link GithubOrganizationSettings}: named fields; the organization and the provider are
 * required, the maps default to empty.
 */
public final class GithubOrganizationSettingsArgs {
    private final String owner;
    private final Map<String, Output<String>> variables;
    private final Map<String, LegacySecret> secrets;
    private final boolean manageSecrets;
    private final Map<String, String> formerNames;
    private final Provider github;
    private final Map<String, String> importIds;

    private GithubOrganizationSettingsArgs(Builder builder) {
        this.owner = Objects.requireNonNull(builder.owner, "owner");
        this.github = Objects.requireNonNull(builder.github, "github");
        this.variables = Collections.unmodifiableMap(new LinkedHashMap<>(builder.variables));
        this.secrets = Collections.unmodifiableMap(new LinkedHashMap<>(builder.secrets));
        this.manageSecrets = builder.manageSecrets;
        this.formerNames = Map.copyOf(builder.formerNames);
        this.importIds = Map.copyOf(builder.importIds);
        for (var variable : formerNames.keySet()) {
            if (!variables.containsKey(variable)) {
                throw new IllegalArgumentException(
                        "former name of " + variable + ", which is no variable here");
            }
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The organization. */
    public String owner() {
        return owner;
    }

    /** Variable name to value, in order. */
    public Map<String, Output<String>> variables() {
        return variables;
    }

    /** Legacy secret name to its value, in order. */
    public Map<String, LegacySecret> secrets() {
        return secrets;
    }

    /** false (default): register no secret, output gh commands instead. */
    public boolean manageSecrets() {
        return manageSecrets;
    }

    /**
     * Variable name to the logical name nf-core's Python program gave its resource; a variable without one
     * is new (no alias).
     */
    public Map<String, String> formerNames() {
        return formerNames;
    }

    /** The explicit GitHub provider. */
    public Provider github() {
        return github;
    }

    /** Variable name to the import id of a live variable the state does not hold (default none). */
    public Map<String, String> importIds() {
        return importIds;
    }

    public static final class Builder {
        private String owner;
        private Map<String, Output<String>> variables = Map.of();
        private Map<String, LegacySecret> secrets = Map.of();
        private boolean manageSecrets = false;
        private Map<String, String> formerNames = Map.of();
        private Provider github;
        private Map<String, String> importIds = Map.of();

        private Builder() {}

        public Builder owner(String organization) {
            this.owner = organization;
            return this;
        }

        public Builder variables(Map<String, Output<String>> values) {
            this.variables = values;
            return this;
        }

        public Builder secrets(Map<String, LegacySecret> values) {
            this.secrets = values;
            return this;
        }

        public Builder manageSecrets(boolean enabled) {
            this.manageSecrets = enabled;
            return this;
        }

        public Builder formerNames(Map<String, String> names) {
            this.formerNames = names;
            return this;
        }

        public Builder github(Provider provider) {
            this.github = provider;
            return this;
        }

        public Builder importIds(Map<String, String> ids) {
            this.importIds = ids;
            return this;
        }

        public GithubOrganizationSettingsArgs build() {
            return new GithubOrganizationSettingsArgs(this);
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
