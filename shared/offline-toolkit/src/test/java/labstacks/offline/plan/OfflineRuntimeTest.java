package labstacks.offline.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import com.pulumi.aws.s3.BucketV2;
import com.pulumi.aws.s3.BucketV2Args;
import com.pulumi.kubernetes.core.v1.Namespace;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import labstacks.offline.testing.ProgramHarness;
import labstacks.shared.config.ProjectFiles;
import labstacks.shared.config.RunMode;
import labstacks.shared.providers.AwsAccess;
import labstacks.shared.providers.AwsProviders;
import org.junit.jupiter.api.Test;

/** The harness and the plan see what the engine would: inputs, options, outputs, packages. */
class OfflineRuntimeTest {

    private static final String BUCKET = "aws:s3/bucketV2:BucketV2";

    private static ProgramHarness sample() {
        return ProgramHarness.of(new SampleProgram()).secret("sample:token", "tok-123-very-secret");
    }

    @Test
    void capturesTheOptionsMockResourceArgsLeaveOut() {
        var run = sample().run().assertSucceeded();

        var bucket = run.resource(BUCKET, "store");
        assertTrue(bucket.protect());
        assertTrue(bucket.retainOnDelete());
        assertEquals(List.of("lifecycleRules"), bucket.ignoreChanges());
        // The SDK sends Go duration strings in nanoseconds; the engine parses exactly this form.
        assertEquals(Map.of("create", "300000000000ns"), bucket.customTimeouts());
        assertEquals("store", bucket.parent());
        assertEquals(
                "labstacks:sample:Store", run.resource("labstacks:sample:Store", "store").type());
        assertEquals("aws", bucket.provider());
        assertNull(bucket.importId());

        var legacy = run.resource(BUCKET, "legacy");
        assertEquals("legacy-bucket", legacy.importId());
        assertEquals("import", legacy.operation());
        assertTrue(legacy.protect());

        assertEquals(List.of("legacy"), run.resource("aws:iam/user:User", "robot").dependsOn());
        var key = run.resource("aws:iam/accessKey:AccessKey", "robot-key");
        assertTrue(key.deleteBeforeReplace());
        // The generated AccessKey class already lists secret and sesSmtpPasswordV4; ours is merged
        // in once.
        assertEquals(List.of("secret", "sesSmtpPasswordV4"), key.additionalSecretOutputs());
        assertEquals(List.of("robot"), key.dependsOn(), "the input user.name() is a dependency");
    }

    @Test
    void urnsAreTheEnginesWithoutTheRootStackInTheTypeChain() {
        // pulumi/pulumi pkg/resource/deploy/deployment.go generateURN: a child of the root stack
        // has no
        // parent type; a child of a component has the component's qualified type before its own.
        var run = sample().run().assertSucceeded();
        assertEquals(
                "urn:pulumi:test::labstacks::labstacks:sample:Store$aws:s3/bucketV2:BucketV2::store",
                run.resource(BUCKET, "store").urn());
        assertEquals(
                "urn:pulumi:test::labstacks::labstacks:sample:Store::store",
                run.resource(BUCKET, "store").parentUrn());
        assertEquals(
                "urn:pulumi:test::labstacks::pulumi:pulumi:Stack::labstacks-test",
                run.resource("pulumi:pulumi:Stack", "labstacks-test").urn());
        for (var resource : run.plan().resources()) {
            assertFalse(resource.urn().contains("pulumi:pulumi:Stack$"), resource.urn());
        }
    }

    @Test
    void fillsComputedOutputsFromTheProvidersRegion() {
        var run = sample().run().assertSucceeded();
        assertEquals("arn:aws:s3:::sample-store", run.output("bucket_arn"));
        assertEquals("eu-west-1", run.output("bucket_region"));
        assertEquals(
                Map.of("bucketArn", "arn:aws:s3:::sample-store"),
                run.resource("labstacks:sample:Store", "store").outputs());
    }

    /** What only the cloud knows (the account, an access key) is unknown, as pulumi preview shows it. */
    @Test
    void valuesKnownOnlyAfterDeploymentAreUnknownNeverInvented() {
        var run = sample().preview(true).run().assertSucceeded();
        assertEquals(PlanValues.Unknown.VALUE, run.output("account"));
        assertEquals(PlanValues.Unknown.VALUE, run.output("access_key_id"));
        assertEquals(
                "arn:aws:s3:::sample-store",
                run.output("bucket_arn"),
                "a bucket ARN follows from its name");
        var json = PlanJson.write(run.plan());
        assertTrue(json.contains("\"account\": \"[unknown]\""), json);
        assertFalse(json.contains("123456789012"), json);
        assertFalse(json.contains("AKIA"), json);
        assertTrue(PlanPrinter.render(run.plan()).contains("account: \"[unknown]\""));
    }

    @Test
    void secretsStaySecretInOutputsAndPlanJson() {
        var run = sample().run().assertSucceeded();
        assertTrue(run.outputIsSecret("token"));
        assertEquals("tok-123-very-secret", run.output("token"));
        // The key's secret is AWS's to make: unknown offline, and never shown either way.
        assertEquals(PlanValues.Unknown.VALUE, run.output("access_key_secret"));
        assertFalse(run.outputIsSecret("bucket_arn"));

        var json = PlanJson.write(run.plan());
        assertFalse(json.contains("tok-123-very-secret"), json);
        assertFalse(json.contains("offline-plan-secret-access-key"), json);
        var outputs = JsonParser.parseString(json).getAsJsonObject().getAsJsonObject("outputs");
        assertEquals("[secret]", outputs.get("token").getAsString());
        assertEquals("[unknown]", outputs.get("access_key_secret").getAsString());
    }

    @Test
    void planJsonHasTheDocumentedShapeAndIsDeterministic() {
        var first =
                PlanJson.write(
                        sample().mode(RunMode.PLAN).preview(true).run().assertSucceeded().plan());
        var second =
                PlanJson.write(
                        sample().mode(RunMode.PLAN).preview(true).run().assertSucceeded().plan());
        assertEquals(first, second);

        var document = JsonParser.parseString(first).getAsJsonObject();
        assertEquals("labstacks", document.get("project").getAsString());
        assertEquals("test", document.get("stack").getAsString());
        assertEquals("sample", document.get("program").getAsString());
        var resources = document.getAsJsonArray("resources");
        assertEquals(
                "pulumi:pulumi:Stack",
                resources.get(0).getAsJsonObject().get("type").getAsString());
        for (var element : resources) {
            var resource = element.getAsJsonObject();
            for (var key :
                    List.of(
                            "type",
                            "name",
                            "parent",
                            "provider",
                            "inputs",
                            "protect",
                            "importId",
                            "ignoreChanges",
                            "dependsOn",
                            "deleteBeforeReplace",
                            "retainOnDelete",
                            "additionalSecretOutputs")) {
                assertTrue(resource.has(key), key + " missing in " + resource);
            }
        }
        var packages = document.getAsJsonArray("packages").toString();
        assertTrue(
                packages.contains(
                        "{\"name\":\"aws\",\"version\":\"6.83.0\",\"parameterization\":null}"),
                packages);
        assertTrue(packages.contains("\"name\":\"kubernetes\""), packages);
    }

    @Test
    void resourcesComeInTreeOrderParentsFirst() {
        var resources = sample().run().assertSucceeded().resources();
        var seen = new HashSet<String>();
        for (var resource : resources) {
            if (resource.parentUrn() != null) {
                assertTrue(
                        seen.contains(resource.parentUrn()),
                        resource.name() + " before its parent");
            }
            seen.add(resource.urn());
        }
    }

    @Test
    void aMissingCredentialIsAWarningInAPlanAndStillSecret() {
        var run = ProgramHarness.of(new SampleProgram()).mode(RunMode.PLAN).run().assertSucceeded();
        assertTrue(
                run.warnings().stream().anyMatch(w -> w.startsWith("sample:token is not set")),
                run.warnings().toString());
        assertTrue(run.outputIsSecret("token"));
        assertTrue(
                run.warnings().contains("sample token comes from nowhere"),
                "program warnings reach the plan");
    }

    @Test
    void encryptedStackFileValuesReadAsPlaceholders() {
        var run =
                sample().secret("sample:token", ProjectFiles.UNDECRYPTED_SECRET)
                        .mode(RunMode.PLAN)
                        .run();
        assertEquals(ProjectFiles.UNDECRYPTED_SECRET, run.assertSucceeded().output("token"));
    }

    @Test
    void planTextShowsTheTreeAndOptions() {
        var text = PlanPrinter.render(sample().run().assertSucceeded().plan());
        assertTrue(
                text.matches("(?s).*\\n \\+   [├└]─ labstacks:sample:Store +store +create\\n.*"),
                text);
        assertTrue(
                text.matches(
                        "(?s).*\\n =   [├└]─ aws:s3/bucketV2:BucketV2 +legacy +import +"
                                + "\\[provider=aws, protect, import id=legacy-bucket\\]\\n.*"),
                text);
        assertTrue(text.contains("token: \"[secret]\""), text);
        assertFalse(text.contains("tok-123-very-secret"), text);
        assertTrue(text.contains("to import"), text);
    }

    @Test
    void durationsPrintAsPeopleWriteThem() {
        assertEquals("10m", PlanPrinter.duration("600000000000ns"));
        assertEquals("5m", PlanPrinter.duration("300000000000ns"));
        assertEquals("1h30m", PlanPrinter.duration("5400000000000ns"));
        assertEquals("45s", PlanPrinter.duration("45000000000ns"));
        assertEquals(
                "10m", PlanPrinter.duration("10m"), "a value in another form is left as it is");
        assertEquals(
                "1h30s",
                PlanPrinter.duration("3630000000000ns"),
                "a zero unit in between is left out");
        assertEquals(
                "48h",
                PlanPrinter.duration("172800000000000ns"),
                "hours, never days, as Go writes them");
        assertEquals("0s", PlanPrinter.duration("0ns"));
        assertEquals(
                "1500000000ns",
                PlanPrinter.duration("1500000000ns"),
                "a fraction of a second is left as it is");
    }

    /**
     * A program that registers AWS resources gets the missing-credentials warning in a plan with no preflight of
     * its own (the components below declare none); a program without AWS resources does not, and neither does
     * a plan run where credentials are present, nor a deployment run (which leaves it to the provider's chain).
     */
    @Test
    void everyProgramWithAwsResourcesIsWarnedOfMissingCredentialsInAPlan() {
        var aws =
                ProgramHarness.component(
                                "aws-only",
                                stack ->
                                        new BucketV2(
                                                "notes",
                                                BucketV2Args.builder().bucket("notes").build()))
                        .mode(RunMode.PLAN)
                        .run()
                        .assertSucceeded();
        assertEquals(
                1,
                aws.warnings().stream()
                        .filter(w -> w.startsWith("no AWS credentials found"))
                        .count(),
                aws.warnings().toString());
        var provider =
                ProgramHarness.component(
                                "aws-provider-only",
                                stack ->
                                        AwsProviders.create(
                                                "aws", AwsAccess.defaultChain("eu-west-1")))
                        .mode(RunMode.PLAN)
                        .run()
                        .assertSucceeded();
        assertTrue(
                provider.warnings().stream()
                        .anyMatch(w -> w.startsWith("no AWS credentials found")),
                provider.warnings().toString());
        var halfAPair =
                ProgramHarness.component(
                                "aws-half",
                                stack ->
                                        AwsProviders.create(
                                                "aws", AwsAccess.defaultChain("eu-west-1")))
                        .mode(RunMode.PLAN)
                        .env("AWS_ACCESS_KEY_ID", "AKIAEXAMPLE")
                        .run()
                        .assertSucceeded();
        assertTrue(
                halfAPair.warnings().stream()
                        .anyMatch(w -> w.startsWith("only one of AWS_ACCESS_KEY_ID")),
                halfAPair.warnings().toString());

        var kubernetes =
                ProgramHarness.component("k8s-only", stack -> new Namespace("notes"))
                        .mode(RunMode.PLAN)
                        .run()
                        .assertSucceeded();
        assertEquals(List.of(), kubernetes.warnings());
        var withKeys =
                ProgramHarness.component(
                                "aws-with-keys",
                                stack ->
                                        new BucketV2(
                                                "notes",
                                                BucketV2Args.builder().bucket("notes").build()))
                        .mode(RunMode.PLAN)
                        .env("AWS_ACCESS_KEY_ID", "AKIAEXAMPLE")
                        .env("AWS_SECRET_ACCESS_KEY", "example")
                        .run()
                        .assertSucceeded();
        assertEquals(List.of(), withKeys.warnings());
        var deploy =
                ProgramHarness.component(
                                "aws-deploy",
                                stack ->
                                        new BucketV2(
                                                "notes",
                                                BucketV2Args.builder().bucket("notes").build()))
                        .run()
                        .assertSucceeded();
        assertEquals(List.of(), deploy.warnings());
    }
}
