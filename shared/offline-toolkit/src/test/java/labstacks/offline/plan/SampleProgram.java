package labstacks.offline.plan;

import com.pulumi.aws.AwsFunctions;
import com.pulumi.aws.Provider;
import com.pulumi.aws.iam.AccessKey;
import com.pulumi.aws.iam.AccessKeyArgs;
import com.pulumi.aws.iam.User;
import com.pulumi.aws.iam.UserArgs;
import com.pulumi.aws.inputs.GetCallerIdentityArgs;
import com.pulumi.aws.s3.BucketV2;
import com.pulumi.aws.s3.BucketV2Args;
import com.pulumi.core.Output;
import com.pulumi.deployment.InvokeOptions;
import com.pulumi.kubernetes.core.v1.ConfigMap;
import com.pulumi.kubernetes.core.v1.ConfigMapArgs;
import com.pulumi.kubernetes.core.v1.Namespace;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.CustomTimeouts;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import labstacks.shared.config.Setting;
import labstacks.shared.program.DirectProgram;
import labstacks.shared.program.StackContext;
import labstacks.shared.providers.AwsAccess;
import labstacks.shared.providers.AwsProviders;
import labstacks.shared.providers.KubernetesAccess;
import labstacks.shared.providers.KubernetesProviders;

/** A program that uses every option the harness and the plan report, for the shared module's tests. */
public final class SampleProgram implements DirectProgram<SampleProgram.Settings> {

    public record Settings(
            @Setting(key = "sample:region", description = "AWS region", defaultValue = "eu-west-1")
                    String region,
            @Setting(
                            key = "sample:token",
                            description = "an API token",
                            env = "SAMPLE_TOKEN",
                            secret = true,
                            credential = true)
                    Output<String> token) {}

    /** A component, as the programs build theirs. */
    static final class Store extends ComponentResource {
        final BucketV2 bucket;

        Store(String name, Provider aws, ComponentResourceOptions options) {
            super("labstacks:sample:Store", name, options);
            this.bucket =
                    new BucketV2(
                            name,
                            BucketV2Args.builder()
                                    .bucket("sample-" + name)
                                    .tags(Map.of("team", "data", "project", "attempted-override"))
                                    .build(),
                            CustomResourceOptions.builder()
                                    .parent(this)
                                    .provider(aws)
                                    .protect(true)
                                    .retainOnDelete(true)
                                    .ignoreChanges("lifecycleRules")
                                    .customTimeouts(
                                            CustomTimeouts.builder()
                                                    .create(Duration.ofMinutes(5))
                                                    .build())
                                    .build());
            registerOutputs(Map.of("bucketArn", bucket.arn()));
        }
    }

    @Override
    public String name() {
        return "sample";
    }

    @Override
    public String description() {
        return "exercises the harness";
    }

    @Override
    public Class<Settings> settingsType() {
        return Settings.class;
    }

    @Override
    public Map<String, String> systemTags() {
        return Map.of("system", "sample", "owner", "platform");
    }

    @Override
    public void define(StackContext stack, Settings settings) {
        var ctx = stack.pulumi();
        var aws = AwsProviders.create("aws", AwsAccess.defaultChain(settings.region()));
        var store = new Store("store", aws, ComponentResourceOptions.builder().build());
        var legacy =
                new BucketV2(
                        "legacy",
                        BucketV2Args.builder().bucket("legacy-bucket").build(),
                        CustomResourceOptions.builder()
                                .provider(aws)
                                .importId("legacy-bucket")
                                .protect(true)
                                .build());
        var user =
                new User(
                        "robot",
                        UserArgs.builder().name("robot").build(),
                        CustomResourceOptions.builder().provider(aws).dependsOn(legacy).build());
        var key =
                new AccessKey(
                        "robot-key",
                        AccessKeyArgs.builder().user(user.name()).build(),
                        CustomResourceOptions.builder()
                                .provider(aws)
                                .additionalSecretOutputs("secret")
                                .deleteBeforeReplace(true)
                                .build());

        var k8s =
                KubernetesProviders.create(
                        "k8s",
                        new KubernetesAccess(Optional.empty(), Optional.of("minikube"), "sample"));
        new Namespace("sample", null, CustomResourceOptions.builder().provider(k8s).build());
        new ConfigMap(
                "settings",
                ConfigMapArgs.builder()
                        .metadata(
                                ObjectMetaArgs.builder()
                                        .name("settings")
                                        .namespace("sample")
                                        .labels(
                                                Map.of(
                                                        "app.kubernetes.io/name",
                                                        "sample",
                                                        "app.kubernetes.io/managed-by",
                                                        "helm"))
                                        .build())
                        .data(Map.of("MODE", "test"))
                        .build(),
                CustomResourceOptions.builder().provider(k8s).build());

        var identity =
                AwsFunctions.getCallerIdentity(
                        GetCallerIdentityArgs.builder().build(),
                        InvokeOptions.builder().provider(aws).build());
        ctx.export("bucket_arn", store.bucket.arn());
        ctx.export("bucket_region", store.bucket.region());
        ctx.export("account", identity.applyValue(id -> id.accountId()));
        ctx.export("access_key_id", key.id());
        ctx.export("access_key_secret", key.secret());
        ctx.export("token", settings.token());
        ctx.export("regions", Output.of(List.of(settings.region())));
        if (!stack.config().env("SAMPLE_TOKEN").isPresent()
                && stack.config().get("sample:token").isEmpty()) {
            stack.warn("sample token comes from nowhere");
        }
    }
}
