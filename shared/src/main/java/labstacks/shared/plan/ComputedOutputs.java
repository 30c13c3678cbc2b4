package labstacks.shared.plan;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The outputs providers compute for the resource types this project uses, so that offline a program
 * sees names, ids and ARNs in the right form. Types not listed get their inputs back and an id
 * derived from their name.
 */
final class ComputedOutputs {

    private ComputedOutputs() {
    }

    /**
     * Adds computed outputs to {@code state} (which holds the inputs) and returns the resource id.
     *
     * @param suffix stands in for the random part of an auto-generated physical name
     */
    static String fill(String type, String name, String importId, String region, Map<String, Object> state,
                       String suffix) {
        var account = OfflineMocks.ACCOUNT_ID;
        switch (type) {
            case "aws:s3/bucketV2:BucketV2", "aws:s3/bucket:Bucket" -> {
                var bucket = text(state, "bucket", importId != null ? importId : name + "-" + suffix);
                state.putIfAbsent("arn", "arn:aws:s3:::" + bucket);
                state.putIfAbsent("region", region);
                state.putIfAbsent("bucketDomainName", bucket + ".s3.amazonaws.com");
                state.putIfAbsent("bucketRegionalDomainName", bucket + ".s3." + region + ".amazonaws.com");
                state.putIfAbsent("hostedZoneId", "Z1BKCTXD74EZPE");
                return bucket;
            }
            case "aws:iam/role:Role" -> {
                var roleName = text(state, "name", name + "-" + suffix);
                state.putIfAbsent("arn", "arn:aws:iam::" + account + ":role" + path(state) + roleName);
                state.putIfAbsent("uniqueId", "AROA" + suffix.toUpperCase());
                return roleName;
            }
            case "aws:iam/policy:Policy" -> {
                var policyName = text(state, "name", name + "-" + suffix);
                var arn = "arn:aws:iam::" + account + ":policy" + path(state) + policyName;
                state.putIfAbsent("arn", arn);
                state.putIfAbsent("policyId", "ANPA" + suffix.toUpperCase());
                return arn;
            }
            case "aws:iam/user:User" -> {
                var userName = text(state, "name", name + "-" + suffix);
                state.putIfAbsent("arn", "arn:aws:iam::" + account + ":user" + path(state) + userName);
                state.putIfAbsent("uniqueId", "AIDA" + suffix.toUpperCase());
                return userName;
            }
            case "aws:iam/instanceProfile:InstanceProfile" -> {
                var profileName = text(state, "name", name + "-" + suffix);
                state.putIfAbsent("arn", "arn:aws:iam::" + account + ":instance-profile" + path(state) + profileName);
                state.putIfAbsent("uniqueId", "AIPA" + suffix.toUpperCase());
                return profileName;
            }
            case "aws:iam/accessKey:AccessKey" -> {
                var id = "AKIAOFFLINE" + suffix.toUpperCase();
                state.putIfAbsent("secret", "offline-plan-secret-access-key-" + suffix);
                state.putIfAbsent("sesSmtpPasswordV4", "offline-plan-smtp-password-" + suffix);
                state.putIfAbsent("status", "Active");
                return id;
            }
            // Seqera Platform ids are 22-character base62 strings; participants get a number.
            case "seqera:index/computeEnv:ComputeEnv" -> {
                var id = seqeraId("ce", name);
                state.putIfAbsent("computeEnvId", id);
                return id;
            }
            case "seqera:index/credential:Credential" -> {
                var id = seqeraId("cred", name);
                state.putIfAbsent("credentialsId", id);
                return id;
            }
            case "seqera:index/workspaceParticipant:WorkspaceParticipant" -> {
                var participantId = (double) Math.floorMod(name.hashCode(), 1_000_000_000);
                state.putIfAbsent("participantId", participantId);
                state.putIfAbsent("userName", name);
                return Long.toString((long) participantId);
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

    /** A deterministic stand-in of a Seqera id: 22 characters of base62 derived from the resource name. */
    private static String seqeraId(String kind, String name) {
        var alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        var seed = java.util.UUID.nameUUIDFromBytes((kind + "/" + name).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        var value = new java.math.BigInteger(1, java.nio.ByteBuffer.allocate(16)
                .putLong(seed.getMostSignificantBits()).putLong(seed.getLeastSignificantBits()).array());
        var id = new StringBuilder();
        var base = java.math.BigInteger.valueOf(62);
        for (int i = 0; i < 22; i++) {
            var division = value.divideAndRemainder(base);
            id.append(alphabet.charAt(division[1].intValue()));
            value = division[0];
        }
        return id.toString();
    }

    /** Kubernetes auto-names objects without metadata.name; the id is namespace/name. */
    private static String kubernetesName(String type, String name, Map<String, Object> state, String suffix) {
        var metadata = state.get("metadata") instanceof Map<?, ?> m ? new LinkedHashMap<Object, Object>(m)
                : new LinkedHashMap<Object, Object>();
        if (type.equals("kubernetes:helm.sh/v3:Release")) {
            var releaseName = text(state, "name", name + "-" + suffix);
            state.putIfAbsent("status", Map.of("name", releaseName, "namespace",
                    String.valueOf(state.getOrDefault("namespace", "default")), "status", "deployed"));
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

    private static String path(Map<String, Object> state) {
        return state.get("path") instanceof String p && !p.isEmpty() ? p : "/";
    }
}
