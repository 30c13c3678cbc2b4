package labstacks.moderate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import labstacks.moderate.ChartContract.ObjectRef;
import labstacks.moderate.ChartContract.Values;
import labstacks.offline.plan.PlanValues;
import labstacks.offline.plan.PlannedResource;
import labstacks.offline.testing.StackRun;
import labstacks.shared.config.StackConfigException;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The stack against each chart's contract (facts in {@link ChartContracts}): no object both create, every
 * Secret, key and ServiceAccount the chart's pods name exists, the chart binds no Role of its own to the
 * stack's ServiceAccount, and every value key set exists in the chart. Each check is shown to fail on the
 * mistake it exists for.
 */
class ChartContractTest {

    private static StackRun run(String stack) {
        return stack.equals("moderate-local")
                ? ModerateProgramTest.localRun()
                : ModerateProgramTest.prodRun();
    }

    @SuppressWarnings("unchecked")
    static Values values(StackRun run, String release) {
        return new Values(
                (Map<String, Object>)
                        PlanValues.reveal(
                                run.resource("kubernetes:helm.sh/v3:Release", release)
                                        .inputs()
                                        .get("values")));
    }

    /** Every Kubernetes object the stack itself creates, with the data keys of its Secrets. */
    static Map<ObjectRef, Set<String>> stackObjects(StackRun run) {
        var objects = new LinkedHashMap<ObjectRef, Set<String>>();
        for (PlannedResource resource : run.resources()) {
            if (!resource.custom()
                    || !resource.type().startsWith("kubernetes:")
                    || resource.type().startsWith("kubernetes:helm.sh/")
                    || resource.input("metadata.name") == null) {
                continue;
            }
            var kind = resource.type().substring(resource.type().lastIndexOf(':') + 1);
            var keys = new TreeSet<String>();
            for (var field : List.of("stringData", "data")) {
                if (PlanValues.reveal(resource.inputs().get(field)) instanceof Map<?, ?> data) {
                    data.keySet().forEach(k -> keys.add(k.toString()));
                }
            }
            objects.put(new ObjectRef(kind, resource.input("metadata.name").toString()), keys);
        }
        return objects;
    }

    private static List<String> violations(
            StackRun run,
            ChartContract contract,
            Values values,
            Map<ObjectRef, Set<String>> stack) {
        var other =
                contract.chart().equals(HelmCharts.DAGSTER_CHART)
                        ? ChartContracts.openMetadata()
                        : ChartContracts.dagster();
        var otherValues = values(run, other.release());
        return contract.violations(
                values, stack, new HashSet<>(other.rendered().apply(otherValues)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"moderate-local", "moderate-prod"})
    void bothReleasesKeepTheirContracts(String stack) {
        var run = run(stack);
        for (var contract : List.of(ChartContracts.dagster(), ChartContracts.openMetadata())) {
            assertEquals(
                    List.of(),
                    violations(run, contract, values(run, contract.release()), stackObjects(run)),
                    stack + " " + contract.chart());
        }
    }

    @Test
    void theFactsSeeWhatTheReleasesRender() {
        // Guards the facts themselves: with the stack's values the charts render these, and no
        // more.
        var run = run("moderate-local");
        var dagster =
                ChartContracts.dagster().rendered().apply(values(run, "dagster")).stream()
                        .map(ObjectRef::toString)
                        .toList();
        assertTrue(
                dagster.containsAll(
                        List.of(
                                "Deployment dagster-dagster-webserver",
                                "Service dagster-dagster-webserver",
                                "Deployment dagster-daemon",
                                "ConfigMap dagster-instance",
                                "Deployment dagster-dagster-user-deployments-moderate",
                                "Service moderate")),
                dagster.toString());
        assertTrue(
                dagster.stream()
                        .noneMatch(
                                o ->
                                        o.startsWith("ServiceAccount")
                                                || o.startsWith("Role")
                                                || o.startsWith("Secret")),
                dagster.toString());
        var openMetadata =
                ChartContracts.openMetadata().rendered().apply(values(run, "openmetadata")).stream()
                        .map(ObjectRef::toString)
                        .toList();
        assertTrue(
                openMetadata.containsAll(
                        List.of(
                                "Deployment openmetadata",
                                "Service openmetadata",
                                "ServiceAccount openmetadata",
                                "Secret openmetadata-db-secret",
                                "Secret openmetadata-authentication-secret")));
        assertFalse(
                openMetadata.contains("Secret openmetadata-fernetkey-secret"),
                "the fernet key comes from the stack's Secret");
        assertFalse(openMetadata.contains("Secret openmetadata-pipeline-secret"), "no Airflow");
    }

    @Test
    void aChartServiceAccountThatCollidesWithTheStacksFails() {
        // The install failure of issue 13: serviceAccount.create left at its default true.
        var run = run("moderate-local");
        var values = values(run, "dagster").with("serviceAccount.create", null);
        var problems = violations(run, ChartContracts.dagster(), values, stackObjects(run));
        assertEquals(
                List.of(
                        "dagster 1.12.8 (release dagster) renders ServiceAccount dagster, which the stack also creates:"
                                + " Helm refuses to adopt it"),
                problems);
    }

    @Test
    void theSubchartsOwnRbacOnTheStacksServiceAccountFails() {
        var run = run("moderate-local");
        var values = values(run, "dagster").with("dagster-user-deployments.rbacEnabled", null);
        var problems = violations(run, ChartContracts.dagster(), values, stackObjects(run));
        assertEquals(
                List.of(
                        "dagster 1.12.8 (release dagster) binds its own Role to the stack's ServiceAccount dagster:"
                                + " the stack's narrower Role is not what applies"),
                problems);
    }

    @Test
    void aMissingReferencedSecretOrKeyFails() {
        var run = run("moderate-prod");
        var stack = stackObjects(run);
        var withoutSecret = new LinkedHashMap<>(stack);
        withoutSecret.remove(new ObjectRef("Secret", "openmetadata-postgres-secrets"));
        assertEquals(
                List.of(
                        "openmetadata 1.5.4 (release openmetadata): DB_USER_PASSWORD needs Secret"
                                + " openmetadata-postgres-secrets, which nothing creates"),
                violations(
                        run,
                        ChartContracts.openMetadata(),
                        values(run, "openmetadata"),
                        withoutSecret));

        var wrongKey = new LinkedHashMap<>(stack);
        wrongKey.put(new ObjectRef("Secret", "dagster-postgresql-secret"), Set.of("password"));
        assertEquals(
                List.of(
                        "dagster 1.12.8 (release dagster): DAGSTER_PG_PASSWORD reads key postgresql-password of"
                                + " Secret dagster-postgresql-secret, which has only [password]"),
                violations(run, ChartContracts.dagster(), values(run, "dagster"), wrongKey));

        var withoutEnvSecret = new LinkedHashMap<>(stack);
        withoutEnvSecret.remove(new ObjectRef("Secret", "dagster-secrets"));
        assertTrue(
                violations(run, ChartContracts.dagster(), values(run, "dagster"), withoutEnvSecret)
                        .contains(
                                "dagster 1.12.8 (release dagster): code location moderate needs Secret dagster-secrets, which nothing creates"));
    }

    @Test
    void aValueKeyTheChartDoesNotHaveFails() {
        var run = run("moderate-local");
        var dagster =
                values(run, "dagster")
                        .with("dagsterWebserver.imagee", Map.of("tag", "1.12.8"))
                        .with("dagster-user-deployments.deployments.0.envSecret", List.of());
        assertEquals(
                Set.of(
                        "dagster 1.12.8 (release dagster) has no value dagsterWebserver.imagee: Helm ignores it silently",
                        "dagster 1.12.8 (release dagster) has no value dagster-user-deployments.deployments.0.envSecret:"
                                + " Helm ignores it silently"),
                Set.copyOf(violations(run, ChartContracts.dagster(), dagster, stackObjects(run))));
        var openMetadata =
                values(run, "openmetadata")
                        .with("openmetadata.config.authentication.callbackURL", "x");
        assertEquals(
                List.of(
                        "openmetadata 1.5.4 (release openmetadata) has no value"
                                + " openmetadata.config.authentication.callbackURL: Helm ignores it silently"),
                violations(run, ChartContracts.openMetadata(), openMetadata, stackObjects(run)));
    }

    @Test
    void aStackObjectNamedLikeAChartObjectFails() {
        // E.g. a NodePort Service named like the chart's own: the access Services carry their own
        // names.
        var run = run("moderate-local");
        var stack = new LinkedHashMap<>(stackObjects(run));
        stack.put(new ObjectRef("Service", "openmetadata"), Set.of());
        assertEquals(
                List.of(
                        "openmetadata 1.5.4 (release openmetadata) renders Service openmetadata, which the stack also"
                                + " creates: Helm refuses to adopt it"),
                violations(run, ChartContracts.openMetadata(), values(run, "openmetadata"), stack));
    }

    /**
     * The UI pods the access Services and NetworkPolicies select, as the charts label them and the ports they listen on:
     * dagster helpers/_deployment-webserver.tpl (pod labels: dagster.selectorLabels, i.e. app.kubernetes.io/name =
     * chart name, app.kubernetes.io/instance = release, plus component: dagster-webserver; containerPort
     * dagsterWebserver.service.port), openmetadata-1.5.4 templates/deployment.yaml (OpenMetadata.labels include
     * OpenMetadata.selectorLabels; containerPort openmetadata.config.openmetadata.port, values.yaml 8585).
     */
    @Test
    void theAccessObjectsSelectThePodsTheChartsLabel() {
        var run = run("moderate-local");
        var dagsterPort =
                ((Number) values(run, "dagster").get("dagsterWebserver.service.port")).intValue();
        var facts =
                Map.of(
                        "dagster-webserver",
                                Map.entry(
                                        Map.of(
                                                "app.kubernetes.io/name",
                                                "dagster",
                                                "app.kubernetes.io/instance",
                                                "dagster",
                                                "component",
                                                "dagster-webserver"),
                                        dagsterPort),
                        "openmetadata",
                                Map.entry(
                                        Map.of(
                                                "app.kubernetes.io/name",
                                                "openmetadata",
                                                "app.kubernetes.io/instance",
                                                "openmetadata"),
                                        8585));
        for (var ui : PlatformAccess.uis()) {
            if (facts.containsKey(ui.name())) {
                assertEquals(facts.get(ui.name()).getKey(), ui.pods(), ui.name());
                assertEquals(facts.get(ui.name()).getValue(), ui.podPort(), ui.name());
            }
        }
        // The Services the Ingresses forward to are the charts' own (rendered objects), on their
        // service ports.
        var rendered =
                new HashSet<ObjectRef>(
                        ChartContracts.dagster().rendered().apply(values(run, "dagster")));
        rendered.addAll(
                ChartContracts.openMetadata().rendered().apply(values(run, "openmetadata")));
        assertTrue(
                rendered.contains(
                        new ObjectRef("Service", PlatformAccess.DAGSTER_WEBSERVER_SERVICE)));
        assertTrue(rendered.contains(new ObjectRef("Service", "openmetadata")));
    }

    /**
     * Dagster's rule (docs.dagster.io, "Deploying Dagster on Helm", Versioning): "The Dagster Helm chart is versioned
     * with the same version numbers as the Dagster Python library. Ideally, the Helm chart and Dagster Python library
     * should only be used together when their version numbers match." MODERATE's own CLAUDE.md says the same
     * (DAGSTER_CHART_VERSION "must match setup.py Dagster version").
     */
    @Test
    void chartWebserverDaemonAndCodeLocationRunOneDagsterVersionPastTheSchemaFix() {
        var run = run("moderate-prod");
        var values = values(run, "dagster");
        var chart =
                run.resource("kubernetes:helm.sh/v3:Release", "dagster")
                        .inputs()
                        .get("version")
                        .toString();
        assertEquals(chart, values.get("dagsterWebserver.image.tag"));
        assertEquals(chart, values.get("dagsterDaemon.image.tag"));
        assertTrue(
                compare(chart, ChartContracts.LAST_DAGSTER_WITH_DEAD_SCHEMA_HOST) > 0,
                chart + " still validates values against kubernetesjsonschema.dev");
        assertEquals("1.12.8", chart);
        // And the code location declares the same version, or the stack does not plan
        // (ModerateProgramTest).
        var mismatch =
                Assertions.assertThrows(
                        StackConfigException.class,
                        () ->
                                ModerateProgramTest.prodHarness()
                                        .config("moderate:codeLocationDagsterVersion", "1.8.7")
                                        .run());
        var problem = mismatch.problems().get(0);
        assertEquals("moderate:codeLocationDagsterVersion", problem.key());
        assertTrue(
                problem.toString().contains("dagster==1.12.8")
                        && problem.toString().contains("0.28.8"),
                problem.toString());
    }

    private static int compare(String a, String b) {
        var x = a.split("\\.");
        var y = b.split("\\.");
        for (int i = 0; i < 3; i++) {
            var c = Integer.compare(Integer.parseInt(x[i]), Integer.parseInt(y[i]));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}
