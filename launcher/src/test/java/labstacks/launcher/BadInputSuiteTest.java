package labstacks.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.stream.Stream;
import labstacks.offline.plan.PlanPrinter;
import labstacks.offline.testing.ProgramHarness;
import labstacks.shared.config.RunMode;
import labstacks.shared.program.ProgramCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bad inputs, one edit at a time to a copy of the repository's real stack files, as a user would make
 * them (the cases of issue 16 and its audit). Each must exit 1 with a message that names the key and
 * the rule, and plan nothing: no tree on stdout, and a JSON entry with {@code errors} and no resources.
 */
class BadInputSuiteTest {

    @TempDir Path temp;

    /** One bad edit of one stack file and what the error must say. */
    record Case(String name, String stack, UnaryOperator<String> edit, List<String> expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Case bad(
            String name, String stack, UnaryOperator<String> edit, String... expected) {
        return new Case(name, stack, edit, List.of(expected));
    }

    /** Sets {@code key} to the YAML text {@code value}, replacing its line or adding one at the end of config. */
    private static UnaryOperator<String> set(String key, String value) {
        return text -> {
            var line = "  " + key + ": " + value;
            var lines = new ArrayList<>(text.lines().toList());
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).startsWith("  " + key + ":")) {
                    lines.set(i, line);
                    return String.join("\n", lines) + "\n";
                }
            }
            return text + line + "\n";
        };
    }

    private static UnaryOperator<String> remove(String key) {
        return text ->
                String.join(
                                "\n",
                                text.lines().filter(l -> !l.startsWith("  " + key + ":")).toList())
                        + "\n";
    }

    private static UnaryOperator<String> rename(String key, String newKey) {
        return text -> text.replace("  " + key + ":", "  " + newKey + ":");
    }

    private static UnaryOperator<String> append(String line) {
        return text -> text + line + "\n";
    }

    static Stream<Case> cases() {
        return Stream.of(
                // 1. provider namespaces
                bad(
                        "kubernetes:context mistyped in moderate-prod",
                        "moderate-prod",
                        rename("kubernetes:context", "kubernetes:contxt"),
                        "kubernetes:contxt: is not a setting of the kubernetes provider (did you mean kubernetes:context?)",
                        "kubernetes:context: is required outside local environments (this stack's environment is 'prod')"),
                bad(
                        "kubernetes:context mistyped in biositing-prod",
                        "biositing-prod",
                        rename("kubernetes:context", "kubernetes:contxt"),
                        "did you mean kubernetes:context?",
                        "kubernetes:context: is required outside local environments"),
                bad(
                        "kubernetes:context removed in biositing-prod",
                        "biositing-prod",
                        remove("kubernetes:context"),
                        "kubernetes:context: is required outside local environments",
                        "pulumi config set kubernetes:context"),
                bad(
                        "kubernetes:context removed in moderate-prod",
                        "moderate-prod",
                        remove("kubernetes:context"),
                        "kubernetes:context: is required outside local environments"),
                bad(
                        "aws:regoin in pipeweave-staging",
                        "pipeweave-staging",
                        rename("aws:region", "aws:regoin"),
                        "aws:regoin: is not a setting of the aws provider (did you mean aws:region?)"),
                bad(
                        "aws:regoin next to aws:region in megatests-prod",
                        "megatests-prod",
                        append("  aws:regoin: eu-central-1"),
                        "aws:regoin: is not a setting of the aws provider (did you mean aws:region?)"),
                bad(
                        "github:tokn in megatests-prod",
                        "megatests-prod",
                        append("  github:tokn: x"),
                        "github:tokn: is not a setting of the github provider (did you mean github:token?)"),
                bad(
                        "seqera:serverUrl, ignored by the explicit provider",
                        "megatests-prod",
                        append("  seqera:serverUrl: https://x.org"),
                        "seqera:serverUrl: is a setting of the seqera provider, but megatests creates its seqera providers explicitly"),
                bad(
                        "aws:profile in igenomes-prod, which reads no aws setting",
                        "igenomes-prod",
                        append("  aws:profile: x"),
                        "aws:profile: is a setting of the aws provider",
                        "igenomes reads no aws settings"),
                bad(
                        "a namespace nothing reads",
                        "pipeweave-production",
                        append("  awss:region: us-east-1"),
                        "awss:region: is in the namespace 'awss', which neither pipeweave nor a provider reads (did you mean aws:region?)"),
                // 2. YAML 1.1 against YAML 1.2
                bad(
                        "glacierTransitionDays 010",
                        "pipeweave-production",
                        set("pipeweave:glacierTransitionDays", "010"),
                        "pipeweave:glacierTransitionDays: has the unquoted value 010",
                        "010 is 8",
                        "quote it: pipeweave:glacierTransitionDays: \"010\""),
                bad(
                        "glacierTransitionDays 1:30",
                        "pipeweave-production",
                        set("pipeweave:glacierTransitionDays", "1:30"),
                        "has the unquoted value 1:30",
                        "(base 60)",
                        "quote it"),
                bad(
                        "glacierTransitionDays 0x5A",
                        "pipeweave-production",
                        set("pipeweave:glacierTransitionDays", "0x5A"),
                        "has the unquoted value 0x5A",
                        "quote it"),
                bad(
                        "glacierTransitionDays 1_0",
                        "pipeweave-production",
                        set("pipeweave:glacierTransitionDays", "1_0"),
                        "has the unquoted value 1_0",
                        "quote it"),
                bad(
                        "quoted glacierTransitionDays \"010\"",
                        "pipeweave-production",
                        set("pipeweave:glacierTransitionDays", "\"010\""),
                        "pipeweave:glacierTransitionDays: expected a whole number from 1 to 36500, got \"010\"",
                        "without leading zeros"),
                bad(
                        "towerWorkspaceId 0123 unquoted",
                        "megatests-prod",
                        set("megatests:towerWorkspaceId", "0123"),
                        "megatests:towerWorkspaceId: has the unquoted value 0123",
                        "0123 is 83",
                        "quote it"),
                bad(
                        "protectBucket yes",
                        "pipeweave-production",
                        set("pipeweave:protectBucket", "yes"),
                        "pipeweave:protectBucket: has the unquoted value yes",
                        "YAML 1.1 reads it as a boolean",
                        "quote it"),
                bad(
                        "retainOnDelete on",
                        "pipeweave-production",
                        set("pipeweave:retainOnDelete", "on"),
                        "pipeweave:retainOnDelete: has the unquoted value on"),
                bad(
                        "forceDestroy off",
                        "pipeweave-development",
                        set("pipeweave:forceDestroy", "off"),
                        "pipeweave:forceDestroy: has the unquoted value off"),
                bad(
                        "allowDelete no",
                        "pipeweave-development",
                        set("pipeweave:allowDelete", "no"),
                        "pipeweave:allowDelete: has the unquoted value no"),
                bad(
                        "duplicated key",
                        "pipeweave-production",
                        append("  pipeweave:glacierTransitionDays: 1"),
                        "pipeweave:glacierTransitionDays: is set twice in Pulumi.pipeweave-production.yaml (lines 9 and "),
                bad(
                        "mistyped top-level key",
                        "pipeweave-production",
                        append("conifg:\n  pipeweave:allowDelete: true"),
                        "conifg: is not a key of a stack file (did you mean config?)"),
                // 3. values that passed but were wrong
                bad(
                        "bucket name like an IP address",
                        "pipeweave-production",
                        set("pipeweave:bucketName", "192.168.5.4"),
                        "pipeweave:bucketName: expected an S3 bucket name, got \"192.168.5.4\"",
                        "not formatted as an IP address"),
                bad(
                        "bucket name with ..",
                        "pipeweave-production",
                        set("pipeweave:bucketName", "my..bucket"),
                        "a bucket name has no two adjacent periods"),
                bad(
                        "bucket name sthree-",
                        "pipeweave-production",
                        set("pipeweave:bucketName", "sthree-bucket"),
                        "does not start with 'sthree-'"),
                bad(
                        "bucket name amzn-s3-demo-",
                        "pipeweave-production",
                        set("pipeweave:bucketName", "amzn-s3-demo-bucket"),
                        "does not start with 'amzn-s3-demo-'"),
                bad(
                        "bucket name --ol-s3",
                        "pipeweave-production",
                        set("pipeweave:bucketName", "my-bucket--ol-s3"),
                        "does not end with '--ol-s3'"),
                bad(
                        "bucket name --x-s3",
                        "pipeweave-production",
                        set("pipeweave:bucketName", "my-bucket--x-s3"),
                        "does not end with '--x-s3'"),
                bad(
                        "bucket name xn--",
                        "pipeweave-production",
                        set("pipeweave:bucketName", "xn--bucket"),
                        "does not start with 'xn--'"),
                bad(
                        "bucket name -s3alias",
                        "pipeweave-production",
                        set("pipeweave:bucketName", "my-bucket-s3alias"),
                        "does not end with '-s3alias'"),
                bad(
                        "bucket name in upper case says the rule, not a regex",
                        "pipeweave-production",
                        set("pipeweave:bucketName", "NF-Core_Megatests"),
                        "only lower-case letters, digits, '.' and '-'"),
                bad(
                        "megatests bucket like an IP address",
                        "megatests-prod",
                        set("megatests:bucketName", "10.0.0.1"),
                        "megatests:bucketName: expected an S3 bucket name",
                        "not formatted as an IP address"),
                bad(
                        "workspace id above 2^53",
                        "megatests-prod",
                        set("megatests:towerWorkspaceId", "\"9007199254740993\""),
                        "megatests:towerWorkspaceId: expected a whole number from 1 up to 2^53 (9007199254740992)"),
                bad(
                        "workspace id Long.MAX",
                        "megatests-prod",
                        set("megatests:towerWorkspaceId", "\"9223372036854775807\""),
                        "up to 2^53"),
                bad(
                        "workspace id \"59994744926013.0\"",
                        "megatests-prod",
                        set("megatests:towerWorkspaceId", "\"59994744926013.0\""),
                        "got \"59994744926013.0\""),
                bad(
                        "workspace id 59994744926013.0 unquoted",
                        "megatests-prod",
                        set("megatests:towerWorkspaceId", "59994744926013.0"),
                        "which the Pulumi CLI hands the program as 59994744926013"),
                bad(
                        "region zz-nowhere-9",
                        "pipeweave-production",
                        set("aws:region", "zz-nowhere-9"),
                        "aws:region: expected an AWS region, got \"zz-nowhere-9\"",
                        "not an AWS region"),
                bad(
                        "region in upper case",
                        "megatests-prod",
                        set("aws:region", "EU-WEST-1"),
                        "not an AWS region (did you mean eu-west-1?)"),
                bad(
                        "namespace kube-system",
                        "biositing-prod",
                        append("  biositing:namespace: kube-system"),
                        "biositing:namespace: expected a Kubernetes namespace of the stack's own, got \"kube-system\"",
                        "belongs to the cluster itself"),
                bad(
                        "namespace default",
                        "moderate-prod",
                        set("moderate:namespace", "default"),
                        "moderate:namespace:",
                        "'default' belongs to the cluster itself"),
                bad(
                        "image with ::",
                        "biositing-prod",
                        set("biositing:pipelineImage", "ghcr.io/x/pipeline::1.0"),
                        "biositing:pipelineImage: expected an image pinned by tag (not latest) or digest",
                        "the tag after ':'"),
                bad(
                        "image with an empty path part",
                        "biositing-prod",
                        set("biositing:pipelineImage", "ghcr.io/x/:1.0"),
                        "the repository path has an empty part"),
                bad(
                        "image with a tag plus a tag setting",
                        "moderate-local",
                        set("moderate:codeLocationImage", "localhost:5000/moderate-dagster:v1"),
                        "moderate:codeLocationImage: expected an image repository without tag",
                        "give the repository only, without ':v1'"),
                bad(
                        "image not an image",
                        "moderate-prod",
                        append("  moderate:matrixProfileJobImage: \"NOT AN IMAGE!!\""),
                        "moderate:matrixProfileJobImage: expected an image reference",
                        "no spaces"),
                bad(
                        "image tag latest",
                        "biositing-prod",
                        set("biositing:pipelineImage", "ghcr.io/x/pipeline:latest"),
                        "'latest' moves"),
                bad(
                        "storage 5GB",
                        "biositing-prod",
                        set("biositing:postgresStorage", "5GB"),
                        "biositing:postgresStorage: expected a volume size such as 10Gi",
                        "a Kubernetes quantity is a number"),
                bad(
                        "storage 0",
                        "moderate-prod",
                        set("moderate:postgresStorage", "\"0\""),
                        "a volume size is more than zero"),
                bad(
                        "storage class Fast_SSD",
                        "biositing-prod",
                        append("  biositing:storageClass: Fast_SSD"),
                        "biositing:storageClass: expected a Kubernetes object name"),
                bad(
                        "seqeraServerUrl not a URL",
                        "megatests-prod",
                        append("  megatests:seqeraServerUrl: not a url"),
                        "megatests:seqeraServerUrl: expected an http(s) URL, got \"not a url\" from Pulumi.megatests-prod.yaml",
                        "not a URL"),
                bad(
                        "prefectUiApiUrl not a URL",
                        "biositing-prod",
                        set("biositing:prefectUiApiUrl", "not a url"),
                        "biositing:prefectUiApiUrl: expected an http(s) URL"),
                bad(
                        "s3EndpointUrl without scheme",
                        "moderate-prod",
                        set("moderate:s3EndpointUrl", "storage.googleapis.com"),
                        "moderate:s3EndpointUrl: expected an http(s) URL",
                        "starts with http:// or https://"),
                bad(
                        "server host with a shell command",
                        "biositing-prod",
                        append("  biositing:prefectServerApiHost: \"999.1.1.1 ; rm\""),
                        "biositing:prefectServerApiHost: expected a host name or IPv4 address"),
                bad(
                        "realm with a path",
                        "moderate-prod",
                        append("  moderate:realm: \"my realm/../x\""),
                        "moderate:realm: expected a realm name"),
                bad(
                        "encrypted value on a plain setting",
                        "pipeweave-production",
                        append("  pipeweave:bucketName:\n    secure: v1:AAAABBBB"),
                        "pipeweave:bucketName: is stored encrypted (secure:) in Pulumi.pipeweave-production.yaml, but it is not a secret setting"),
                bad(
                        "encrypted workspace id",
                        "megatests-prod",
                        set("megatests:towerWorkspaceId", "\n    secure: v1:AAAABBBB"),
                        "megatests:towerWorkspaceId: is stored encrypted (secure:)"),
                bad(
                        "import id under an unknown key",
                        "megatests-prod",
                        append("  megatests:importIds:\n    computeEnv.cpux: abc123"),
                        "megatests:importIds: computeEnv.cpux: no such compute environment; the keys are computeEnv.cpu"),
                bad(
                        "variable import id that is not its name",
                        "megatests-prod",
                        append(
                                "  megatests:importIds:\n    variable.AWS_S3_BUCKET: AWS_S3_BUCKET_OLD"),
                        "variable.AWS_S3_BUCKET: the import id of an organization variable is its name, AWS_S3_BUCKET"),
                bad(
                        "environment in the wrong form",
                        "moderate-prod",
                        set("labstacks:environment", "Production"),
                        "expected a name of 1 to 32 lower-case letters, digits and '-', starting with a letter"),
                bad(
                        "environment missing, said once",
                        "pipeweave-production",
                        remove("labstacks:environment"),
                        "1 configuration problem",
                        "labstacks:environment: is required but not set"),
                // 4. production identity, cluster targets and data locations (issue 23)
                bad(
                        "production stack file says staging",
                        "pipeweave-production",
                        set("labstacks:environment", "staging"),
                        "labstacks:environment: is staging, but the stack pipeweave-production is a production stack"
                                + " (production) by its name (it ends in -production)",
                        "set labstacks:environment: production in Pulumi.pipeweave-production.yaml"),
                bad(
                        "igenomes-prod says dev",
                        "igenomes-prod",
                        set("labstacks:environment", "dev"),
                        "labstacks:environment: is dev, but the stack igenomes-prod is a production stack (prod)"),
                bad(
                        "megatests-prod says staging",
                        "megatests-prod",
                        set("labstacks:environment", "staging"),
                        "labstacks:environment: is staging, but the stack megatests-prod is a production stack"),
                bad(
                        "moderate-prod says local",
                        "moderate-prod",
                        set("labstacks:environment", "local"),
                        "labstacks:environment: is local, but the stack moderate-prod is a production stack"),
                bad(
                        "biositing-prod says production",
                        "biositing-prod",
                        set("labstacks:environment", "production"),
                        "labstacks:environment: is production, but the stack biositing-prod is a production stack (prod)"),
                bad(
                        "staging stack file says production",
                        "pipeweave-staging",
                        set("labstacks:environment", "production"),
                        "labstacks:environment: is production, but the stack pipeweave-staging is the staging stack"),
                bad(
                        "development stack file says staging",
                        "pipeweave-development",
                        set("labstacks:environment", "staging"),
                        "labstacks:environment: is staging, but the stack pipeweave-development is the development stack"),
                bad(
                        "local stack file says prod",
                        "moderate-local",
                        set("labstacks:environment", "prod"),
                        "labstacks:environment: is prod, but the stack moderate-local is the local stack"),
                bad(
                        "local stack file says staging",
                        "biositing-local",
                        set("labstacks:environment", "staging"),
                        "labstacks:environment: is staging, but the stack biositing-local is the local stack"),
                bad(
                        "kubernetes:context empty in moderate-prod",
                        "moderate-prod",
                        set("kubernetes:context", "\"\""),
                        "kubernetes:context: is blank in Pulumi.moderate-prod.yaml: the provider would take whatever"
                                + " kubeconfig context is current"),
                bad(
                        "kubernetes:context blanks in biositing-prod",
                        "biositing-prod",
                        set("kubernetes:context", "\"   \""),
                        "kubernetes:context: is blank in Pulumi.biositing-prod.yaml"),
                bad(
                        "kubernetes:context empty in moderate-local",
                        "moderate-local",
                        set("kubernetes:context", "\"\""),
                        "kubernetes:context: is blank",
                        "or remove the line to use the current context on purpose"),
                bad(
                        "namespace moved on moderate-prod",
                        "moderate-prod",
                        set("moderate:namespace", "moderate-v2"),
                        "moderate:namespace: is moderate-v2, but this prod stack keeps its data",
                        "deleting the old one deletes every volume in it",
                        "moderate:allowDataRelocation: true"),
                bad(
                        "namespace moved on biositing-prod",
                        "biositing-prod",
                        append("  biositing:namespace: ca-biositing-v2"),
                        "biositing:namespace: is ca-biositing-v2, but this prod stack keeps its data",
                        "biositing:allowDataRelocation: true"),
                bad(
                        "storage class added on biositing-prod",
                        "biositing-prod",
                        append("  biositing:storageClass: fast"),
                        "biositing:storageClass: is fast, but this prod stack's volumes",
                        "a claim's class cannot change, so the provider would replace the claims and their data"),
                bad(
                        "storage class added on moderate-prod",
                        "moderate-prod",
                        append("  moderate:storageClass: fast"),
                        "moderate:storageClass: is fast"),
                // 5. the smaller cases of the reliability audit (issue 23)
                bad(
                        "Dagster auth-url empty",
                        "moderate-prod",
                        set(
                                "moderate:dagsterIngressAnnotations",
                                "'{\"nginx.ingress.kubernetes.io/auth-url\": \"\"}'"),
                        "moderate:dagsterIngressAnnotations: sets nginx.ingress.kubernetes.io/auth-url to \"\", which is"
                                + " not an http(s) URL: it authenticates nobody"),
                bad(
                        "Dagster auth-url blanks",
                        "moderate-prod",
                        set(
                                "moderate:dagsterIngressAnnotations",
                                "'{\"nginx.ingress.kubernetes.io/auth-url\": \"  \"}'"),
                        "which is not an http(s) URL: it authenticates nobody"),
                bad(
                        "Dagster basic auth without its Secret",
                        "moderate-prod",
                        set(
                                "moderate:dagsterIngressAnnotations",
                                "'{\"nginx.ingress.kubernetes.io/auth-type\": \"basic\"}'"),
                        "sets nginx.ingress.kubernetes.io/auth-type basic without nginx.ingress.kubernetes.io/auth-secret"),
                bad(
                        "two UIs on one node port",
                        "moderate-local",
                        append("  moderate:keycloakNodePort: 30585"),
                        "moderate:openMetadataNodePort: is 30585, the same node port as moderate:keycloakNodePort: each UI"
                                + " needs its own"),
                bad(
                        "three UIs on one node port",
                        "moderate-local",
                        append(
                                "  moderate:keycloakNodePort: 30181\n"
                                        + "  moderate:openMetadataNodePort: 30181"),
                        "moderate:openMetadataNodePort: is 30181, the same node port as moderate:keycloakNodePort",
                        "moderate:dagsterNodePort: is 30181, the same node port as moderate:keycloakNodePort"),
                bad(
                        "no OpenMetadata admin",
                        "moderate-prod",
                        append("  moderate:initialAdmins: '[]'"),
                        "moderate:initialAdmins: is an empty list: OpenMetadata would start without an administrator"),
                bad(
                        "oidcClientId empty",
                        "moderate-prod",
                        append("  moderate:oidcClientId: \"\""),
                        "moderate:oidcClientId: expected text, got \"\"",
                        "the value is empty; remove the key to take the"
                                + " default openmetadata, or give one"),
                bad(
                        "keycloakAdminUser blanks",
                        "moderate-prod",
                        append("  moderate:keycloakAdminUser: \"  \""),
                        "moderate:keycloakAdminUser: expected text, got \"  \"",
                        "the value is empty"),
                bad(
                        "matrixProfileJobTag empty",
                        "moderate-prod",
                        set("moderate:matrixProfileJobTag", "\"\""),
                        "moderate:matrixProfileJobTag: expected text, got \"\"",
                        "remove the key to take no value"),
                bad(
                        "s3Region with a space",
                        "moderate-prod",
                        set("moderate:s3Region", "\"eu west\""),
                        "moderate:s3Region: expected a region name: lower-case letters, digits and '-'"),
                bad(
                        "matrixProfileQueue with a shell command",
                        "moderate-prod",
                        append("  moderate:matrixProfileQueue: \"a b; rm -rf /\""),
                        "moderate:matrixProfileQueue: expected a queue name"),
                bad(
                        "ingressClassName not a name",
                        "moderate-prod",
                        set("moderate:ingressClassName", "\"Nginx Class\""),
                        "moderate:ingressClassName: expected a Kubernetes object name"),
                bad(
                        "ClusterIssuer not a name",
                        "moderate-prod",
                        set("moderate:certManagerClusterIssuer", "\"Let's Encrypt\""),
                        "moderate:certManagerClusterIssuer: expected a Kubernetes object name"),
                bad(
                        "TLS Secret not a name",
                        "moderate-prod",
                        append("  moderate:tlsSecretName: My_TLS"),
                        "moderate:tlsSecretName: expected a Kubernetes object name"),
                bad(
                        "breakGlassRoleArn with a short account, in words",
                        "pipeweave-production",
                        append(
                                "  pipeweave:breakGlassRoleArn: arn:aws:iam::12345:role/break-glass"),
                        "pipeweave:breakGlassRoleArn: expected an IAM role ARN: arn:aws:iam::<12-digit account>:role/<name>"),
                bad(
                        "breakGlassRoleArn with a wildcard, in words",
                        "pipeweave-production",
                        append("  pipeweave:breakGlassRoleArn: arn:aws:iam::123456789012:role/*"),
                        "no wildcard"),
                bad(
                        "forgePolicy in the wrong case",
                        "megatests-prod",
                        append("  megatests:forgePolicy: Scoped"),
                        "megatests:forgePolicy: expected one of nf-core, scoped, got \"Scoped\"",
                        "did you mean scoped?"),
                bad(
                        "participantRoles mistyped",
                        "megatests-prod",
                        append("  megatests:participantRoles: team"),
                        "megatests:participantRoles: expected one of original, teams, got \"team\"",
                        "did you mean teams?"));
    }

    private Path repositoryCopy() {
        try {
            var root = ProgramHarness.repositoryRoot();
            try (var files = Files.list(root)) {
                for (var file :
                        files.filter(
                                        p ->
                                                p.getFileName()
                                                        .toString()
                                                        .matches("Pulumi(\\..+)?\\.yaml"))
                                .toList()) {
                    Files.copy(file, temp.resolve(file.getFileName()));
                }
            }
            return temp;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static LauncherRun run(Path root, String... args) {
        return LauncherRun.of(root, args);
    }

    /** Nothing planned: no tree printed, and the JSON entry has errors but no resources or outputs. */
    private static void assertNothingPlanned(LauncherRun result, JsonObject entry, String stack) {
        assertFalse(result.out().contains("Resources:"), result.out());
        assertFalse(result.out().contains("Offline plan of"), result.out());
        assertEquals(stack, entry.get("stack").getAsString());
        assertTrue(entry.getAsJsonArray("errors").size() >= 1, entry.toString());
        assertEquals(0, entry.getAsJsonArray("resources").size(), entry.toString());
        assertEquals(0, entry.getAsJsonObject("outputs").size(), entry.toString());
        assertFalse(
                result.err().contains("\tat "), "no stack trace without --debug: " + result.err());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void badInputIsRefusedBeforeAnythingIsPlanned(Case input) throws IOException {
        var root = repositoryCopy();
        var file = root.resolve("Pulumi." + input.stack() + ".yaml");
        Files.writeString(file, input.edit().apply(Files.readString(file)));
        var json = root.resolve("plan.json");

        var result = run(root, "plan", input.stack(), "--json", json.toString());

        assertEquals(1, result.code(), result.out() + result.err());
        for (var expected : input.expected()) {
            assertTrue(
                    result.err().contains(expected),
                    "expected <" + expected + "> in:\n" + result.err());
        }
        assertTrue(
                result.err().contains("Pulumi." + input.stack() + ".yaml"),
                "names the stack file: " + result.err());
        assertTrue(result.err().contains("fix: "), "says the fix: " + result.err());
        assertFalse(
                result.err().contains("(?!"),
                "says the rule in words, not a regex: " + result.err());
        assertFalse(
                result.err().contains("expected text matching"),
                "says the rule in words, not a regex: " + result.err());
        var entry = JsonParser.parseString(Files.readString(json)).getAsJsonObject();
        assertNothingPlanned(result, entry, input.stack());
    }

    /** The stack name itself can make the derived bucket name invalid: refused before anything registers. */
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "pipeweave-a..b | 'pipeweave-datasets-staging-a..b', is not a valid bucket name: a bucket name has no two adjacent periods",
                "pipeweave-QA_1 | 'pipeweave-datasets-staging-QA_1', is not a valid bucket name: a bucket name has only lower-case letters",
                "pipeweave-a-very-long-stack-name-that-makes-the-bucket-name-too-long | 'pipeweave-datasets-staging-a-very-long-stack-name-that-makes-the-bucket-name-too-long', is not a valid bucket name: a bucket name is 3 to 63 characters long (this one has 85)",
            })
    void derivedBucketNamesAreCheckedBeforeAnythingRegisters(String stack, String expected)
            throws IOException {
        var root = repositoryCopy();
        Files.copy(
                root.resolve("Pulumi.pipeweave-staging.yaml"),
                root.resolve("Pulumi." + stack + ".yaml"));
        var json = root.resolve("plan.json");
        var result = run(root, "plan", stack, "--json", json.toString());
        assertEquals(1, result.code(), result.err());
        assertTrue(
                result.err()
                        .contains(
                                "pipeweave:bucketName: is not set, and the name derived from the stack name, "
                                        + expected),
                result.err());
        assertTrue(
                result.err()
                        .contains(
                                "fix: pulumi config set pipeweave:bucketName <bucket name> -s "
                                        + stack),
                result.err());
        assertNothingPlanned(
                result, JsonParser.parseString(Files.readString(json)).getAsJsonObject(), stack);
    }

    /** A password in a URL is refused and never repeated: not on stderr, not in the JSON errors (audit mt08). */
    @Test
    void aPasswordInAUrlIsRefusedWithoutRepeatingIt() throws IOException {
        var root = repositoryCopy();
        var file = root.resolve("Pulumi.megatests-prod.yaml");
        Files.writeString(
                file,
                append("  megatests:seqeraServerUrl: https://user:CANARYinline@api.example.org")
                        .apply(Files.readString(file)));
        var json = root.resolve("plan.json");
        var result = run(root, "plan", "megatests-prod", "--json", json.toString());
        assertEquals(1, result.code(), result.err());
        assertTrue(
                result.err()
                        .contains(
                                "megatests:seqeraServerUrl: expected an http(s) URL, got"
                                        + " \"https://<user info hidden>@api.example.org\""),
                result.err());
        assertTrue(
                result.err()
                        .contains(
                                "the URL carries a user name or password; put credentials in a secret setting"),
                result.err());
        for (var text : List.of(result.out(), result.err(), Files.readString(json))) {
            assertFalse(text.contains("CANARYinline"), text);
        }
    }

    /** Valid Kubernetes quantities that the old pattern refused. */
    @ParameterizedTest
    @ValueSource(strings = {"1.5Gi", "\"5\"", "500M", "2Ti"})
    void validQuantitiesAreAccepted(String size) throws IOException {
        var root = repositoryCopy();
        var file = root.resolve("Pulumi.biositing-prod.yaml");
        Files.writeString(
                file, set("biositing:postgresStorage", size).apply(Files.readString(file)));
        var json = root.resolve("plan.json");
        var result = run(root, "plan", "biositing-prod", "--json", json.toString());
        assertEquals(0, result.code(), result.err());
        assertTrue(
                Files.readString(json).contains("\"" + size.replace("\"", "") + "\""),
                "the size reaches the volume claim");
    }

    @Test
    void aProgramThatFailsPlansNothingSaysItOnceAndShowsTheTraceOnlyWithDebug() throws IOException {
        Files.writeString(temp.resolve("Pulumi.yaml"), "name: labstacks\nruntime: java\n");
        Files.writeString(
                temp.resolve("Pulumi.failing-dev.yaml"),
                "config:\n  labstacks:program: failing\n  labstacks:environment: dev\n");
        var json = temp.resolve("plan.json");
        var result = run(temp, "plan", "failing-dev", "--json", json.toString());
        assertEquals(1, result.code());
        assertEquals(
                1,
                result.err().split("the failing program failed: boom", -1).length - 1,
                "the error is said once: " + result.err());
        assertTrue(
                result.err()
                        .contains(
                                "error: failing-dev: the program failing failed, nothing was planned"),
                result.err());
        assertTrue(result.err().contains("run with --debug for the stack trace"), result.err());
        assertFalse(
                Files.readString(json).contains("partial-plan-bucket"),
                "no partial plan in the JSON");
        assertNothingPlanned(
                result,
                JsonParser.parseString(Files.readString(json)).getAsJsonObject(),
                "failing-dev");

        var debug = run(temp, "plan", "failing-dev", "--debug");
        assertEquals(1, debug.code());
        assertTrue(
                debug.err().contains("\tat labstacks.launcher.FailingProgram.define"), debug.err());
    }

    @Test
    void jsonHasOneEntryPerRequestedStackWithErrorsForFailedOnes() throws IOException {
        var root = repositoryCopy();
        var file = root.resolve("Pulumi.pipeweave-staging.yaml");
        Files.writeString(file, rename("aws:region", "aws:regoin").apply(Files.readString(file)));

        var single = root.resolve("single.json");
        assertEquals(1, run(root, "plan", "pipeweave-staging", "--json", single.toString()).code());
        var object = JsonParser.parseString(Files.readString(single)).getAsJsonObject();
        assertEquals("pipeweave", object.get("program").getAsString());
        assertTrue(object.getAsJsonArray("errors").get(0).getAsString().contains("aws:regoin"));

        var unknown = root.resolve("unknown.json");
        assertEquals(1, run(root, "plan", "nosuch", "--json", unknown.toString()).code());
        var missing = JsonParser.parseString(Files.readString(unknown)).getAsJsonObject();
        assertEquals("nosuch", missing.get("stack").getAsString());
        assertTrue(
                missing.getAsJsonArray("errors")
                        .get(0)
                        .getAsString()
                        .contains("unknown stack 'nosuch'"));

        var all = root.resolve("all.json");
        var result = run(root, "plan", "--all", "--json", all.toString());
        assertEquals(1, result.code());
        var entries = JsonParser.parseString(Files.readString(all)).getAsJsonArray();
        try (var files = Files.list(root)) {
            assertEquals(
                    files.filter(p -> p.getFileName().toString().matches("Pulumi\\..+\\.yaml"))
                            .count(),
                    entries.size());
        }
        var failed =
                entries.asList().stream()
                        .map(e -> e.getAsJsonObject())
                        .filter(e -> e.getAsJsonArray("errors").size() > 0)
                        .toList();
        assertEquals(1, failed.size());
        assertEquals("pipeweave-staging", failed.get(0).get("stack").getAsString());
        assertTrue(
                result.out().contains("Offline plan of labstacks/pipeweave-production"),
                "the other stacks are planned");

        var stdout = run(root, "plan", "pipeweave-production", "--json", "-");
        assertEquals(0, stdout.code());
        assertEquals(
                "pipeweave-production",
                JsonParser.parseString(stdout.out()).getAsJsonObject().get("stack").getAsString());
        assertFalse(Files.exists(root.resolve("-")), "--json - is stdout, not a file named -");
    }

    /** The plan shows what only the cloud knows as [unknown], as pulumi preview does; it invents nothing. */
    @Test
    void thePlanInventsNoArnsKeysOrIds() throws IOException {
        var json = temp.resolve("all.json");
        var result =
                run(ProgramHarness.repositoryRoot(), "plan", "--all", "--json", json.toString());
        assertEquals(0, result.code(), result.err());
        var text = Files.readString(json);
        for (var invented :
                List.of(
                        "123456789012",
                        "AKIAOFFLINE",
                        "offline-plan-secret-access-key",
                        "Z1BKCTXD74EZPE")) {
            assertFalse(text.contains(invented), invented);
            assertFalse(result.out().contains(invented), invented);
        }
        var megatests =
                JsonParser.parseString(text).getAsJsonArray().asList().stream()
                        .map(e -> e.getAsJsonObject())
                        .filter(e -> e.get("stack").getAsString().equals("megatests-prod"))
                        .findFirst()
                        .orElseThrow();
        var variables =
                megatests.getAsJsonArray("resources").asList().stream()
                        .map(e -> e.getAsJsonObject())
                        .filter(
                                r ->
                                        r.get("type")
                                                .getAsString()
                                                .endsWith(
                                                        "actionsOrganizationVariable:ActionsOrganizationVariable"))
                        .filter(
                                r ->
                                        r.getAsJsonObject("inputs")
                                                .get("variableName")
                                                .getAsString()
                                                .startsWith("TOWER_COMPUTE_ENV_"))
                        .toList();
        assertEquals(3, variables.size(), "the CPU, GPU and ARM compute environment variables");
        for (var variable : variables) {
            assertEquals(
                    "[unknown]",
                    variable.getAsJsonObject("inputs").get("value").getAsString(),
                    "a Seqera id is known only once the platform creates the environment");
        }
    }

    /** One broken or hostile export and what adopt must say about it (audit 2026-12-07, reliability.md ad02-ad37). */
    record ExportCase(String name, Function<Path, Path> write, String expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** A valid export of pipeweave-staging as text, with {@code edit} applied. */
    private static String validExport(UnaryOperator<String> edit) {
        var export =
                PlanExport.of(
                        PlanExport.plan(ProgramHarness.repositoryRoot(), "pipeweave-staging"));
        try {
            var file = Files.createTempFile("export", ".json");
            export.write(file);
            var text = Files.readString(file);
            Files.delete(file);
            return edit.apply(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Function<Path, Path> text(UnaryOperator<String> edit) {
        return dir -> {
            try {
                return Files.writeString(dir.resolve("state.json"), validExport(edit));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    private static Function<Path, Path> bytes(byte[] content) {
        return dir -> {
            try {
                return Files.write(dir.resolve("state.json"), content);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    /** The first resource's {@code "custom": true} turned into {@code "custom": true, "<key>": <json>}. */
    private static UnaryOperator<String> field(String key, String json) {
        return t ->
                t.replaceFirst(
                        "\"custom\": true",
                        "\"custom\": true, \"" + key + "\": " + Matcher.quoteReplacement(json));
    }

    static Stream<ExportCase> exportCases() {
        var deep = "{\"a\":".repeat(20_000) + "1" + "}".repeat(20_000);
        return Stream.of(
                new ExportCase(
                        "protect is text",
                        text(field("protect", "\"yes\"")),
                        ".protect is text, not true or false"),
                new ExportCase(
                        "custom is an object",
                        text(t -> t.replaceFirst("\"custom\": true", "\"custom\": {\"x\": 1}")),
                        ".custom is an object, not true or false"),
                new ExportCase(
                        "id is an object",
                        text(t -> t.replaceFirst("\"id\": \"[^\"]*\"", "\"id\": {\"x\": 1}")),
                        ".id is an object, not text"),
                new ExportCase(
                        "inputs nested 20,000 deep",
                        text(field("inputs", deep)),
                        ".inputs.a.a.a: nested deeper than 128 levels"),
                new ExportCase(
                        "truncated",
                        text(t -> t.substring(0, 1000)),
                        "not JSON: the file ends in the middle of a value"),
                new ExportCase(
                        "a URN twice",
                        text(
                                t ->
                                        t.replaceFirst(
                                                "\"resources\": \\[\\s*(\\{[^{}]*(\\{[^{}]*\\}[^{}]*)*\\})",
                                                "\"resources\": [$1, $1")),
                        "a state holds each resource once"),
                new ExportCase(
                        "version as text",
                        text(t -> t.replaceFirst("\"version\": 3", "\"version\": \"3\"")),
                        "\"version\" is text, not the number 3"),
                new ExportCase(
                        "two version keys",
                        text(
                                t ->
                                        t.replaceFirst(
                                                "\"version\": 3",
                                                "\"version\": 2, \"version\": 3")),
                        "\"version\" appears twice"),
                new ExportCase(
                        "a labstacks plan",
                        bytes(
                                ("{\"version\":1,\"project\":\"labstacks\",\"stack\":\"s\","
                                                + "\"program\":\"pipeweave\",\"resources\":[]}")
                                        .getBytes(StandardCharsets.UTF_8)),
                        "this is a labstacks plan (./labstacks plan --json), not a Pulumi stack export"),
                new ExportCase(
                        "not UTF-8",
                        bytes(new byte[] {'{', '"', (byte) 0xE9, '"', ':', '1', '}'}),
                        "not UTF-8 text"),
                new ExportCase(
                        "missing file",
                        dir -> dir.resolve("nothing-here.json"),
                        "nothing-here.json: no such file"),
                new ExportCase("a directory", dir -> dir, "is a directory, not a file"),
                new ExportCase(
                        "too many values",
                        bytes(
                                ("{\"version\":3,\"deployment\":{\"resources\":[{\"urn\":"
                                                + "\"urn:pulumi:s::p::aws:s3/bucketV2:BucketV2::b\",\"type\":\"aws:s3/bucketV2:BucketV2\",\"inputs\":{\"x\":["
                                                + "0,".repeat(1_600_000)
                                                + "0]}}]}}")
                                        .getBytes(StandardCharsets.UTF_8)),
                        "deployment.resources[0].inputs.x: more than 1500000 values"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("exportCases")
    void aBrokenOrHostileExportIsOneClearErrorNamingTheFileAndTheField(ExportCase input)
            throws IOException {
        var state = input.write().apply(temp);
        var json = temp.resolve("adopt-report.json");
        var result =
                run(
                        ProgramHarness.repositoryRoot(),
                        "adopt",
                        "pipeweave-staging",
                        "--state",
                        state.toString(),
                        "--json",
                        json.toString());
        assertEquals(1, result.code(), result.out() + result.err());
        assertTrue(
                result.err().startsWith("error: " + state),
                "one error naming the file: " + result.err());
        assertTrue(
                result.err().contains(input.expected()),
                "expected <" + input.expected() + "> in:\n" + result.err());
        assertEquals(1, result.err().lines().count(), "one line: " + result.err());
        assertFalse(
                result.err().contains("Exception") || result.err().contains("\tat "), result.err());
        assertFalse(Files.exists(json), "no report for an export that cannot be read");
    }

    /**
     * The launcher's own heap (launcher/jvm.options: -Xmx384m) in a JVM of its own: a 150 MB export, one
     * of 60 MB that is a single huge value, and one 20,000 levels deep each end in one clear error.
     */
    @Test
    void hugeExportsStayWithinTheLaunchersHeap() throws Exception {
        var huge = temp.resolve("huge.json");
        try (var out = new BufferedWriter(Files.newBufferedWriter(huge))) {
            out.write(
                    "{\"version\":3,\"deployment\":{\"resources\":[{\"urn\":\"urn:pulumi:s::p::pulumi:pulumi:Stack::p-s\","
                            + "\"type\":\"pulumi:pulumi:Stack\",\"outputs\":{\"blob\":\"");
            var chunk = "x".repeat(1 << 20);
            for (int i = 0; i < 150; i++) {
                out.write(chunk);
            }
            out.write("\"}}]}}");
        }
        var large = temp.resolve("large.json");
        try (var out = new BufferedWriter(Files.newBufferedWriter(large))) {
            out.write(
                    "{\"version\":3,\"deployment\":{\"resources\":[{\"urn\":\"urn:pulumi:s::p::pulumi:pulumi:Stack::p-s\","
                            + "\"type\":\"pulumi:pulumi:Stack\",\"outputs\":{\"blob\":\"");
            var chunk = "x".repeat(1 << 20);
            for (int i = 0; i < 60; i++) {
                out.write(chunk);
            }
            out.write("\"}}]}}");
        }
        var javaCommand = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (var file : List.of(huge, large)) {
            var process =
                    new ProcessBuilder(
                                    javaCommand,
                                    "-Xmx384m",
                                    "-Xss512k",
                                    "-cp",
                                    System.getProperty("java.class.path"),
                                    "labstacks.launcher.Main",
                                    "adopt",
                                    "pipeweave-staging",
                                    "--state",
                                    file.toString(),
                                    "--root",
                                    ProgramHarness.repositoryRoot().toString())
                            .redirectErrorStream(true)
                            .start();
            var output =
                    new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(5, TimeUnit.MINUTES));
            assertFalse(
                    output.contains("OutOfMemoryError")
                            || output.contains("Exception")
                            || output.contains("\tat "),
                    output);
            if (file.equals(huge)) {
                assertEquals(1, process.exitValue(), output);
                assertTrue(
                        output.contains(file + ": is 150 MB; adopt reads exports of up to 64 MB"),
                        output);
            } else {
                // Read whole within the heap; it is the export of another project, which adopt
                // says.
                assertEquals(1, process.exitValue(), output);
                assertTrue(
                        output.contains("is the export of p/s, not of labstacks/pipeweave-staging"),
                        output);
            }
        }
    }

    @Test
    void cliPolish() {
        var version = run(temp, "--version");
        assertEquals(0, version.code());
        assertTrue(version.out().startsWith("labstacks "), version.out());
        for (var command : List.of("plan", "check", "programs", "igenomes-inventory")) {
            var help = run(temp, command, "--help");
            assertEquals(0, help.code(), command + ": " + help.err());
            assertTrue(
                    help.out().contains("usage: ./labstacks " + command),
                    command + ": " + help.out());
        }
        var endpoint = run(temp, "igenomes-inventory", "--endpoint", "notaurl");
        assertEquals(2, endpoint.code(), "a usage error, not an exception");
        assertTrue(
                endpoint.err().contains("--endpoint needs an absolute http(s) URL"),
                endpoint.err());
        assertFalse(endpoint.err().contains("Exception"), endpoint.err());
        assertEquals(2, run(temp, "programs", "extra").code());
        assertEquals(2, run(temp, "check", "--rules", "--all").code());
    }

    @Test
    void theTreeFallsBackToAsciiWhenTheConsoleIsNotUtf8() throws IOException {
        var run =
                ProgramHarness.forStackFile(
                                ProgramCatalog.discover().find("biositing-infra").orElseThrow(),
                                "biositing-prod")
                        .mode(RunMode.PLAN)
                        .preview(true)
                        .run()
                        .assertSucceeded();
        var ascii = PlanPrinter.render(run.plan(), false);
        assertTrue(ascii.chars().allMatch(c -> c < 128), "ASCII only");
        assertTrue(ascii.contains("|- ") && ascii.contains("`- "), ascii);
        var unicode = PlanPrinter.render(run.plan(), true);
        // Nested children keep the guide of an open ancestor, as pulumi preview draws it.
        assertTrue(unicode.contains("│  ├─ ") || unicode.contains("│  └─ "), unicode);
    }
}
