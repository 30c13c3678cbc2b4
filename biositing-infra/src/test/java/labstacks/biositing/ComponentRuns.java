package labstacks.biositing;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.core.v1.ConfigMap;
import com.pulumi.kubernetes.core.v1.ConfigMapArgs;
import com.pulumi.kubernetes.core.v1.inputs.EnvFromSourceArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import java.util.List;
import java.util.function.Consumer;
import labstacks.constructs.kubernetes.ObjectMetadata;
import labstacks.offline.schema.KubernetesSchema;
import labstacks.offline.testing.ProgramHarness;
import labstacks.offline.testing.StackRun;
import labstacks.shared.program.StackContext;

/** Runs one biositing component on its own, the way its tests share. */
final class ComponentRuns {
    static final String NAMESPACE = "etl-test";
    static final String PIPELINE =
            "ghcr.io/sustainability-software-lab/ca-biositing/pipeline:v2026.4.6";
    static final String POSTGIS = "postgis/postgis:17-3.5";

    private ComponentRuns() {}

    static StackRun run(Consumer<StackContext> body) {
        return ProgramHarness.component("biositing-component", body).run().assertSucceeded();
    }

    static <T> T model(StackRun run, String type, String name, Class<T> model) {
        return model.cast(KubernetesSchema.validate(run.resource(type, name)));
    }

    /** A stand-in for the .env objects: one ConfigMap, named through its output as EtlConfiguration names its own. */
    static List<EnvFromSourceArgs> environment() {
        var env =
                new ConfigMap(
                        "test-env",
                        ConfigMapArgs.builder()
                                .metadata(
                                        ObjectMetaArgs.builder()
                                                .name("test-env")
                                                .namespace(NAMESPACE)
                                                .build())
                                .build());
        return Pods.dotEnv(ObjectMetadata.nameOf(env.metadata()), Output.of("test-env-secret"));
    }
}
