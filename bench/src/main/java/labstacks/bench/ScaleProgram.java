package labstacks.bench;

import com.pulumi.aws.s3.BucketV2;
import com.pulumi.aws.s3.BucketV2Args;
import com.pulumi.kubernetes.apps.v1.Deployment;
import com.pulumi.kubernetes.apps.v1.DeploymentArgs;
import com.pulumi.kubernetes.apps.v1.inputs.DeploymentSpecArgs;
import com.pulumi.kubernetes.core.v1.inputs.ContainerArgs;
import com.pulumi.kubernetes.core.v1.inputs.PodSpecArgs;
import com.pulumi.kubernetes.core.v1.inputs.PodTemplateSpecArgs;
import com.pulumi.kubernetes.meta.v1.inputs.LabelSelectorArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.CustomResourceOptions;
import java.util.Map;
import java.util.Optional;
import labstacks.shared.config.Setting;
import labstacks.shared.program.DirectProgram;
import labstacks.shared.program.StackContext;
import labstacks.shared.providers.AwsAccess;
import labstacks.shared.providers.AwsProviders;
import labstacks.shared.providers.KubernetesAccess;
import labstacks.shared.providers.KubernetesProviders;

/** A synthetic program of N buckets and M Deployments, to measure how planning time grows. */
public final class ScaleProgram implements DirectProgram<ScaleProgram.Settings> {

    public record Settings(
            @Setting(
                            key = "bench:buckets",
                            description = "buckets to register",
                            defaultValue = "0",
                            min = 0)
                    int buckets,
            @Setting(
                            key = "bench:deployments",
                            description = "Deployments to register",
                            defaultValue = "0",
                            min = 0)
                    int deployments) {}

    @Override
    public String name() {
        return "bench-scale";
    }

    @Override
    public String description() {
        return "benchmark: N buckets and M Kubernetes Deployments";
    }

    @Override
    public Class<Settings> settingsType() {
        return Settings.class;
    }

    @Override
    public void define(StackContext stack, Settings settings) {
        var aws = AwsProviders.create("aws", AwsAccess.defaultChain("eu-west-1"));
        for (int i = 0; i < settings.buckets(); i++) {
            new BucketV2(
                    "bucket-" + i,
                    BucketV2Args.builder().bucket("bench-bucket-" + i).build(),
                    CustomResourceOptions.builder().provider(aws).build());
        }
        if (settings.deployments() == 0) {
            // A bucket-only stack registers no Kubernetes provider, as the Node peer's does not.
            return;
        }
        var k8s =
                KubernetesProviders.create(
                        "k8s", new KubernetesAccess(Optional.empty(), Optional.empty(), "bench"));
        for (int i = 0; i < settings.deployments(); i++) {
            var labels = Map.of("app", "app-" + i);
            new Deployment(
                    "app-" + i,
                    DeploymentArgs.builder()
                            .metadata(
                                    ObjectMetaArgs.builder()
                                            .name("app-" + i)
                                            .namespace("bench")
                                            .build())
                            .spec(
                                    DeploymentSpecArgs.builder()
                                            .selector(
                                                    LabelSelectorArgs.builder()
                                                            .matchLabels(labels)
                                                            .build())
                                            .template(
                                                    PodTemplateSpecArgs.builder()
                                                            .metadata(
                                                                    ObjectMetaArgs.builder()
                                                                            .labels(labels)
                                                                            .build())
                                                            .spec(
                                                                    PodSpecArgs.builder()
                                                                            .containers(
                                                                                    ContainerArgs
                                                                                            .builder()
                                                                                            .name(
                                                                                                    "app")
                                                                                            .image(
                                                                                                    "nginx:1.27")
                                                                                            .build())
                                                                            .build())
                                                            .build())
                                            .build())
                            .build(),
                    CustomResourceOptions.builder().provider(k8s).build());
        }
    }
}
