package labstacks.moderate;

import static labstacks.moderate.ComponentRuns.NAMESPACE;
import static labstacks.moderate.ComponentRuns.model;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pulumi.resources.ComponentResourceOptions;
import io.kubernetes.client.openapi.models.V1Role;
import io.kubernetes.client.openapi.models.V1RoleBinding;
import io.kubernetes.client.openapi.models.V1ServiceAccount;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Dagster's one identity may launch and watch Jobs in its namespace and nothing else. */
class DagsterRbacTest {

    @Test
    void theAccountIsBoundToARoleLimitedToJobsPodsAndEventsOfItsNamespace() {
        var run =
                ComponentRuns.run(
                        "rbac",
                        k8s ->
                                new DagsterRbac(
                                        "dagster-rbac",
                                        new DagsterRbac.Args(NAMESPACE, k8s),
                                        ComponentResourceOptions.Empty));
        var account =
                model(run, "kubernetes:core/v1:ServiceAccount", "dagster", V1ServiceAccount.class);
        assertEquals(NAMESPACE, account.getMetadata().getNamespace());
        // The run launcher and the matrix-profile jobs call the API with it.
        assertEquals(true, account.getAutomountServiceAccountToken());

        var role =
                model(
                        run,
                        "kubernetes:rbac.authorization.k8s.io/v1:Role",
                        DagsterRbac.ROLE,
                        V1Role.class);
        assertEquals(NAMESPACE, role.getMetadata().getNamespace());
        var rules =
                role.getRules().stream()
                        .map(r -> r.getApiGroups() + " " + r.getResources() + " " + r.getVerbs())
                        .toList();
        assertEquals(
                List.of(
                        "[batch] [jobs] [create, delete, get, list, watch]",
                        "[batch] [jobs/status] [get]",
                        "[] [pods] [get, list, watch]",
                        "[] [pods/log] [get]",
                        "[] [events] [get, list, watch]"),
                rules);
        assertTrue(
                role.getRules().stream()
                        .noneMatch(
                                r ->
                                        r.getVerbs().contains("*")
                                                || r.getResources().contains("*")
                                                || r.getResources().contains("secrets")),
                "no wildcard, no Secrets");

        var binding =
                model(
                        run,
                        "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding",
                        DagsterRbac.ROLE,
                        V1RoleBinding.class);
        assertEquals("Role", binding.getRoleRef().getKind());
        assertEquals(DagsterRbac.ROLE, binding.getRoleRef().getName());
        assertEquals("ServiceAccount", binding.getSubjects().get(0).getKind());
        assertEquals("dagster", binding.getSubjects().get(0).getName());
        assertEquals(NAMESPACE, binding.getSubjects().get(0).getNamespace());
        assertEquals(
                List.of("dagster", DagsterRbac.ROLE),
                run.resource(
                                "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding",
                                DagsterRbac.ROLE)
                        .dependsOn(),
                "the binding waits for the account and the Role it names");
    }
}
