package labstacks.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import labstacks.offline.check.PlanCheck;
import labstacks.offline.plan.PlannedResource;
import labstacks.offline.testing.ProgramHarness;
import labstacks.offline.testing.StackRun;
import labstacks.shared.config.ProjectFiles;
import labstacks.shared.config.RunMode;
import labstacks.shared.config.StackConfigException;
import labstacks.shared.program.ProgramCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What {@code pulumi destroy}, a changed setting or a replacement may do to the data of each real stack: every
 * resource that holds data is protected and retained in every production stack, and a local stack keeps nothing.
 */
class DataProtectionTest {
    private static final Set<String> DATA_TYPES =
            Set.of(
                    "aws:s3/bucket:Bucket",
                    "aws:s3/bucketV2:BucketV2",
                    "kubernetes:core/v1:Namespace",
                    "kubernetes:core/v1:PersistentVolumeClaim");

    private static ProgramHarness stack(String name) {
        var program =
                ProjectFiles.open(ProgramHarness.repositoryRoot())
                        .read(name, Map.of())
                        .get("labstacks:program")
                        .orElseThrow();
        return ProgramHarness.forStackFile(
                        ProgramCatalog.discover().find(program).orElseThrow(), name)
                .mode(RunMode.PLAN)
                .preview(true);
    }

    /** The resources that hold data, by the test's own reading of the plan: "type name". */
    private static Set<String> holdingData(StackRun run) {
        var found = new TreeSet<String>();
        for (var resource : run.resources()) {
            var claims =
                    resource.type().equals("kubernetes:apps/v1:StatefulSet")
                            && resource.input("spec.volumeClaimTemplates") instanceof List<?> list
                            && !list.isEmpty();
            if (DATA_TYPES.contains(resource.type()) || claims) {
                found.add(resource.type() + " " + resource.name());
            }
        }
        return found;
    }

    private static PlannedResource find(StackRun run, String typeAndName) {
        var space = typeAndName.indexOf(' ');
        return run.resource(typeAndName.substring(0, space), typeAndName.substring(space + 1));
    }

    /** Each production stack: exactly these hold data, and each is protected and retained. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "moderate-prod | kubernetes:apps/v1:StatefulSet elasticsearch, kubernetes:apps/v1:StatefulSet postgres,"
                        + " kubernetes:apps/v1:StatefulSet rabbitmq, kubernetes:core/v1:Namespace moderate",
                "biositing-prod | kubernetes:apps/v1:StatefulSet db, kubernetes:core/v1:Namespace ca-biositing,"
                        + " kubernetes:core/v1:PersistentVolumeClaim prefectdata",
                "megatests-prod | aws:s3/bucket:Bucket nf-core-awsmegatests",
                "igenomes-prod | aws:s3/bucket:Bucket ngi-igenomes",
                "pipeweave-production | aws:s3/bucketV2:BucketV2 datasets",
            })
    void everyResourceHoldingDataInAProductionStackIsProtectedAndRetained(
            String name, String expected) {
        var run = stack(name).run().assertSucceeded();
        var data = holdingData(run);
        assertEquals(new TreeSet<>(List.of(expected.split(",\\s*"))), data);
        for (var typeAndName : data) {
            var resource = find(run, typeAndName);
            assertTrue(resource.protect(), typeAndName + " is protected in " + name);
            assertTrue(resource.retainOnDelete(), typeAndName + " is retained in " + name);
        }
    }

    /** A minikube stack is disposable: destroy there removes everything, as a developer expects. */
    @ParameterizedTest
    @CsvSource({"moderate-local", "biositing-local"})
    void localStacksKeepNothing(String name) {
        var run = stack(name).run().assertSucceeded();
        var data = holdingData(run);
        assertFalse(data.isEmpty());
        for (var typeAndName : data) {
            var resource = find(run, typeAndName);
            assertFalse(
                    resource.protect() || resource.retainOnDelete(), typeAndName + " in " + name);
        }
    }

    /**
     * The Namespace's logical name is fixed: the URN every existing stack has (the name used to be the setting's
     * value, and both stacks use the default), with no alias while the namespace is the default.
     */
    @Test
    void theNamespaceUrnOfExistingStacksIsUnchanged() {
        var moderate =
                stack("moderate-prod")
                        .run()
                        .assertSucceeded()
                        .resource("kubernetes:core/v1:Namespace", "moderate");
        assertEquals(
                "urn:pulumi:moderate-prod::labstacks::kubernetes:core/v1:Namespace::moderate",
                moderate.urn());
        assertEquals(List.of(), moderate.aliases());
        var biositing =
                stack("biositing-prod")
                        .run()
                        .assertSucceeded()
                        .resource("kubernetes:core/v1:Namespace", "ca-biositing");
        assertEquals(
                "urn:pulumi:biositing-prod::labstacks::kubernetes:core/v1:Namespace::ca-biositing",
                biositing.urn());
    }

    @Test
    void anotherNamespaceOnAProductionStackIsRefusedWithoutTheOverride() {
        var error =
                assertThrows(
                        StackConfigException.class,
                        () ->
                                stack("moderate-prod")
                                        .config("moderate:namespace", "moderate-v2")
                                        .run());
        assertEquals("Pulumi.moderate-prod.yaml", error.stackFile());
        assertTrue(
                error.getMessage()
                        .contains(
                                "moderate:namespace: is moderate-v2, but this prod stack keeps its data"
                                        + " (PostgreSQL, Elasticsearch and RabbitMQ volumes) in the namespace moderate"),
                error.getMessage());
        assertTrue(
                error.getMessage()
                        .contains(
                                "add moderate:allowDataRelocation: true to Pulumi.moderate-prod.yaml"),
                error.getMessage());

        // With the override (a new stack there, or data moved by hand) it plans, under the same
        // logical name: on an
        // existing stack the engine would refuse to replace the protected Namespace, so nothing is
        // deleted.
        var moved =
                stack("moderate-prod")
                        .config("moderate:namespace", "moderate-v2")
                        .config("moderate:allowDataRelocation", "true")
                        .run()
                        .assertSucceeded();
        var namespace = moved.resource("kubernetes:core/v1:Namespace", "moderate");
        assertEquals("moderate-v2", namespace.input("metadata.name"));
        assertTrue(namespace.protect() && namespace.retainOnDelete());
        // A stack made before the logical name was fixed registered its Namespace under the
        // namespace itself.
        assertEquals(
                List.of(
                        "urn:pulumi:moderate-prod::labstacks::kubernetes:core/v1:Namespace::moderate-v2"),
                namespace.aliases());
    }

    @Test
    void aStorageClassOnAProductionStackIsRefusedWithoutTheOverride() {
        var error =
                assertThrows(
                        StackConfigException.class,
                        () ->
                                stack("biositing-prod")
                                        .config("biositing:storageClass", "fast")
                                        .run());
        assertTrue(
                error.getMessage()
                        .contains(
                                "biositing:storageClass: is fast, but this prod stack's volumes (the"
                                        + " PostGIS database and the Prefect volume) were created with the cluster's default storage class"),
                error.getMessage());
        var namespace =
                assertThrows(
                        StackConfigException.class,
                        () ->
                                stack("biositing-prod")
                                        .config("biositing:namespace", "ca-biositing-v2")
                                        .run());
        assertTrue(
                namespace.getMessage().contains("biositing:namespace: is ca-biositing-v2"),
                namespace.getMessage());
        // The local stack may move freely: its data is disposable.
        stack("biositing-local").config("biositing:storageClass", "fast").run().assertSucceeded();
        var claim =
                stack("biositing-prod")
                        .config("biositing:storageClass", "fast")
                        .config("biositing:allowDataRelocation", "true")
                        .run()
                        .assertSucceeded()
                        .resource("kubernetes:core/v1:PersistentVolumeClaim", "prefectdata");
        assertTrue(claim.protect(), "the engine refuses to replace it even with the override");
    }

    /** check's data rules pass on every real stack; the planted cases are in PlanCheckTest. */
    @Test
    void theRealStacksPassTheDataRules() {
        for (var name : ProjectFiles.open(ProgramHarness.repositoryRoot()).stacks()) {
            var plan = stack(name).run().assertSucceeded().plan();
            var violations =
                    PlanCheck.run(plan, List.of()).violations().stream()
                            .filter(
                                    v ->
                                            v.rule().equals("pulumi-data-protected")
                                                    || v.rule()
                                                            .equals("k8s-namespace-keeps-volumes"))
                            .toList();
            assertEquals(List.of(), violations, name);
        }
    }
}
