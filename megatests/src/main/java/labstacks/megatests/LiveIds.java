package labstacks.megatests;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The ids of live objects that exist outside the stack's state ({@code megatests:importIds}): a resource
 * with one is imported by {@code pulumi up} instead of created, so adoption works from either generation
 * of nf-core's state. Keys:
 * <ul>
 *   <li>{@code computeEnv.cpu}, {@code computeEnv.gpu}, {@code computeEnv.arm}: the compute environment's
 *       id; imported as {@code {"compute_env_id":"<id>","workspace_id":<workspace>}}
 *       (terraform-provider-seqera v0.30.5 {@code internal/provider/computeenv_resource.go} ImportState
 *       decodes exactly these two fields and refuses others; {@code docs/resources/compute_env.md}).</li>
 *   <li>{@code credential.aws}, {@code credential.github}: the credential's id; imported as it is
 *       (v0.30.5 {@code internal/provider/credential_resource.go} ImportState sets {@code credentials_id}
 *       to the import id, and nothing else: the import's read carries no workspace id, so a credential that only
 *       a workspace's scope can see may not be found; upstream has no other id form).</li>
 *   <li>{@code variable.<NAME>}: an organization variable; its id is its name
 *       (integrations/terraform-provider-github {@code resource_github_actions_organization_variable.go}:
 *       its importer takes the id as the variable's name and reads it by that name), so the value must be the
 *       name.</li>
 *   <li>{@code participant.<login>}: the e-mail the Seqera workspace knows that member by (when it differs
 *       from the public GitHub e-mail, in case or otherwise); imported as
 *       {@code <org_id>/<workspace_id>/<email>} (v0.30.5 {@code internal/seqera/workspace_participant/resource.go}
 *       ImportState, three parts split on '/').</li>
 * </ul>
 * and {@code bucket.cors}: the bucket's CORS configuration, whose import id is the bucket name
 * (terraform-provider-aws {@code internal/service/s3/bucket_cors_configuration.go}); the value must be
 * the bucket name.
 * Leave a key unset for a resource the state already holds: the engine would import it again and
 * replace the entry (see {@code adopt}).
 */
public record LiveIds(Map<String, String> byKey) {
    public static final LiveIds NONE = new LiveIds(Map.of());
    public static final String SETTING = "megatests:importIds";

    private static final Pattern SEQERA_ID = Pattern.compile("[A-Za-z0-9]{1,64}");
    private static final Pattern EMAIL = Pattern.compile("[^\\s@/]+@[^\\s@/]+\\.[^\\s@/]+");
    private static final Pattern LOGIN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,38}");
    private static final List<String> CREDENTIALS = List.of("aws", "github");

    public LiveIds {
        byKey = Map.copyOf(new TreeMap<>(byKey));
    }

    /** What is wrong with the setting, one line per key; empty when nothing. */
    List<String> problems(Set<String> variables) {
        var problems = new ArrayList<String>();
        byKey.forEach(
                (key, value) -> {
                    var dot = key.indexOf('.');
                    var kind = dot < 0 ? key : key.substring(0, dot);
                    var name = dot < 0 ? "" : key.substring(dot + 1);
                    switch (kind) {
                        case "computeEnv" -> {
                            if (Arrays.stream(ComputeEnvKind.values())
                                    .noneMatch(k -> k.key().equals(name))) {
                                problems.add(
                                        key
                                                + ": no such compute environment; the keys are computeEnv.cpu, computeEnv.gpu"
                                                + " and computeEnv.arm");
                            } else if (!SEQERA_ID.matcher(value).matches()) {
                                problems.add(
                                        key
                                                + ": \""
                                                + value
                                                + "\" is not a compute environment id (letters and digits,"
                                                + " as `tw compute-envs list` shows it)");
                            }
                        }
                        case "credential" -> {
                            if (!CREDENTIALS.contains(name)) {
                                problems.add(
                                        key
                                                + ": no such credential; the keys are credential.aws and credential.github");
                            } else if (!SEQERA_ID.matcher(value).matches()) {
                                problems.add(
                                        key
                                                + ": \""
                                                + value
                                                + "\" is not a credentials id (letters and digits,"
                                                + " as `tw credentials list` shows it)");
                            }
                        }
                        case "variable" -> {
                            if (!variables.contains(name)) {
                                problems.add(
                                        key
                                                + ": no such organization variable; the variables are "
                                                + String.join(", ", new TreeSet<>(variables)));
                            } else if (!value.equals(name)) {
                                problems.add(
                                        key
                                                + ": the import id of an organization variable is its name, "
                                                + name
                                                + ", not \""
                                                + value
                                                + "\"");
                            }
                        }
                        case "bucket" -> {
                            if (!name.equals("cors")) {
                                problems.add(
                                        key + ": unknown key; the bucket's key is bucket.cors");
                            }
                        }
                        case "participant" -> {
                            if (!LOGIN.matcher(name).matches()) {
                                problems.add(key + ": \"" + name + "\" is not a GitHub login");
                            } else if (!EMAIL.matcher(value).matches()) {
                                problems.add(
                                        key
                                                + ": expected the e-mail the Seqera workspace knows "
                                                + name
                                                + " by");
                            }
                        }
                        default ->
                                problems.add(
                                        key
                                                + ": unknown key; the keys are computeEnv.<cpu|gpu|arm>,"
                                                + " credential.<aws|github>, variable.<NAME>, participant.<login> and bucket.cors");
                    }
                });
        return problems;
    }

    /** The import id of a compute environment, when its id is set. */
    Optional<String> computeEnv(ComputeEnvKind kind, long workspaceId) {
        return Optional.ofNullable(byKey.get("computeEnv." + kind.key()))
                .map(
                        id ->
                                "{\"compute_env_id\":\""
                                        + id
                                        + "\",\"workspace_id\":"
                                        + workspaceId
                                        + "}");
    }

    /** The import id of a credential ({@code aws} or {@code github}), when set. */
    Optional<String> credential(String which) {
        return Optional.ofNullable(byKey.get("credential." + which));
    }

    /** The import id of an organization variable, when set. */
    Optional<String> variable(String name) {
        return Optional.ofNullable(byKey.get("variable." + name));
    }

    /** The import id of the bucket's CORS configuration (the bucket name), when set. */
    Optional<String> bucketCors() {
        return Optional.ofNullable(byKey.get("bucket.cors"));
    }

    /** The e-mail Seqera knows a member by, when set. */
    Optional<String> participantEmail(String login) {
        return byKey.entrySet().stream()
                .filter(
                        e ->
                                e.getKey().startsWith("participant.")
                                        && e.getKey()
                                                .substring("participant.".length())
                                                .equalsIgnoreCase(login))
                .map(Map.Entry::getValue)
                .findFirst();
    }

    /** Variables to their import ids. */
    Map<String, String> variables() {
        var result = new TreeMap<String, String>();
        byKey.forEach(
                (key, value) -> {
                    if (key.startsWith("variable.")) {
                        result.put(key.substring("variable.".length()), value);
                    }
                });
        return result;
    }
}
