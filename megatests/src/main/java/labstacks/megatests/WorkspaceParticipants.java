package labstacks.megatests;

import com.pulumi.core.Output;
import com.pulumi.deployment.InvokeOptions;
import com.pulumi.github.GithubFunctions;
import com.pulumi.github.inputs.GetTeamArgs;
import com.pulumi.github.inputs.GetUserArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.seqera.SeqeraFunctions;
import com.pulumi.seqera.WorkspaceParticipant;
import com.pulumi.seqera.WorkspaceParticipantArgs;
import com.pulumi.seqera.inputs.GetWorkspaceParticipantPlainArgs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Keeps the workspace's members in step with the organization's teams: members of {@code core} and
 * {@code maintainers} become workspace participants, one {@code seqera:index/workspaceParticipant} each,
 * registered at the stack root so that the plan and {@code pulumi preview} list every person.
 *
 * <p>Adopting, not failing: nf-core's program had already added most of them (command:local scripts
 * that took HTTP 409 as success). The provider's create turns a 409 into an error
 * (terraform-provider-seqera v0.30.5 {@code internal/seqera/workspace_participant/resource.go}), so each
 * person is first looked up with the {@code seqera_workspace_participant} data source: someone who is a
 * participant already is imported ({@code org_id/workspace_id/email}, the provider's documented import
 * id) with the role they hold, someone who is not is created, someone whose lookup fails or who has no
 * public e-mail is left out and reported in the outputs. Nothing here can fail a deployment.
 */
public final class WorkspaceParticipants extends ComponentResource {
    public static final String TYPE = "labstacks:megatests:WorkspaceParticipants";
    public static final String CORE_TEAM = "core";
    public static final String MAINTAINERS_TEAM = "maintainers";
    /** The data source's error when nobody in the workspace has the e-mail (data_source.go, v0.30.5). */
    static final String NOT_FOUND = "Participant Not Found";

    /** One person and the role their team gives them in nf-core's program (core wins). */
    record Member(String login, String role) {
    }

    /** What the lookup found for one member. */
    record Lookup(Member member, String email, String liveRole, String status) {
    }

    private final Output<Map<String, Object>> summary;

    public WorkspaceParticipants(String name, WorkspaceParticipantsArgs args, ComponentResourceOptions options) {
        super(TYPE, name, options);
        var orgId = args.orgId();
        var workspaceId = args.workspaceId();
        var teamRoles = args.teamRoles();
        var github = args.github();
        var seqera = args.seqera();
        var invoke = InvokeOptions.builder().provider(github).parent(this).build();
        var lookupOptions = InvokeOptions.builder().provider(seqera).parent(this).build();
        var core = GithubFunctions.getTeam(GetTeamArgs.builder().slug(CORE_TEAM).build(), invoke);
        var maintainers = GithubFunctions.getTeam(GetTeamArgs.builder().slug(MAINTAINERS_TEAM).build(), invoke);

        this.summary = Output.tuple(core, maintainers)
                .applyValue(teams -> roles(teams.t1.members(), teams.t2.members()))
                .apply(members -> Output.all(members.stream()
                        .map(member -> GithubFunctions.getUser(GetUserArgs.builder().username(member.login()).build(), invoke)
                                .apply(user -> lookup(member, user.email(), orgId, workspaceId, lookupOptions)))
                        .toList()))
                .applyValue(found -> {
                    var commands = new TreeMap<String, Object>();
                    var registered = new TreeMap<String, Object>();
                    var withoutEmail = new ArrayList<String>();
                    var lookupFailed = new ArrayList<String>();
                    for (var lookup : found) {
                        var member = lookup.member();
                        // teams: an entry imported on an earlier run is no longer an import (its state keeps the
                        // import id), so its role changes in place; see the README before switching.
                        var role = teamRoles || lookup.liveRole() == null ? member.role() : lookup.liveRole();
                        switch (lookup.status()) {
                            case "NO_EMAIL" -> withoutEmail.add(member.login());
                            case "FAILED" -> lookupFailed.add(member.login());
                            default -> {
                                var existing = lookup.status().equals("EXISTS");
                                // Retained on delete: the engine re-imports an entry it created on an earlier run
                                // once the lookup finds that person (old id differs from the import id: pulumi/pulumi
                                // pkg/resource/deploy/step_generator.go, isImport), and replaces it. Retained, the
                                // replacement never removes the person from the workspace; nf-core's command:local
                                // scripts never removed anyone either.
                                var resourceOptions = CustomResourceOptions.builder().provider(seqera).retainOnDelete(true);
                                if (existing) {
                                    // Not this project's to remove: someone who leaves the teams stays a
                                    // participant until an admin unprotects and removes them deliberately.
                                    resourceOptions.importId(orgId + "/" + workspaceId + "/" + lookup.email())
                                            .protect(true);
                                }
                                // At the stack root, as nf-core's team_sync_* commands were.
                                new WorkspaceParticipant(resourceName(member.login()), WorkspaceParticipantArgs.builder()
                                        .orgId((double) orgId)
                                        .workspaceId((double) workspaceId)
                                        .email(lookup.email())
                                        .role(role)
                                        .build(), resourceOptions.build());
                                registered.put(member.login(), role);
                            }
                        }
                        // parse_member_status.py (nf-core/ops scripts) reads STATUS:<status>:<email>:<ROLE>; the
                        // e-mail is withheld: outputs are readable by everyone with stack access.
                        commands.put(member.login(), labstacks.shared.program.OrderedMap.of(
                                "command_id", lookup.status().equals("EXISTS") || lookup.status().equals("ADDED")
                                        ? resourceName(member.login()) : "",
                                "status", "STATUS:" + lookup.status() + ":email-withheld:" + role.toUpperCase(Locale.ROOT),
                                "github_username", member.login()));
                    }
                    var result = new LinkedHashMap<String, Object>();
                    // The Python program's keys and shapes (nf-core/ops main, __main__.py).
                    result.put("setup_command_id", "");
                    result.put("setup_status", "team data read through the GitHub provider; no setup command");
                    result.put("individual_member_commands", commands);
                    result.put("total_tracked_members", commands.size());
                    result.put("workspace_id", Long.toString(workspaceId));
                    result.put("note", "seqera:index/workspaceParticipant per team member; existing participants imported");
                    result.put("privacy", "E-mails are read at deploy time and never exported");
                    result.put("todo", "");
                    // New information under new keys.
                    result.put("members", registered);
                    result.put("total", registered.size());
                    result.put("skipped_without_public_email", List.copyOf(withoutEmail));
                    result.put("skipped_lookup_failed", List.copyOf(lookupFailed));
                    result.put("role_source", teamRoles ? "teams" : "original");
                    return (Map<String, Object>) result;
                });
        registerOutputs(Map.of("summary", summary));
    }

    static String resourceName(String login) {
        return "participant-" + login.toLowerCase(Locale.ROOT);
    }

    /** Whether the workspace has the member already; a failed lookup is reported, never thrown. */
    private static Output<Lookup> lookup(Member member, String email, long orgId, long workspaceId,
                                         InvokeOptions options) {
        if (email == null || email.isBlank()) {
            return Output.of(new Lookup(member, "", null, "NO_EMAIL"));
        }
        var future = SeqeraFunctions.getWorkspaceParticipantPlain(GetWorkspaceParticipantPlainArgs.builder()
                        .email(email).orgId((double) orgId).workspaceId((double) workspaceId).build(), options)
                .handle((participant, error) -> {
                    if (error == null) {
                        return new Lookup(member, email, participant.role(), "EXISTS");
                    }
                    return describes(error, NOT_FOUND)
                            ? new Lookup(member, email, null, "ADDED")
                            : new Lookup(member, email, null, "FAILED");
                });
        return Output.of(future);
    }

    private static boolean describes(Throwable error, String text) {
        for (var current = error; current != null; current = current.getCause()) {
            if (current.getMessage() != null && current.getMessage().contains(text)) {
                return true;
            }
        }
        return false;
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
