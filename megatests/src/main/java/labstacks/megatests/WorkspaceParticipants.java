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
import com.pulumi.seqera.inputs.GetOrganizationMemberPlainArgs;
import com.pulumi.seqera.inputs.GetWorkspaceParticipantPlainArgs;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import labstacks.shared.program.OrderedMap;

/**
 * Keeps the workspace's members in step with the organization's teams: members of {@code core} and
 * {@code maintainers} become workspace participants, one {@code seqera:index/workspaceParticipant} each,
 * registered at the stack root so that the plan and {@code pulumi preview} list every person.
 *
 * <p>Adopting, never wedging: nf-core's program had already added most of them (command:local scripts
 * that took HTTP 409 as success and skipped a 404). The provider's create turns both into errors
 * (terraform-provider-seqera v0.30.5 {@code internal/seqera/workspace_participant/resource.go}), so each
 * person is first looked up with the {@code seqera_workspace_participant} data source, by the e-mail
 * {@code megatests:importIds participant.<login>} gives or else their public GitHub e-mail, and again in
 * lower case when that differs (the data source matches e-mails exactly,
 * {@code workspace_participant_data/data_source.go}):
 * <ul>
 *   <li>a participant already: imported ({@code org_id/workspace_id/email}, the provider's documented
 *       import id) with the role they hold;</li>
 *   <li>not a participant but a member of the organization ({@code seqera_organization_member}, again
 *       exact then lower case): created;</li>
 *   <li>no Seqera account in the organization, or no public e-mail: left out with a warning, as nf-core's
 *       scripts skipped them (STATUS:USER_NOT_FOUND);</li>
 *   <li>any other lookup failure: the deployment fails with an error naming the team and the e-mail,
 *       before anything changes. Dropping the person silently would delete their state entry.</li>
 * </ul>
 * No participant is protected: they are retained on delete instead, so someone who leaves the teams,
 * hides their e-mail or changes it only leaves the state, never the workspace, and no preview or drift
 * check fails on a protected delete.
 */
public final class WorkspaceParticipants extends ComponentResource {
    public static final String TYPE = "labstacks:megatests:WorkspaceParticipants";
    public static final String CORE_TEAM = "core";
    public static final String MAINTAINERS_TEAM = "maintainers";

    /** The data source's error when nobody in the workspace has the e-mail (data_source.go, v0.30.5). */
    static final String NOT_FOUND = "Participant Not Found";

    /** seqera_organization_member's error when no member of the organization has the e-mail (v0.30.5). */
    static final String MEMBER_NOT_FOUND = "Member Not Found";

    /** One person, the role their team gives them in nf-core's program, and that team (core wins). */
    record Member(String login, String role, String team) {
        Member(String login, String role) {
            this(login, role, role.equals("owner") ? CORE_TEAM : MAINTAINERS_TEAM);
        }
    }

    /** What the lookup found for one member. */
    record Lookup(Member member, String email, String liveRole, String status) {}

    private final Output<Map<String, Object>> summary;

    public WorkspaceParticipants(
            String name, WorkspaceParticipantsArgs args, ComponentResourceOptions options) {
        super(TYPE, name, options);
        var orgId = args.orgId();
        var workspaceId = args.workspaceId();
        var teamRoles = args.teamRoles();
        var github = args.github();
        var seqera = args.seqera();
        var invoke = InvokeOptions.builder().provider(github).parent(this).build();
        var lookupOptions = InvokeOptions.builder().provider(seqera).parent(this).build();
        var core = GithubFunctions.getTeam(GetTeamArgs.builder().slug(CORE_TEAM).build(), invoke);
        var maintainers =
                GithubFunctions.getTeam(
                        GetTeamArgs.builder().slug(MAINTAINERS_TEAM).build(), invoke);

        this.summary =
                Output.tuple(core, maintainers)
                        .applyValue(teams -> roles(teams.t1.members(), teams.t2.members()))
                        .apply(
                                members ->
                                        Output.all(
                                                members.stream()
                                                        .map(
                                                                member ->
                                                                        GithubFunctions.getUser(
                                                                                        GetUserArgs
                                                                                                .builder()
                                                                                                .username(
                                                                                                        member
                                                                                                                .login())
                                                                                                .build(),
                                                                                        invoke)
                                                                                .apply(
                                                                                        user ->
                                                                                                args.liveIds()
                                                                                                        .participantEmail(
                                                                                                                member
                                                                                                                        .login())
                                                                                                        .map(
                                                                                                                email ->
                                                                                                                        known(
                                                                                                                                member,
                                                                                                                                email,
                                                                                                                                orgId,
                                                                                                                                workspaceId,
                                                                                                                                lookupOptions))
                                                                                                        .orElseGet(
                                                                                                                () ->
                                                                                                                        lookup(
                                                                                                                                member,
                                                                                                                                user
                                                                                                                                        .email(),
                                                                                                                                orgId,
                                                                                                                                workspaceId,
                                                                                                                                lookupOptions))))
                                                        .toList()))
                        .applyValue(
                                found -> {
                                    var commands = new TreeMap<String, Object>();
                                    var registered = new TreeMap<String, Object>();
                                    var withoutEmail = new ArrayList<String>();
                                    var withoutAccount = new ArrayList<String>();
                                    for (var lookup : found) {
                                        var member = lookup.member();
                                        // teams: an entry imported on an earlier run is no longer
                                        // an import (its state keeps the
                                        // import id), so its role changes in place; see the README
                                        // before switching.
                                        var role =
                                                teamRoles || lookup.liveRole() == null
                                                        ? member.role()
                                                        : lookup.liveRole();
                                        switch (lookup.status()) {
                                            case "NO_EMAIL" -> {
                                                withoutEmail.add(member.login());
                                                args.warnings()
                                                        .accept(
                                                                "workspace participants: "
                                                                        + member.login()
                                                                        + " (team "
                                                                        + member.team()
                                                                        + ") has no public e-mail on GitHub: left out; set "
                                                                        + LiveIds.SETTING
                                                                        + " participant."
                                                                        + member.login()
                                                                        + " to the e-mail Seqera knows them by");
                                            }
                                            case "USER_NOT_FOUND" -> {
                                                withoutAccount.add(member.login());
                                                args.warnings()
                                                        .accept(
                                                                "workspace participants: "
                                                                        + member.login()
                                                                        + " (team "
                                                                        + member.team()
                                                                        + ") has no Seqera account in the organization under their"
                                                                        + " e-mail: left out, as nf-core's scripts did; set "
                                                                        + LiveIds.SETTING
                                                                        + " participant."
                                                                        + member.login()
                                                                        + " if Seqera knows them by another e-mail");
                                            }
                                            default -> {
                                                var existing = lookup.status().equals("EXISTS");
                                                // Retained on delete, never protected: the engine
                                                // re-imports an entry it created on
                                                // an earlier run once the lookup finds that person
                                                // (old id differs from the import id:
                                                // pulumi/pulumi
                                                // pkg/resource/deploy/step_generator.go, isImport),
                                                // and replaces it; and
                                                // someone who leaves the teams is dropped from the
                                                // state. Retained, neither removes
                                                // the person from the workspace (nf-core's scripts
                                                // never removed anyone either), and
                                                // unprotected, neither fails a preview, an up or
                                                // the drift check.
                                                var resourceOptions =
                                                        CustomResourceOptions.builder()
                                                                .provider(seqera)
                                                                .retainOnDelete(true);
                                                if (existing) {
                                                    resourceOptions.importId(
                                                            orgId
                                                                    + "/"
                                                                    + workspaceId
                                                                    + "/"
                                                                    + lookup.email());
                                                }
                                                // At the stack root, as nf-core's team_sync_*
                                                // commands were.
                                                new WorkspaceParticipant(
                                                        resourceName(member.login()),
                                                        WorkspaceParticipantArgs.builder()
                                                                .orgId((double) orgId)
                                                                .workspaceId((double) workspaceId)
                                                                .email(lookup.email())
                                                                .role(role)
                                                                .build(),
                                                        resourceOptions.build());
                                                registered.put(member.login(), role);
                                            }
                                        }
                                        // parse_member_status.py (nf-core/ops scripts) reads
                                        // STATUS:<status>:<email>:<ROLE>; the
                                        // e-mail is withheld: outputs are readable by everyone with
                                        // stack access.
                                        commands.put(
                                                member.login(),
                                                OrderedMap.of(
                                                        "command_id",
                                                        lookup.status().equals("EXISTS")
                                                                        || lookup.status()
                                                                                .equals("ADDED")
                                                                ? resourceName(member.login())
                                                                : "",
                                                        "status",
                                                        "STATUS:"
                                                                + lookup.status()
                                                                + ":email-withheld:"
                                                                + role.toUpperCase(Locale.ROOT),
                                                        "github_username",
                                                        member.login()));
                                    }
                                    var result = new LinkedHashMap<String, Object>();
                                    // The Python program's keys and shapes (nf-core/ops main,
                                    // __main__.py).
                                    result.put("setup_command_id", "");
                                    result.put(
                                            "setup_status",
                                            "team data read through the GitHub provider; no setup command");
                                    result.put("individual_member_commands", commands);
                                    result.put("total_tracked_members", commands.size());
                                    result.put("workspace_id", Long.toString(workspaceId));
                                    result.put(
                                            "note",
                                            "seqera:index/workspaceParticipant per team member; existing participants imported");
                                    result.put(
                                            "privacy",
                                            "E-mails are read at deploy time and never exported");
                                    result.put("todo", "");
                                    // New information under new keys.
                                    result.put("members", registered);
                                    result.put("total", registered.size());
                                    result.put(
                                            "skipped_without_public_email",
                                            List.copyOf(withoutEmail));
                                    result.put(
                                            "skipped_without_seqera_account",
                                            List.copyOf(withoutAccount));
                                    result.put("role_source", teamRoles ? "teams" : "original");
                                    return (Map<String, Object>) result;
                                });
        registerOutputs(Map.of("summary", summary));
    }

    static String resourceName(String login) {
        return "participant-" + login.toLowerCase(Locale.ROOT);
    }

    /**
     * Whether the workspace has the member already (exact e-mail, then lower case), else whether the
     * organization does; any other failure of a lookup fails the deployment, naming the team and e-mail.
     */
    private static Output<Lookup> lookup(
            Member member, String email, long orgId, long workspaceId, InvokeOptions options) {
        if (email == null || email.isBlank()) {
            return Output.of(new Lookup(member, "", null, "NO_EMAIL"));
        }
        var spellings =
                email.equals(email.toLowerCase(Locale.ROOT))
                        ? List.of(email)
                        : List.of(email, email.toLowerCase(Locale.ROOT));
        var future =
                participant(member, spellings, 0, orgId, workspaceId, options)
                        .thenCompose(
                                found ->
                                        found != null
                                                ? CompletableFuture.completedFuture(found)
                                                : organizationMember(
                                                        member, spellings, 0, orgId, options));
        return Output.of(future);
    }

    /**
     * A member whose Seqera e-mail the settings give: imported under it, with the role the workspace
     * holds when the lookup finds it (their team's otherwise; the import then fails loudly if they are
     * not there after all).
     */
    private static Output<Lookup> known(
            Member member, String email, long orgId, long workspaceId, InvokeOptions options) {
        return Output.of(
                participant(member, List.of(email), 0, orgId, workspaceId, options)
                        .thenApply(
                                found ->
                                        found != null
                                                ? found
                                                : new Lookup(member, email, null, "EXISTS")));
    }

    private static CompletableFuture<Lookup> participant(
            Member member,
            List<String> spellings,
            int index,
            long orgId,
            long workspaceId,
            InvokeOptions options) {
        if (index == spellings.size()) {
            return CompletableFuture.completedFuture(null);
        }
        var email = spellings.get(index);
        return SeqeraFunctions.getWorkspaceParticipantPlain(
                        GetWorkspaceParticipantPlainArgs.builder()
                                .email(email)
                                .orgId((double) orgId)
                                .workspaceId((double) workspaceId)
                                .build(),
                        options)
                .handle(
                        (participant, error) -> {
                            if (error == null) {
                                return CompletableFuture.completedFuture(
                                        new Lookup(member, email, participant.role(), "EXISTS"));
                            }
                            if (!describes(error, NOT_FOUND)) {
                                throw failed(member, email, "workspace participant", error);
                            }
                            return participant(
                                    member, spellings, index + 1, orgId, workspaceId, options);
                        })
                .thenCompose(next -> next);
    }

    private static CompletableFuture<Lookup> organizationMember(
            Member member, List<String> spellings, int index, long orgId, InvokeOptions options) {
        if (index == spellings.size()) {
            return CompletableFuture.completedFuture(
                    new Lookup(member, spellings.get(0), null, "USER_NOT_FOUND"));
        }
        var email = spellings.get(index);
        return SeqeraFunctions.getOrganizationMemberPlain(
                        GetOrganizationMemberPlainArgs.builder()
                                .email(email)
                                .orgId((double) orgId)
                                .build(),
                        options)
                .handle(
                        (found, error) -> {
                            if (error == null) {
                                // Created with the e-mail the organization knows them by.
                                return CompletableFuture.completedFuture(
                                        new Lookup(
                                                member,
                                                found.email() == null ? email : found.email(),
                                                null,
                                                "ADDED"));
                            }
                            if (!describes(error, MEMBER_NOT_FOUND)) {
                                throw failed(member, email, "organization member", error);
                            }
                            return organizationMember(member, spellings, index + 1, orgId, options);
                        })
                .thenCompose(next -> next);
    }

    /** A lookup that neither found nor ruled out the person: the deployment stops, saying who and why. */
    private static IllegalStateException failed(
            Member member, String email, String what, Throwable error) {
        var cause = error;
        while (cause.getCause() != null
                && (cause instanceof CompletionException || cause instanceof ExecutionException)) {
            cause = cause.getCause();
        }
        return new IllegalStateException(
                "workspace participants: the Seqera "
                        + what
                        + " lookup of "
                        + email
                        + " (GitHub user "
                        + member.login()
                        + ", team "
                        + member.team()
                        + ") failed: "
                        + cause.getMessage()
                        + "; nothing was changed. Run again once Seqera answers; if Seqera knows them by another e-mail, set "
                        + LiveIds.SETTING
                        + " participant."
                        + member.login());
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
        (maintainers == null ? List.<String>of() : maintainers)
                .forEach(login -> roles.put(login, "maintain"));
        (core == null ? List.<String>of() : core).forEach(login -> roles.put(login, "owner"));
        return roles.entrySet().stream()
                .map(
                        e ->
                                new Member(
                                        e.getKey(),
                                        e.getValue(),
                                        e.getValue().equals("owner")
                                                ? CORE_TEAM
                                                : MAINTAINERS_TEAM))
                .toList();
    }

    public Output<Map<String, Object>> summary() {
        return summary;
    }
}
