package labstacks.moderate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pulumi.core.Output;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import labstacks.shared.config.RunMode;
import labstacks.shared.config.SettingsLoader;
import labstacks.shared.config.SettingsRules;
import labstacks.shared.program.Preflight;
import org.junit.jupiter.api.Test;

/** The settings groups keep every config key, and prepare derives the UIs' addresses once. */
class ModerateSettingsTest {

    @Test
    void theGroupsReadExactlyTheKeysTheFlatSettingsRead() {
        // The 51 keys of the flat ModerateSettings before the groups (commit d0747f0): stack files
        // and ESC
        // environments keep working unchanged.
        var before =
                Set.of(
                        "kubernetes:context",
                        "moderate:namespace",
                        "moderate:codeLocationImage",
                        "moderate:codeLocationTag",
                        "moderate:codeLocationDagsterVersion",
                        "moderate:matrixProfileJobImage",
                        "moderate:matrixProfileJobTag",
                        "moderate:matrixProfileQueue",
                        "moderate:postgresPassword",
                        "moderate:dagsterDbPassword",
                        "moderate:keycloakDbPassword",
                        "moderate:openMetadataDbPassword",
                        "moderate:keycloakAdminUser",
                        "moderate:keycloakAdminPassword",
                        "moderate:keycloakMode",
                        "moderate:keycloakHostname",
                        "moderate:access",
                        "moderate:nodeAddress",
                        "moderate:keycloakNodePort",
                        "moderate:openMetadataNodePort",
                        "moderate:dagsterNodePort",
                        "moderate:openMetadataHostname",
                        "moderate:dagsterHostname",
                        "moderate:ingressClassName",
                        "moderate:ingressControllerNamespace",
                        "moderate:certManagerClusterIssuer",
                        "moderate:tlsSecretName",
                        "moderate:dagsterIngressAnnotations",
                        "moderate:realm",
                        "moderate:oidcClientId",
                        "moderate:initialAdmins",
                        "moderate:principalDomain",
                        "moderate:openMetadataJwtPrivateKey",
                        "moderate:openMetadataJwtPublicKey",
                        "moderate:openMetadataJwtKeyId",
                        "moderate:openMetadataFernetKey",
                        "moderate:openMetadataToken",
                        "moderate:rabbitPassword",
                        "moderate:apiBaseUrl",
                        "moderate:apiUsername",
                        "moderate:apiPassword",
                        "moderate:s3AccessKeyId",
                        "moderate:s3SecretAccessKey",
                        "moderate:s3Region",
                        "moderate:s3BucketName",
                        "moderate:s3EndpointUrl",
                        "moderate:s3JobOutputsBucketName",
                        "moderate:postgresStorage",
                        "moderate:elasticsearchStorage",
                        "moderate:rabbitStorage",
                        "moderate:storageClass",
                        // Added since: the deliberate override of a data-keeping stack's namespace
                        // or storage class.
                        "moderate:allowDataRelocation",
                        // issue 24: the example code location's arguments, pull secrets, run
                        // concurrency, ACME challenge.
                        "moderate:codeLocationGrpcArgs",
                        "moderate:imagePullSecrets",
                        "moderate:maxConcurrentRuns",
                        "moderate:acmeChallenge",
                        // issue 24: the PostgreSQL backup CronJob.
                        "moderate:postgresBackups",
                        "moderate:postgresBackupSchedule",
                        "moderate:postgresBackupBucket",
                        "moderate:postgresBackupPrefix");
        var keys = SettingsLoader.keys(ModerateSettings.class);
        assertEquals(new TreeSet<>(before), new TreeSet<>(keys));
        assertEquals(keys.size(), Set.copyOf(keys).size(), "no key read by two groups");
    }

    private record Found(List<String> problems) implements Preflight {
        Found() {
            this(new ArrayList<>());
        }

        @Override
        public void problem(String subject, String problem, String fix) {
            problems.add(subject + ": " + problem);
        }

        @Override
        public void warning(String text) {}
    }

    private static ModerateSettings read(String stack) {
        var config =
                (stack.equals("moderate-local")
                                ? ModerateProgramTest.localHarness()
                                : ModerateProgramTest.prodHarness())
                        .stackConfig();
        return SettingsLoader.load(ModerateSettings.class, config, RunMode.DEPLOY);
    }

    private static ModerateInputs prepare(ModerateSettings settings, Found found) {
        var config = ModerateProgramTest.localHarness().stackConfig();
        return new ModerateProgram().prepare(settings, config, RunMode.DEPLOY, found);
    }

    @Test
    void prepareDerivesTheNodeAddressesOfTheLocalStack() {
        var settings = read("moderate-local");
        var found = new Found();
        var prepared = prepare(settings, found);
        assertEquals(List.of(), found.problems());
        assertEquals(
                new PublicEndpoints(
                        "http://192.168.49.2:30080",
                        "http://192.168.49.2:30585",
                        "http://192.168.49.2:30181"),
                prepared.endpoints());
        assertEquals(new PlatformAccess.NodePorts(30080, 30585, 30181), prepared.exposure());
        assertEquals(
                "http://192.168.49.2:30080/realms/moderate",
                prepared.endpoints().realm(prepared.settings().keycloak().realm()));
        assertEquals(
                Optional.empty(),
                prepared.settings().access().keycloakStrictHostname(),
                "start-dev");
    }

    @Test
    void prepareDerivesTheHostsOfTheProductionStack() {
        var found = new Found();
        var prepared = prepare(read("moderate-prod"), found);
        assertEquals(List.of(), found.problems());
        assertEquals(
                new PublicEndpoints(
                        "https://keycloak.moderate.cloud",
                        "https://metadata.moderate.cloud",
                        "https://dagster.moderate.cloud"),
                prepared.endpoints());
        var ingresses = assertInstanceOf(PlatformAccess.Ingresses.class, prepared.exposure());
        assertEquals(
                List.of(
                        "keycloak.moderate.cloud",
                        "metadata.moderate.cloud",
                        "dagster.moderate.cloud"),
                ingresses.inOrder());
        assertEquals(Optional.of("letsencrypt-prod"), ingresses.clusterIssuer());
        assertEquals(
                Optional.of("keycloak.moderate.cloud"),
                prepared.settings().access().keycloakStrictHostname());
    }

    @Test
    void prepareReportsWhatTheAccessSettingsCannotGiveBeforeAnythingRegisters() {
        var prod = read("moderate-prod");
        var a = prod.access();
        // Settings built past their rules (as another program or a test could): prepare still stops
        // the run.
        var noHosts =
                new ModerateSettings.Access(
                        a.mode(),
                        a.keycloakMode(),
                        Optional.empty(),
                        a.nodeAddress(),
                        a.keycloakNodePort(),
                        a.openMetadataNodePort(),
                        a.dagsterNodePort(),
                        Optional.empty(),
                        Optional.empty(),
                        a.ingressClassName(),
                        a.ingressControllerNamespace(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        a.dagsterIngressAnnotations());
        var broken =
                new ModerateSettings(
                        prod.cluster(),
                        prod.dagster(),
                        noHosts,
                        prod.postgres(),
                        prod.keycloak(),
                        prod.openMetadata(),
                        prod.elasticsearch(),
                        prod.rabbitmq(),
                        prod.platformApi(),
                        prod.s3());
        var found = new Found();
        var prepared = prepare(broken, found);
        assertEquals(2, found.problems().size(), found.problems().toString());
        assertTrue(
                found.problems().stream().allMatch(p -> p.startsWith("moderate:access: ")),
                found.problems().toString());
        assertTrue(
                found.problems().get(1).contains("moderate:keycloakHostname"),
                found.problems().toString());
        assertNull(prepared, "define never runs without both");

        // The rules report the same settings first, under their own keys.
        var problems = new ArrayList<String>();
        noHosts.check(keysInto(problems));
        assertEquals(
                List.of(
                        "moderate:openMetadataHostname",
                        "moderate:certManagerClusterIssuer",
                        "moderate:keycloakHostname"),
                problems);
    }

    @Test
    void eachGroupChecksItsOwnRules() {
        var problems = new ArrayList<String>();
        var collect = keysInto(problems);
        new ModerateSettings.PlatformApi(
                        Optional.of("https://api.example"), Optional.empty(), Optional.empty())
                .check(collect);
        // A key without its secret is wrong in any mode; a bucket without keys is prepare's (a plan
        // may lack secrets).
        new ModerateSettings.S3(
                        Optional.of(Output.ofSecret("AK")),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.of("bucket"),
                        Optional.empty())
                .check(collect);
        new ModerateSettings.Dagster(
                        "r/code",
                        "t",
                        "1.8.7",
                        List.of("--package-name", "moderate"),
                        List.of(),
                        Optional.empty(),
                        "img:1",
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty())
                .check(collect);
        assertEquals(
                List.of(
                        "moderate:apiBaseUrl",
                        "moderate:s3AccessKeyId",
                        "moderate:codeLocationDagsterVersion"),
                problems);
        problems.clear();
        new ModerateSettings.PlatformApi(Optional.empty(), Optional.empty(), Optional.empty())
                .check(collect);
        new ModerateSettings.S3(
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty())
                .check(collect);
        assertEquals(List.of(), problems, "services left out entirely are fine");
    }

    /** A rule collector that keeps only the keys the rules report. */
    private static SettingsRules.Problems keysInto(List<String> keys) {
        return new SettingsRules.Problems() {
            @Override
            public void add(String key, String problem) {
                keys.add(key);
            }

            @Override
            public void add(String key, String problem, String fix) {
                keys.add(key);
            }
        };
    }
}
