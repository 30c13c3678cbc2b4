package labstacks.megatests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import java.util.List;
import java.util.Map;
import labstacks.offline.testing.ProgramHarness;
import labstacks.offline.testing.StackRun;
import labstacks.shared.providers.GitHubAccess;
import labstacks.shared.providers.GitHubProviders;
import labstacks.shared.providers.SeqeraAccess;
import labstacks.shared.providers.SeqeraProviders;
import org.junit.jupiter.api.Test;

class WorkspaceParticipantsTest {
    private static final String TYPE = "seqera:index/workspaceParticipant:WorkspaceParticipant";

    /**
     * core: ann and ben; maintainers: ben, cat, dan. ann (owner) and cat (launch) are participants already,
     * ben is not but is a member of the organization, dan has no public e-mail.
     */
    private static ProgramHarness harness(boolean teamRoles) {
        return ProgramHarness.component(
                        "participants",
                        stack -> {
                            var github =
                                    GitHubProviders.create(
                                            "github",
                                            new GitHubAccess("acme", Output.ofSecret("g")));
                            var seqera =
                                    SeqeraProviders.create(
                                            "seqera",
                                            new SeqeraAccess(
                                                    "https://api.example.org",
                                                    Output.ofSecret("t")));
                            var participants =
                                    new WorkspaceParticipants(
                                            "workspace-participants",
                                            WorkspaceParticipantsArgs.builder()
                                                    .orgId(11L)
                                                    .workspaceId(22L)
                                                    .teamRoles(teamRoles)
                                                    .github(github)
                                                    .seqera(seqera)
                                                    .warnings(stack::warn)
                                                    .build(),
                                            ComponentResourceOptions.Empty);
                            stack.pulumi().export("summary", participants.summary());
                        })
                .function(
                        "github:index/getTeam:getTeam",
                        args ->
                                Map.of(
                                        "id",
                                        "1",
                                        "slug",
                                        args.get("slug"),
                                        "members",
                                        args.get("slug").equals(WorkspaceParticipants.CORE_TEAM)
                                                ? List.of("ann", "ben")
                                                : List.of("ben", "cat", "dan")))
                .function(
                        "github:index/getUser:getUser",
                        args -> {
                            var login = (String) args.get("username");
                            return login.equals("dan")
                                    ? Map.of("id", "4", "login", login)
                                    : Map.of(
                                            "id",
                                            "1",
                                            "login",
                                            login,
                                            "email",
                                            login + "@example.org");
                        })
                .function(
                        "seqera:index/getWorkspaceParticipant:getWorkspaceParticipant",
                        args -> {
                            var role =
                                    Map.of("ann@example.org", "owner", "cat@example.org", "launch")
                                            .get((String) args.get("email"));
                            if (role == null) {
                                throw new IllegalStateException(
                                        WorkspaceParticipants.NOT_FOUND
                                                + ": No workspace participant found");
                            }
                            return Map.of(
                                    "email",
                                    args.get("email"),
                                    "orgId",
                                    args.get("orgId"),
                                    "workspaceId",
                                    args.get("workspaceId"),
                                    "role",
                                    role);
                        })
                .function(
                        "seqera:index/getOrganizationMember:getOrganizationMember",
                        args -> {
                            if (!List.of("ann@example.org", "ben@example.org", "cat@example.org")
                                    .contains((String) args.get("email"))) {
                                throw new IllegalStateException(
                                        WorkspaceParticipants.MEMBER_NOT_FOUND
                                                + ": No organization member found");
                            }
                            return Map.of(
                                    "id",
                                    "m",
                                    "email",
                                    args.get("email"),
                                    "orgId",
                                    args.get("orgId"));
                        });
    }

    private static StackRun run(boolean teamRoles) {
        return harness(teamRoles).run().assertSucceeded();
    }

    @Test
    void someoneAlreadyInTheWorkspaceIsImportedUnprotectedRetainedAndKeepsTheirRole() {
        var cat = run(false).resource(TYPE, "participant-cat");
        // Import id org_id/workspace_id/email: terraform-provider-seqera v0.30.5
        // docs/resources/workspace_participant.md.
        assertEquals("11/22/cat@example.org", cat.importId());
        assertFalse(
                cat.protect(),
                "protected, a member who leaves would fail every preview, up and drift check");
        assertTrue(cat.retainOnDelete(), "dropped from the state, never from the workspace");
        assertEquals("launch", cat.inputs().get("role"));
        assertEquals(11L, ((Number) cat.inputs().get("orgId")).longValue());
        assertEquals(22L, ((Number) cat.inputs().get("workspaceId")).longValue());
        assertEquals("seqera", cat.provider());
    }

    @Test
    void someoneNewIsCreatedWithTheirTeamsRoleAndRetainedOnDelete() {
        var ben = run(false).resource(TYPE, "participant-ben");
        assertNull(ben.importId());
        assertFalse(ben.protect());
        assertTrue(
                ben.retainOnDelete(), "a later re-import replaces the entry; the person must stay");
        assertEquals("owner", ben.inputs().get("role"), "core wins over maintainers");
        assertEquals("ben@example.org", ben.inputs().get("email"));
    }

    @Test
    void teamRolesOverrideTheRoleSomeoneHolds() {
        assertEquals("maintain", run(true).resource(TYPE, "participant-cat").inputs().get("role"));
        assertEquals("launch", run(false).resource(TYPE, "participant-cat").inputs().get("role"));
    }

    @Test
    void participantsSitAtTheStackRootSoThePlanListsEachPerson() {
        var run = run(false);
        var participants = run.resources(TYPE);
        assertEquals(
                List.of("participant-ann", "participant-ben", "participant-cat"),
                participants.stream().map(p -> p.name()).sorted().toList());
        assertTrue(
                participants.stream()
                        .allMatch(p -> p.parentUrn().contains("::pulumi:pulumi:Stack::")));
    }

    /** The keys nf-core/ops scripts/parse_member_status.py reads (STATUS:<status>:<email>:<ROLE>), e-mails withheld. */
    @Test
    void theSummaryReportsEveryMemberWithoutTheirEmail() {
        @SuppressWarnings("unchecked")
        var summary = (Map<String, Object>) run(false).output("summary");
        @SuppressWarnings("unchecked")
        var commands = (Map<String, Map<String, Object>>) summary.get("individual_member_commands");
        assertEquals("STATUS:EXISTS:email-withheld:OWNER", commands.get("ann").get("status"));
        assertEquals("STATUS:ADDED:email-withheld:OWNER", commands.get("ben").get("status"));
        assertEquals("STATUS:NO_EMAIL:email-withheld:MAINTAIN", commands.get("dan").get("status"));
        assertEquals("", commands.get("dan").get("command_id"));
        assertEquals("participant-ben", commands.get("ben").get("command_id"));
        assertEquals(
                Map.of("ann", "owner", "ben", "owner", "cat", "launch"), summary.get("members"));
        assertEquals(List.of("dan"), summary.get("skipped_without_public_email"));
        assertEquals("22", summary.get("workspace_id"));
        assertEquals("original", summary.get("role_source"));
        assertFalse(summary.toString().contains("@example.org"));
    }

    @Test
    void aLookupThatFailsIsAnErrorNamingTheTeamAndTheEmail() {
        var run =
                harness(false)
                        .function(
                                "seqera:index/getWorkspaceParticipant:getWorkspaceParticipant",
                                args -> {
                                    throw new IllegalStateException(
                                            "Unexpected API response: Status code: 403");
                                })
                        .run();
        assertFalse(run.plan().succeeded(), "a silent drop would delete state entries");
        var errors = String.join("\n", run.plan().errors());
        assertTrue(
                errors.contains("the Seqera workspace participant lookup of ")
                        && errors.contains("@example.org"),
                errors);
        assertTrue(errors.contains("team core") || errors.contains("team maintainers"), errors);
        assertTrue(errors.contains("Status code: 403"), errors);
    }

    @Test
    void anEmailInAnotherCaseIsFoundAndSomeoneWithoutAnAccountIsSkippedWithAWarning() {
        var run =
                harness(false)
                        .function(
                                "github:index/getUser:getUser",
                                args -> {
                                    var login = (String) args.get("username");
                                    return switch (login) {
                                        case "cat" ->
                                                Map.of(
                                                        "id",
                                                        "3",
                                                        "login",
                                                        login,
                                                        "email",
                                                        "Cat@Example.org");
                                        case "dan" ->
                                                Map.of(
                                                        "id",
                                                        "4",
                                                        "login",
                                                        login,
                                                        "email",
                                                        "dan@elsewhere.org");
                                        default ->
                                                Map.of(
                                                        "id",
                                                        "1",
                                                        "login",
                                                        login,
                                                        "email",
                                                        login + "@example.org");
                                    };
                                })
                        .run()
                        .assertSucceeded();
        var cat = run.resource(TYPE, "participant-cat");
        assertEquals(
                "11/22/cat@example.org",
                cat.importId(),
                "found under the lower-case spelling, imported, never a 409");
        assertTrue(
                run.resources(TYPE).stream().noneMatch(p -> p.name().equals("participant-dan")),
                "no Seqera account: a create would fail with 404");
        assertTrue(
                run.plan().warnings().stream()
                        .anyMatch(w -> w.contains("dan (team maintainers) has no Seqera account")),
                run.plan().warnings().toString());
        @SuppressWarnings("unchecked")
        var summary = (Map<String, Object>) run.output("summary");
        assertEquals(List.of("dan"), summary.get("skipped_without_seqera_account"));
    }

    @Test
    void anEmailFromTheSettingsIsUsedForTheLookupAndTheImport() {
        var run =
                ProgramHarness.component(
                                "participants",
                                stack -> {
                                    var github =
                                            GitHubProviders.create(
                                                    "github",
                                                    new GitHubAccess("acme", Output.ofSecret("g")));
                                    var seqera =
                                            SeqeraProviders.create(
                                                    "seqera",
                                                    new SeqeraAccess(
                                                            "https://api.example.org",
                                                            Output.ofSecret("t")));
                                    new WorkspaceParticipants(
                                            "workspace-participants",
                                            WorkspaceParticipantsArgs.builder()
                                                    .orgId(11L)
                                                    .workspaceId(22L)
                                                    .github(github)
                                                    .seqera(seqera)
                                                    .liveIds(
                                                            new LiveIds(
                                                                    Map.of(
                                                                            "participant.dan",
                                                                            "daniel@example.org")))
                                                    .warnings(stack::warn)
                                                    .build(),
                                            ComponentResourceOptions.Empty);
                                })
                        .function(
                                "github:index/getTeam:getTeam",
                                args ->
                                        Map.of(
                                                "id",
                                                "1",
                                                "slug",
                                                args.get("slug"),
                                                "members",
                                                args.get("slug")
                                                                .equals(
                                                                        WorkspaceParticipants
                                                                                .CORE_TEAM)
                                                        ? List.of()
                                                        : List.of("dan")))
                        .function(
                                "github:index/getUser:getUser",
                                args -> Map.of("id", "4", "login", args.get("username")))
                        .function(
                                "seqera:index/getWorkspaceParticipant:getWorkspaceParticipant",
                                args -> {
                                    assertEquals("daniel@example.org", args.get("email"));
                                    return Map.of(
                                            "email",
                                            args.get("email"),
                                            "orgId",
                                            11,
                                            "workspaceId",
                                            22,
                                            "role",
                                            "maintain");
                                })
                        .run()
                        .assertSucceeded();
        assertEquals("11/22/daniel@example.org", run.resource(TYPE, "participant-dan").importId());
    }
}
