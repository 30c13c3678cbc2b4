package labstacks.biositing;

import static labstacks.biositing.ComponentRuns.NAMESPACE;
import static labstacks.biositing.ComponentRuns.PIPELINE;
import static labstacks.biositing.ComponentRuns.POSTGIS;
import static labstacks.biositing.ComponentRuns.model;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.core.v1.ConfigMap;
import com.pulumi.kubernetes.core.v1.ConfigMapArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import io.kubernetes.client.openapi.models.V1Job;
import java.util.List;
import labstacks.offline.testing.StackRun;
import org.junit.jupiter.api.Test;

/** The compose one-offs (setup-db, the flow deployment) as Jobs run from the pipeline image. */
class EtlJobTest {
    private static final String JOB = "kubernetes:batch/v1:Job";

    private static StackRun migration(String image) {
        return ComponentRuns.run(
                stack -> {
                    var database =
                            new ConfigMap(
                                    "database-stand-in",
                                    ConfigMapArgs.builder()
                                            .metadata(
                                                    ObjectMetaArgs.builder()
                                                            .name("database-stand-in")
                                                            .namespace(NAMESPACE)
                                                            .build())
                                            .build());
                    var job =
                            new EtlJob(
                                    EtlJob.MIGRATION_JOB,
                                    EtlJob.Args.migration(
                                                    NAMESPACE,
                                                    image,
                                                    POSTGIS,
                                                    EtlConfiguration.envFromByName(),
                                                    database)
                                            .kubernetes(CustomResourceOptions.Empty)
                                            .build(),
                                    ComponentResourceOptions.Empty);
                    stack.pulumi().export("job", Output.of(job.jobName()));
                });
    }

    @Test
    void theMigrationRunsAlembicOnceTheDatabaseAnswersAndAgainForANewImage() {
        var run = migration(PIPELINE);
        var job = model(run, JOB, "setup-db", V1Job.class);
        assertEquals(NAMESPACE, job.getMetadata().getNamespace());
        assertTrue(
                job.getMetadata().getName().matches("setup-db-[0-9a-f]{8}"),
                job.getMetadata().getName());
        assertEquals(job.getMetadata().getName(), run.output("job"));
        assertEquals(
                "migration",
                job.getSpec()
                        .getTemplate()
                        .getMetadata()
                        .getLabels()
                        .get("app.kubernetes.io/component"));
        var pod = job.getSpec().getTemplate().getSpec();
        // The compose setup-db command and pixi.toml's migrate task at v2026.4.6.
        assertEquals(List.of("alembic", "upgrade", "head"), pod.getContainers().get(0).getArgs());
        assertEquals(PIPELINE, pod.getContainers().get(0).getImage());
        assertEquals(
                POSTGIS,
                pod.getInitContainers().get(0).getImage(),
                "pg_isready comes from the database image");
        assertEquals(
                1001L, pod.getSecurityContext().getRunAsUser(), "the pipeline image's appuser");
        assertEquals("setup-db", pod.getServiceAccountName());
        assertEquals(2, job.getSpec().getBackoffLimit());
        assertEquals(1800L, job.getSpec().getActiveDeadlineSeconds());
        var sent = run.resource(JOB, "setup-db");
        assertTrue(sent.deleteBeforeReplace());
        assertTrue(
                sent.dependsOn().containsAll(List.of("database-stand-in", "setup-db")),
                sent.dependsOn().toString());
        assertEquals("setup-db", sent.parent());

        var next = migration(PIPELINE.replace("v2026.4.6", "v2026.5.1")).output("job");
        assertNotEquals(
                run.output("job"), next, "a new image is a new Job, so the migration runs again");
    }

    @Test
    void theFlowDeploymentWaitsForTheApiItIsGiven() {
        var run =
                ComponentRuns.run(
                        stack ->
                                new EtlJob(
                                        EtlJob.FLOW_DEPLOYMENT_JOB,
                                        EtlJob.Args.flowDeployment(
                                                        NAMESPACE,
                                                        PIPELINE,
                                                        Output.of(
                                                                "http://prefect-api.test:4200/api"),
                                                        EtlConfiguration.envFromByName(),
                                                        List.of())
                                                .kubernetes(CustomResourceOptions.Empty)
                                                .build(),
                                        ComponentResourceOptions.Empty));
        var job = model(run, JOB, "prefect-deploy", V1Job.class);
        var pod = job.getSpec().getTemplate().getSpec();
        assertEquals(
                List.of("prefect", "--no-prompt", "deploy", "--name", "master-etl-deployment"),
                pod.getContainers().get(0).getArgs());
        assertTrue(
                pod.getInitContainers()
                        .get(0)
                        .getArgs()
                        .get(2)
                        .contains("curl -fsS http://prefect-api.test:4200/api/health"),
                pod.getInitContainers().get(0).getArgs().toString());
        // The label the prefect-api-clients NetworkPolicy admits.
        assertEquals(
                "flow-deployment",
                job.getSpec()
                        .getTemplate()
                        .getMetadata()
                        .getLabels()
                        .get("app.kubernetes.io/component"));
    }
}
