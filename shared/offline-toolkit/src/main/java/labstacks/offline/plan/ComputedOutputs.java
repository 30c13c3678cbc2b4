package labstacks.offline.plan;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The outputs providers compute for the resource types this project uses. What follows from the
 * inputs alone is filled in (a bucket's ARN and domain names, an auto-generated name); what only the
 * cloud knows after creating the resource (an account's ARNs, unique ids, access keys, Seqera ids) is
 * {@link #UNKNOWN}, which the program sees as an unknown Output and the plan prints as
 * {@code [unknown]}, as {@code pulumi preview} does. Nothing is invented. Types not listed get their
 * inputs back and an id derived from their name.
 */
final class ComputedOutputs {

    /** The engine's marker of a value not known until the resource exists (PlanValues.UNKNOWN). */
    static final String UNKNOWN = PlanValues.UNKNOWN;

    private ComputedOutputs() {}

    /**
     * Adds computed outputs to {@code state} (which holds the inputs) and returns the resource id, or
     * null when only the cloud can know it (the id is then unknown).
     *
     * @param suffix stands in for the random part of an auto-generated physical name
     */
    static String fill(
            String type,
            String name,
            String importId,
            String region,
            Map<String, Object> state,
            String suffix) {
        switch (type) {
            case "aws:s3/bucketV2:BucketV2", "aws:s3/bucket:Bucket" -> {
                var bucket =
                        text(state, "bucket", importId != null ? importId : name + "-" + suffix);
                state.putIfAbsent("arn", "arn:aws:s3:::" + bucket);
                state.putIfAbsent("region", region);
                state.putIfAbsent("bucketDomainName", bucket + ".s3.amazonaws.com");
                state.putIfAbsent(
                        "bucketRegionalDomainName", bucket + ".s3." + region + ".amazonaws.com");
                state.putIfAbsent("hostedZoneId", UNKNOWN);
                return bucket;
            }
            case "aws:iam/role:Role",
                    "aws:iam/user:User",
                    "aws:iam/instanceProfile:InstanceProfile" -> {
                // Named IAM entities: the id is the name; the ARN holds the account, not known
                // offline.
                var entityName = text(state, "name", name + "-" + suffix);
                state.putIfAbsent("arn", UNKNOWN);
                state.putIfAbsent("uniqueId", UNKNOWN);
                return entityName;
            }
            case "aws:iam/policy:Policy" -> {
                var policyName = text(state, "name", name + "-" + suffix);
                // The provider's id is the ARN, which holds the account: not known offline.
                state.putIfAbsent("arn", UNKNOWN);
                state.putIfAbsent("policyId", UNKNOWN);
                return null;
            }
            case "aws:iam/accessKey:AccessKey" -> {
                // The key id and secret are AWS's to make.
                state.putIfAbsent("secret", UNKNOWN);
                state.putIfAbsent("sesSmtpPasswordV4", UNKNOWN);
                state.putIfAbsent("status", "Active");
                return null;
            }
            // Seqera Platform assigns these ids when it creates the object.
            case "seqera:index/computeEnv:ComputeEnv" -> {
                state.putIfAbsent("computeEnvId", UNKNOWN);
                return null;
            }
            case "seqera:index/credential:Credential" -> {
                state.putIfAbsent("credentialsId", UNKNOWN);
                return null;
            }
            case "seqera:index/workspaceParticipant:WorkspaceParticipant" -> {
                state.putIfAbsent("participantId", UNKNOWN);
                state.putIfAbsent("userName", UNKNOWN);
                return null;
            }
            case "github:index/actionsOrganizationVariable:ActionsOrganizationVariable" -> {
                // The provider's id is the variable's name.
                return text(state, "variableName", name);
            }
            case "github:index/actionsOrganizationSecret:ActionsOrganizationSecret" -> {
                return text(state, "secretName", name);
            }
            default -> {
                if (type.startsWith("kubernetes:")) {
                    return kubernetesName(type, name, state, suffix);
                }
                return importId != null ? importId : name + "-" + suffix;
            }
        }
    }

    /** Kubernetes auto-names objects without metadata.name; the id is namespace/name. */
    private static String kubernetesName(
            String type, String name, Map<String, Object> state, String suffix) {
        var metadata =
                state.get("metadata") instanceof Map<?, ?> m
                        ? new LinkedHashMap<Object, Object>(m)
                        : new LinkedHashMap<Object, Object>();
        if (type.equals("kubernetes:helm.sh/v3:Release")) {
            var releaseName = text(state, "name", name + "-" + suffix);
            state.putIfAbsent(
                    "status",
                    Map.of(
                            "name",
                            releaseName,
                            "namespace",
                            String.valueOf(state.getOrDefault("namespace", "default")),
                            "status",
                            "deployed"));
            return String.valueOf(state.getOrDefault("namespace", "default")) + "/" + releaseName;
        }
        var objectName = metadata.get("name") instanceof String s ? s : name + "-" + suffix;
        metadata.put("name", objectName);
        state.put("metadata", metadata);
        return metadata.get("namespace") instanceof String ns ? ns + "/" + objectName : objectName;
    }

    private static String text(Map<String, Object> state, String key, String fallback) {
        if (state.get(key) instanceof String value && !value.isEmpty()) {
            return value;
        }
        state.put(key, fallback);
        return fallback;
    }
}
