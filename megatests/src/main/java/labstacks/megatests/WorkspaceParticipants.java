package labstacks.megatests;

import com.pulumi.core.Output;
import com.pulumi.deployment.InvokeOptions;
import com.pulumi.github.GithubFunctions;
import com.pulumi.github.inputs.GetTeamArgs;
import com.pulumi.github.inputs.GetUserArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.seqera.WorkspaceParticipant;
import com.pulumi.seqera.WorkspaceParticipantArgs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Keeps the workspace's members in step with the organization's teams: members of {@code core} become
 * owners, members of {@code maintainers} maintainers (core wins for people in both). Membership and
 * public e-mails come from the GitHub provider's functions; each person becomes one
 * WorkspaceParticipant. No shell, no token in a command line or in the state.
 */
public final class WorkspaceParticipants extends ComponentResource {
    public static final String TYPE = "labstacks:megatests:WorkspaceParticipants";
    public static final String CORE_TEAM = "core";
    public static final String MAINTAINERS_TEAM = "maintainers";

    /** One person and the role the teams give them. */
    record Member(String login, String role) {
    }

    private final Output<Map<String, Object>> summary;

    public WorkspaceParticipants(String name, long orgId, long workspaceId, com.pulumi.github.Provider github,
                                 com.pulumi.seqera.Provider seqera, ComponentResourceOptions options) {
        super(TYPE, name, options);
        var invoke = InvokeOptions.builder().provider(github).parent(this).build();
        var core = GithubFunctions.getTeam(GetTeamArgs.builder().slug(CORE_TEAM).build(), invoke);
        var maintainers = GithubFunctions.getTeam(GetTeamArgs.builder().slug(MAINTAINERS_TEAM).build(), invoke);
        var self = this;

        this.summary = Output.tuple(core, maintainers)
                .applyValue(teams -> roles(teams.t1.members(), teams.t2.members()))
                .apply(members -> Output.all(members.stream()
                        .map(member -> GithubFunctions.getUser(GetUserArgs.builder().username(member.login()).build(), invoke)
                                .applyValue(user -> Map.entry(member, user.email() == null ? "" : user.email())))
                        .toList()))
                .applyValue(found -> {
                    var registered = new TreeMap<String, Object>();
                    var withoutEmail = new ArrayList<String>();
                    for (var entry : found) {
                        var member = entry.getKey();
                        if (entry.getValue().isBlank()) {
                            withoutEmail.add(member.login());
                            continue;
                        }
                        // Created once the teams are known; the e-mail is an input, never an output.
                        new WorkspaceParticipant("participant-" + member.login().toLowerCase(java.util.Locale.ROOT),
                                WorkspaceParticipantArgs.builder()
                                        .orgId((double) orgId)
                                        .workspaceId((double) workspaceId)
                                        .email(entry.getValue())
                                        .role(member.role())
                                        .build(),
                                CustomResourceOptions.builder().parent(self).provider(seqera).build());
                        registered.put(member.login(), member.role());
                    }
                    var result = new LinkedHashMap<String, Object>();
                    result.put("members", registered);
                    result.put("total", registered.size());
                    result.put("skipped_without_public_email", List.copyOf(withoutEmail));
                    result.put("teams", Map.of(CORE_TEAM, "owner", MAINTAINERS_TEAM, "maintain"));
                    result.put("workspace_id", Long.toString(workspaceId));
                    return (Map<String, Object>) result;
                });
        registerOutputs(Map.of("summary", summary));
    }

    /** Core members are owners, other maintainers maintain; sorted by login for a stable plan. */
    static List<Member> roles(List<String> core, List<String> maintainers) {
        var roles = new TreeMap<String, String>(String.CASE_INSENSITIVE_ORDER);
        (maintainers == null ? List.<String>of() : maintainers).forEach(login -> roles.put(login, "maintain"));
        (core == null ? List.<String>of() : core).forEach(login -> roles.put(login, "owner"));
        return roles.entrySet().stream().map(e -> new Member(e.getKey(), e.getValue())).toList();
    }

    public Output<Map<String, Object>> summary() {
        return summary;
    }
}
