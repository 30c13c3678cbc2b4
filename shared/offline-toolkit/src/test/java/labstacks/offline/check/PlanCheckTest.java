package labstacks.offline.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import labstacks.offline.plan.Plan;
import labstacks.offline.plan.PlanValues;
import labstacks.offline.plan.PlannedResource;
import labstacks.shared.program.PolicyException;
import org.junit.jupiter.api.Test;

/** Every rule on a plan that passes and on one with the violation planted. */
class PlanCheckTest {

    private static PlannedResource resource(String type, String name, Map<String, Object> inputs) {
        return resource(type, name, inputs, null, false, List.of(), "explicit");
    }

    private static PlannedResource resource(
            String type,
            String name,
            Map<String, Object> inputs,
            String importId,
            boolean protect,
            List<String> ignoreChanges,
            String provider) {
        return new PlannedResource(
                "urn:" + type + "::" + name,
                type,
                name,
                true,
                null,
                null,
                null,
                provider,
                name,
                inputs,
                Map.of(),
                protect,
                importId,
                ignoreChanges,
                List.of(),
                false,
                false,
                List.of(),
                List.of(),
                Map.of(),
                "",
                "");
    }

    private static Plan plan(List<PlannedResource> resources) {
        return plan(resources, Map.of());
    }

    private static Plan plan(List<PlannedResource> resources, Map<String, Object> outputs) {
        return plan("test", resources, outputs);
    }

    private static Plan plan(
            String stack, List<PlannedResource> resources, Map<String, Object> outputs) {
        return new Plan(
                "labstacks", stack, "test", resources, outputs, List.of(), List.of(), List.of());
    }

    /** A resource with protect and retainOnDelete as given. */
    private static PlannedResource kept(
            String type, String name, Map<String, Object> inputs, boolean protect, boolean retain) {
        return new PlannedResource(
                "urn:" + type + "::" + name,
                type,
                name,
                true,
                null,
                null,
                null,
                "explicit",
                name,
                inputs,
                Map.of(),
                protect,
                null,
                List.of(),
                List.of(),
                false,
                retain,
                List.of(),
                List.of(),
                Map.of(),
                "",
                "");
    }

    private static List<String> rulesHit(Plan plan) {
        return PlanCheck.run(plan, List.of()).violations().stream()
                .map(Violation::rule)
                .distinct()
                .sorted()
                .toList();
    }

    private static Map<String, Object> map(Object... kv) {
        var map = new HashMap<String, Object>();
        for (int i = 0; i < kv.length; i += 2) {
            map.put((String) kv[i], kv[i + 1]);
        }
        return map;
    }

    // ---- S3 ----

    private static List<PlannedResource> goodBucket() {
        var policy =
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Principal\":{\"AWS\":\"*\"},"
                        + "\"Action\":\"s3:*\",\"Resource\":\"arn:aws:s3:::b\",\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"false\"}}}]}";
        return new ArrayList<>(
                List.of(
                        resource("aws:s3/bucketV2:BucketV2", "b", map("bucket", "b")),
                        resource(
                                "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
                                "b-pab",
                                map(
                                        "bucket",
                                        "b",
                                        "blockPublicAcls",
                                        true,
                                        "blockPublicPolicy",
                                        true,
                                        "ignorePublicAcls",
                                        true,
                                        "restrictPublicBuckets",
                                        true)),
                        resource(
                                "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
                                "b-sse",
                                map("bucket", "b")),
                        resource(
                                "aws:s3/bucketVersioningV2:BucketVersioningV2",
                                "b-ver",
                                map(
                                        "bucket",
                                        "b",
                                        "versioningConfiguration",
                                        map("status", "Enabled"))),
                        resource(
                                "aws:s3/bucketPolicy:BucketPolicy",
                                "b-policy",
                                map("bucket", "b", "policy", policy))));
    }

    /** A policy known only after deployment is not judged offline: no false "not JSON" or "no deny". */
    @Test
    void unknownPoliciesAreNotJudged() {
        var unknownPolicy = goodBucket();
        unknownPolicy.set(
                4,
                resource(
                        "aws:s3/bucketPolicy:BucketPolicy",
                        "b-policy",
                        map("bucket", "b", "policy", PlanValues.Unknown.VALUE)));
        unknownPolicy.add(
                resource("aws:iam/policy:Policy", "p", map("policy", PlanValues.Unknown.VALUE)));
        assertEquals(List.of(), rulesHit(plan(unknownPolicy)));
        var notJson = goodBucket();
        notJson.add(resource("aws:iam/policy:Policy", "p", map("policy", "[unknown")));
        assertEquals(
                List.of(
                        "iam-no-wildcard-action",
                        "iam-unscoped-role-management",
                        "iam-wildcard-resource-write"),
                rulesHit(plan(notJson)));
    }

    @Test
    void aFullySecuredBucketPasses() {
        assertEquals(List.of(), rulesHit(plan(goodBucket())));
    }

    @Test
    void eachMissingBucketSafeguardIsItsOwnViolation() {
        var noPab = goodBucket();
        noPab.set(
                1,
                resource(
                        "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
                        "b-pab",
                        map(
                                "bucket",
                                "b",
                                "blockPublicAcls",
                                true,
                                "blockPublicPolicy",
                                false,
                                "ignorePublicAcls",
                                true,
                                "restrictPublicBuckets",
                                true)));
        assertEquals(List.of("s3-public-access-block"), rulesHit(plan(noPab)));
        var noSse = goodBucket();
        noSse.remove(2);
        assertEquals(List.of("s3-default-encryption"), rulesHit(plan(noSse)));
        var suspended = goodBucket();
        suspended.set(
                3,
                resource(
                        "aws:s3/bucketVersioningV2:BucketVersioningV2",
                        "b-ver",
                        map("bucket", "b", "versioningConfiguration", map("status", "Suspended"))));
        assertEquals(List.of("s3-versioning"), rulesHit(plan(suspended)));
        var allowAll = goodBucket();
        allowAll.set(
                4,
                resource(
                        "aws:s3/bucketPolicy:BucketPolicy",
                        "b-policy",
                        map(
                                "bucket",
                                "b",
                                "policy",
                                "{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}")));
        assertEquals(List.of("s3-tls-only"), rulesHit(plan(allowAll)));
        var acl = goodBucket();
        acl.set(
                0,
                resource(
                        "aws:s3/bucketV2:BucketV2", "b", map("bucket", "b", "acl", "public-read")));
        assertEquals(List.of("s3-no-acl-grants"), rulesHit(plan(acl)));
    }

    @Test
    void importedBucketsAreOnlyTracked() {
        var imported =
                resource(
                        "aws:s3/bucket:Bucket",
                        "legacy",
                        map("bucket", "legacy"),
                        "legacy",
                        true,
                        List.of(),
                        "explicit");
        assertEquals(List.of(), rulesHit(plan(List.of(imported))));
    }

    // ---- IAM ----

    private static PlannedResource policy(String actions, String resource) {
        return resource(
                "aws:iam/policy:Policy",
                "p",
                map(
                        "policy",
                        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                                + "\"Action\":"
                                + actions
                                + ",\"Resource\":"
                                + resource
                                + "}]}"));
    }

    @Test
    void iamRulesCatchWildcards() {
        assertEquals(
                List.of(),
                rulesHit(
                        plan(
                                List.of(
                                        policy(
                                                "[\"s3:GetObject\",\"s3:PutObject\"]",
                                                "\"arn:aws:s3:::b/*\"")))));
        assertEquals(
                List.of(),
                rulesHit(plan(List.of(policy("[\"ec2:DescribeVpcs\",\"logs:Get*\"]", "\"*\"")))),
                "read-only actions on * are fine");
        assertEquals(
                List.of("iam-no-wildcard-action"),
                rulesHit(plan(List.of(policy("\"*\"", "\"arn:aws:s3:::b\"")))));
        assertEquals(
                List.of("iam-wildcard-resource-write"),
                rulesHit(plan(List.of(policy("[\"batch:SubmitJob\"]", "\"*\"")))));
        assertEquals(
                List.of("iam-unscoped-role-management", "iam-wildcard-resource-write"),
                rulesHit(plan(List.of(policy("[\"iam:PassRole\"]", "\"*\"")))),
                "passing any role escalates");
        assertEquals(
                List.of("iam-unscoped-role-management"),
                rulesHit(
                        plan(
                                List.of(
                                        policy(
                                                "[\"iam:CreateRole\",\"iam:PassRole\"]",
                                                "\"arn:aws:iam::*:role/TowerForge-*\"")))),
                "a prefix is no limit: its principal creates roles under it");
        assertEquals(
                List.of("iam-unscoped-role-management"),
                rulesHit(
                        plan(
                                List.of(
                                        policy(
                                                "[\"iam:AttachRolePolicy\"]",
                                                "\"arn:aws:iam::*:role/TowerForge-*\"")))),
                "any policy on a role it may create");
    }

    private static PlannedResource conditioned(String actions, String condition) {
        return resource(
                "aws:iam/policy:Policy",
                "p",
                map(
                        "policy",
                        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                                + "\"Action\":"
                                + actions
                                + ",\"Resource\":\"arn:aws:iam::*:role/TowerForge-*\",\"Condition\":"
                                + condition
                                + "}]}"));
    }

    @Test
    void roleManagementIsFineOnlyWithAConditionThatLimitsIt() {
        assertEquals(
                List.of(),
                rulesHit(
                        plan(
                                List.of(
                                        conditioned(
                                                "[\"iam:AttachRolePolicy\"]",
                                                "{\"ArnEquals\":{\"iam:PolicyARN\":[\"arn:aws:iam::aws:policy/service-role/AWSBatchServiceRole\"]}}")))));
        assertEquals(
                List.of(),
                rulesHit(
                        plan(
                                List.of(
                                        conditioned(
                                                "[\"iam:PutRolePolicy\"]",
                                                "{\"ArnLike\":{\"iam:PermissionsBoundary\":\"arn:aws:iam::*:policy/Boundary\"}}")))));
        assertEquals(
                List.of(),
                rulesHit(
                        plan(
                                List.of(
                                        conditioned(
                                                "[\"iam:PassRole\"]",
                                                "{\"StringEquals\":{\"iam:PassedToService\":\"batch.amazonaws.com\"}}")))));
        assertEquals(
                List.of("iam-unscoped-role-management"),
                rulesHit(
                        plan(
                                List.of(
                                        conditioned(
                                                "[\"iam:AttachRolePolicy\"]",
                                                "{\"StringEquals\":{\"iam:PassedToService\":\"batch.amazonaws.com\"}}")))),
                "a condition that limits something else");
    }

    @Test
    void aDeclaredExceptionCoversItsViolationAndAStaleOneIsReported() {
        var wildcard = plan(List.of(policy("[\"batch:SubmitJob\"]", "\"*\"")));
        var exception =
                new PolicyException(
                        "iam-wildcard-resource-write",
                        "aws:iam/policy:Policy",
                        "p",
                        "names chosen at run time");
        var stale =
                new PolicyException(
                        "iam-wildcard-resource-write",
                        "aws:iam/policy:Policy",
                        "gone",
                        "no longer exists");
        var result = PlanCheck.run(wildcard, List.of(exception, stale));
        assertTrue(result.passed());
        assertEquals(1, result.excepted().size());
        assertEquals(List.of(stale), result.unusedExceptions());
        assertThrows(IllegalArgumentException.class, () -> new PolicyException("r", "t", "n", " "));
    }

    // ---- Pulumi ----

    @Test
    void importedResourcesMustBeProtected() {
        var unprotected =
                resource(
                        "aws:s3/bucket:Bucket",
                        "x",
                        map("bucket", "x"),
                        "x",
                        false,
                        List.of(),
                        "explicit");
        assertTrue(rulesHit(plan(List.of(unprotected))).contains("pulumi-import-protected"));
    }

    @Test
    void ignoreChangesNamesMustBeRealProperties() {
        var good =
                resource(
                        "aws:s3/bucket:Bucket",
                        "x",
                        map("bucket", "x"),
                        "x",
                        true,
                        List.of("corsRules", "grants"),
                        "explicit");
        assertEquals(List.of(), rulesHit(plan(List.of(good))));
        var misspelled =
                resource(
                        "aws:s3/bucket:Bucket",
                        "x",
                        map("bucket", "x"),
                        "x",
                        true,
                        List.of("cors_rule", "grant"),
                        "explicit");
        var result = PlanCheck.run(plan(List.of(misspelled)), List.of()).violations();
        assertEquals(2, result.size());
        assertTrue(result.get(0).message().contains("'cors_rule'"));
        var k8s =
                resource(
                        "kubernetes:apps/v1:Deployment",
                        "d",
                        map(),
                        null,
                        false,
                        List.of("spec.replicas"),
                        "explicit");
        assertFalse(
                rulesHit(plan(List.of(k8s))).contains("pulumi-ignore-changes-real"),
                "nested paths check their head");
        assertTrue(
                PulumiRules.properties("kubernetes:networking.k8s.io/v1:NetworkPolicy")
                        .orElseThrow()
                        .contains("spec"));
        assertTrue(
                PulumiRules.properties("kubernetes:rbac.authorization.k8s.io/v1:Role")
                        .orElseThrow()
                        .contains("rules"));
    }

    @Test
    void credentialsInPlainTextAreCaughtInInputsAndOutputs() {
        var plain =
                resource(
                        "github:index/actionsOrganizationSecret:ActionsOrganizationSecret",
                        "s",
                        map("secretName", "TOKEN", "plaintextValue", "abc"));
        assertEquals(List.of("pulumi-no-plaintext-secret"), rulesHit(plan(List.of(plain))));
        var secret =
                resource(
                        "github:index/actionsOrganizationSecret:ActionsOrganizationSecret",
                        "s",
                        map("secretName", "TOKEN", "plaintextValue", new PlanValues.Secret("abc")));
        assertEquals(List.of(), rulesHit(plan(List.of(secret))));
        var reference =
                resource(
                        "kubernetes:helm.sh/v3:Release",
                        "r",
                        map(
                                "values",
                                map("password", map("secretRef", "db", "secretKey", "password"))));
        assertEquals(
                List.of(),
                rulesHit(plan(List.of(reference))),
                "a Secret reference is not a credential");
        // ingress-nginx's auth-secret names the htpasswd Secret; an unknown annotation of that
        // shape still counts.
        var ingress =
                resource(
                        "kubernetes:networking.k8s.io/v1:Ingress",
                        "i",
                        map(
                                "metadata",
                                map(
                                        "annotations",
                                        map(
                                                "nginx.ingress.kubernetes.io/auth-secret",
                                                "dagster-basic-auth"))));
        assertEquals(
                List.of(), rulesHit(plan(List.of(ingress))), "a Secret's name is not a credential");
        var leaked =
                resource(
                        "kubernetes:networking.k8s.io/v1:Ingress",
                        "i",
                        map(
                                "metadata",
                                map("annotations", map("example.org/api-token", "abc123"))));
        assertEquals(List.of("pulumi-no-plaintext-secret"), rulesHit(plan(List.of(leaked))));
        assertEquals(
                List.of("pulumi-no-plaintext-secret"),
                rulesHit(plan(List.of(), map("db", map("password", "hunter2")))));
    }

    @Test
    void resourcesMustUseExplicitProviders() {
        var onDefault =
                resource(
                        "aws:iam/user:User",
                        "u",
                        map("name", "u"),
                        null,
                        false,
                        List.of(),
                        "default_6_83_0");
        assertEquals(List.of("pulumi-explicit-provider"), rulesHit(plan(List.of(onDefault))));
    }

    // ---- Kubernetes ----

    private static Map<String, Object> container(String image) {
        return map(
                "name",
                "app",
                "image",
                image,
                "resources",
                map(
                        "requests",
                        map("cpu", "100m", "memory", "128Mi"),
                        "limits",
                        map("cpu", "1", "memory", "256Mi")),
                "readinessProbe",
                map("httpGet", map("path", "/", "port", 80)),
                "securityContext",
                map("allowPrivilegeEscalation", false, "runAsNonRoot", true));
    }

    private static List<PlannedResource> goodNamespace(
            Map<String, Object> container, Map<String, Object> podExtra) {
        var pod = map("serviceAccountName", "app", "containers", List.of(container));
        pod.putAll(podExtra);
        return new ArrayList<>(
                List.of(
                        resource(
                                "kubernetes:apps/v1:Deployment",
                                "app",
                                map(
                                        "metadata",
                                        map("name", "app", "namespace", "ns"),
                                        "spec",
                                        map(
                                                "selector",
                                                map("matchLabels", map("a", "b")),
                                                "template",
                                                map(
                                                        "metadata",
                                                        map("labels", map("a", "b")),
                                                        "spec",
                                                        pod)))),
                        resource(
                                "kubernetes:networking.k8s.io/v1:NetworkPolicy",
                                "deny",
                                map(
                                        "metadata",
                                        map("name", "deny", "namespace", "ns"),
                                        "spec",
                                        map(
                                                "podSelector",
                                                map(),
                                                "policyTypes",
                                                List.of("Ingress"))))));
    }

    @Test
    void aWellFormedWorkloadPasses() {
        assertEquals(List.of(), rulesHit(plan(goodNamespace(container("nginx:1.27"), map()))));
    }

    @Test
    void eachKubernetesRuleFiresOnItsOwnMistake() {
        assertEquals(
                List.of("k8s-pinned-image"),
                rulesHit(plan(goodNamespace(container("nginx:latest"), map()))));
        assertEquals(
                List.of("k8s-pinned-image"),
                rulesHit(plan(goodNamespace(container("nginx"), map()))));
        var unsized = container("nginx:1.27");
        unsized.put("resources", map("requests", map("cpu", "100m")));
        assertEquals(List.of("k8s-resources"), rulesHit(plan(goodNamespace(unsized, map()))));
        var unprobed = container("nginx:1.27");
        unprobed.remove("readinessProbe");
        assertEquals(List.of("k8s-probes"), rulesHit(plan(goodNamespace(unprobed, map()))));
        var root = container("nginx:1.27");
        root.put("securityContext", map("allowPrivilegeEscalation", true));
        assertEquals(List.of("k8s-non-root"), rulesHit(plan(goodNamespace(root, map()))));
        assertEquals(
                List.of("k8s-service-account"),
                rulesHit(
                        plan(
                                goodNamespace(
                                        container("nginx:1.27"),
                                        map("serviceAccountName", "default")))));
        var literal = container("nginx:1.27");
        literal.put("env", List.of(map("name", "DB_PASSWORD", "value", "x")));
        assertEquals(
                List.of("k8s-secrets-in-secrets"), rulesHit(plan(goodNamespace(literal, map()))));
        var configMap = goodNamespace(container("nginx:1.27"), map());
        configMap.add(
                resource(
                        "kubernetes:core/v1:ConfigMap",
                        "cfg",
                        map(
                                "metadata",
                                map("name", "cfg", "namespace", "ns"),
                                "data",
                                map("API_TOKEN", "x"))));
        assertTrue(
                rulesHit(plan(configMap)).contains("k8s-secrets-in-secrets"),
                "the Pulumi rule sees it too");
        var noDeny = goodNamespace(container("nginx:1.27"), map());
        noDeny.remove(1);
        assertEquals(List.of("k8s-default-deny"), rulesHit(plan(noDeny)));
        var typo = container("nginx:1.27");
        typo.put("imagePullPolice", "Always");
        assertEquals(List.of("k8s-schema"), rulesHit(plan(goodNamespace(typo, map()))));
    }

    @Test
    void aPathToAMountedCredentialIsNotALeakedSecret() {
        var mounted = container("nginx:1.27");
        mounted.put(
                "volumeMounts",
                List.of(
                        map(
                                "name",
                                "key",
                                "mountPath",
                                "/app/gsheets-credentials",
                                "readOnly",
                                true)));
        mounted.put(
                "env",
                List.of(
                        map(
                                "name",
                                "GOOGLE_APPLICATION_CREDENTIALS",
                                "value",
                                "/app/gsheets-credentials/credentials.json"),
                        map(
                                "name",
                                "CREDENTIALS_PATH",
                                "value",
                                "/app/gsheets-credentials/credentials.json")));
        var pod = map("volumes", List.of(map("name", "key", "secret", map("secretName", "key"))));
        assertEquals(List.of(), rulesHit(plan(goodNamespace(mounted, pod))));

        // The same names with a value that is the credential, or a path no volume of the container
        // provides,
        // still fail: the first is a leak, the second a file that can only come from the image.
        var leaked = container("nginx:1.27");
        leaked.put(
                "volumeMounts",
                List.of(map("name", "key", "mountPath", "/app/gsheets-credentials")));
        leaked.put(
                "env",
                List.of(
                        map(
                                "name",
                                "GOOGLE_APPLICATION_CREDENTIALS",
                                "value",
                                "{\"type\": \"service_account\"}")));
        assertEquals(List.of("k8s-secrets-in-secrets"), rulesHit(plan(goodNamespace(leaked, pod))));
        var unmounted = container("nginx:1.27");
        unmounted.put(
                "volumeMounts",
                List.of(map("name", "key", "mountPath", "/app/gsheets-credentials")));
        unmounted.put(
                "env",
                List.of(
                        map(
                                "name",
                                "GOOGLE_APPLICATION_CREDENTIALS",
                                "value",
                                "/etc/credentials.json")));
        assertEquals(
                List.of("k8s-secrets-in-secrets"), rulesHit(plan(goodNamespace(unmounted, pod))));
        var escaping = container("nginx:1.27");
        escaping.put(
                "volumeMounts",
                List.of(map("name", "key", "mountPath", "/app/gsheets-credentials")));
        escaping.put(
                "env",
                List.of(map("name", "API_TOKEN", "value", "/app/gsheets-credentials/../../token")));
        assertEquals(
                List.of("k8s-secrets-in-secrets"), rulesHit(plan(goodNamespace(escaping, pod))));
        var sibling = container("nginx:1.27");
        sibling.put(
                "volumeMounts",
                List.of(map("name", "key", "mountPath", "/app/gsheets-credentials")));
        sibling.put(
                "env",
                List.of(map("name", "API_TOKEN", "value", "/app/gsheets-credentials-old/token")));
        assertEquals(
                List.of("k8s-secrets-in-secrets"), rulesHit(plan(goodNamespace(sibling, pod))));
    }

    @Test
    void everyRuleHasAUniqueIdAndADescription() {
        var ids = PlanCheck.rules().stream().map(Rule::id).toList();
        assertEquals(ids.size(), ids.stream().distinct().count());
        assertTrue(
                ids.stream()
                        .allMatch(id -> id.matches("(s3|iam|pulumi|k8s)-[a-z0-9]+(-[a-z0-9]+)*")),
                ids.toString());
        assertEquals(
                List.of("s3", "iam", "pulumi", "k8s"),
                ids.stream().map(id -> id.substring(0, id.indexOf('-'))).distinct().toList(),
                "the families run in report order: S3, IAM, Pulumi, Kubernetes");
        assertTrue(PlanCheck.rules().stream().allMatch(r -> !r.description().isBlank()));
    }

    // ---- data ----

    /** A namespace with a database StatefulSet claiming a volume and a standalone claim, each kept or not. */
    private static List<PlannedResource> dataNamespace(
            boolean namespaceKept, boolean statefulSetKept, boolean claimKept) {
        return List.of(
                kept(
                        "kubernetes:core/v1:Namespace",
                        "data",
                        map("metadata", map("name", "data")),
                        namespaceKept,
                        namespaceKept),
                kept(
                        "kubernetes:apps/v1:StatefulSet",
                        "db",
                        map(
                                "metadata",
                                map("name", "db", "namespace", "data"),
                                "spec",
                                map(
                                        "volumeClaimTemplates",
                                        List.of(map("metadata", map("name", "pgdata"))))),
                        statefulSetKept,
                        statefulSetKept),
                kept(
                        "kubernetes:core/v1:PersistentVolumeClaim",
                        "files",
                        map("metadata", map("name", "files", "namespace", "data")),
                        claimKept,
                        claimKept),
                // No claims: a StatefulSet without volumes holds nothing and needs no protection.
                kept(
                        "kubernetes:apps/v1:StatefulSet",
                        "cache",
                        map("metadata", map("name", "cache", "namespace", "data"), "spec", map()),
                        false,
                        false));
    }

    private static List<Violation> dataViolations(String stack, List<PlannedResource> resources) {
        var rules = List.of(DataRules.protectedInProduction(), DataRules.namespaceKeepsVolumes());
        return PlanCheck.run(plan(stack, resources, Map.of()), List.of(), rules).violations();
    }

    @Test
    void productionDataMustBeProtectedAndRetained() {
        assertEquals(List.of(), dataViolations("lab-prod", dataNamespace(true, true, true)));
        var planted = dataViolations("lab-prod", dataNamespace(true, false, true));
        assertEquals(
                List.of("pulumi-data-protected:db"),
                planted.stream().map(v -> v.rule() + ":" + v.name()).toList());
        assertTrue(
                planted.get(0)
                        .message()
                        .contains("holds data in production but is neither protected nor retained"),
                planted.get(0).message());
        var claim = dataViolations("lab-production", dataNamespace(true, true, false));
        assertEquals(
                List.of("pulumi-data-protected:files"),
                claim.stream().map(v -> v.rule() + ":" + v.name()).toList());
        // Protected but not retained is still a violation: removing it from the program would
        // delete it.
        var bucket =
                List.of(kept("aws:s3/bucketV2:BucketV2", "b", map("bucket", "b"), true, false));
        var unretained = dataViolations("lab-prod", bucket);
        assertEquals(1, unretained.size());
        assertTrue(
                unretained.get(0).message().contains("not retained (retainOnDelete)"),
                unretained.get(0).message());
        // Outside production, the data rule leaves buckets and claims to the stack's own choice.
        assertEquals(List.of(), dataViolations("lab-development", bucket));
    }

    @Test
    void aNamespaceThatVolumesLiveInMustOutliveDestroyOutsideLocalStacks() {
        var open = dataViolations("lab-staging", dataNamespace(false, true, true));
        assertEquals(
                List.of("k8s-namespace-keeps-volumes:data"),
                open.stream().map(v -> v.rule() + ":" + v.name()).toList());
        assertTrue(
                open.get(0)
                        .message()
                        .contains(
                                "namespace 'data' is neither protected nor retained, but"
                                        + " StatefulSet db, PersistentVolumeClaim files live in it"),
                open.get(0).message());
        // In production both rules see it.
        assertEquals(
                List.of("pulumi-data-protected", "k8s-namespace-keeps-volumes"),
                dataViolations("lab-prod", dataNamespace(false, true, true)).stream()
                        .map(Violation::rule)
                        .toList());
        // A local stack (minikube) is disposable on purpose.
        assertEquals(List.of(), dataViolations("lab-local", dataNamespace(false, false, false)));
        // A namespace with nothing that claims a volume is not held to it.
        var empty =
                List.of(
                        kept(
                                "kubernetes:core/v1:Namespace",
                                "data",
                                map("metadata", map("name", "data")),
                                false,
                                false));
        assertEquals(List.of(), dataViolations("lab-prod", empty));
    }
}
