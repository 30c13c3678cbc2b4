package labstacks.launcher.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import labstacks.shared.config.StackConfig;
import org.junit.jupiter.api.Test;

class LogRedactorTest {

    private final StackConfig config =
            new StackConfig(
                    "labstacks",
                    "moderate-prod",
                    "Pulumi.moderate-prod.yaml",
                    Map.of(
                            "moderate:postgresPassword",
                            "pg-secret-123\"x",
                            "moderate:namespace",
                            "moderate",
                            "moderate:googleKey",
                            "{\"private_key\":\"-----BEGIN KEY-----\nMIIEvQIBADANBgkqhkiG9w0B\n-----END KEY-----\"}"),
                    Set.of("moderate:postgresPassword", "moderate:googleKey"),
                    Map.of(
                            "AWS_SECRET_ACCESS_KEY",
                            "aws-secret-abcdef",
                            "GITHUB_TOKEN",
                            "ghp_token_value",
                            "PATH",
                            "/usr/bin:/bin",
                            "PULUMI_STACK",
                            "moderate-prod"));
    private final LogRedactor redactor = LogRedactor.of(config);

    @Test
    void theSdksRequestDumpsAreCutWhereTheyStart() {
        // The message DeploymentImpl$RegisterResource sends at DEBUG for every resource (SDK
        // 1.36.1).
        var line =
                "Registering resource monitor start: t=kubernetes:core/v1:Secret, name=dagster-secrets, custom=true,"
                        + " remote=false, request=type: \"kubernetes:core/v1:Secret\" object { fields { key: \"stringData\""
                        + " value { struct_value { fields { key: \"POSTGRES_PASSWORD\" value { string_value: \"computed-by-a-provider\" } } } } } }";
        assertEquals(
                "Registering resource monitor start: t=kubernetes:core/v1:Secret, name=dagster-secrets, custom=true,"
                        + " remote=false, request="
                        + LogRedactor.CUT,
                redactor.redact(line));
        for (var marker :
                new String[] {
                    "result=", "obj=", "outputs=", "data=", "value=", "primitive=", "ENV: "
                }) {
            assertEquals(
                    "x " + marker + LogRedactor.CUT,
                    redactor.redact("x " + marker + "anything at all"),
                    marker);
        }
    }

    @Test
    void knownSecretsAreReplacedInEveryFormALogCarriesThem() {
        var password = "pg-secret-123\"x";
        assertEquals(
                "the password is [secret].", redactor.redact("the password is " + password + "."));
        assertEquals("json [secret]", redactor.redact("json pg-secret-123\\\"x"));
        assertEquals(
                "b64 [secret]",
                redactor.redact(
                        "b64 "
                                + Base64.getEncoder()
                                        .encodeToString(
                                                password.getBytes(StandardCharsets.UTF_8))));
        assertEquals(
                "env [secret] [secret]", redactor.redact("env aws-secret-abcdef ghp_token_value"));
        // One line of a multi-line secret (a private key) is enough to hide.
        assertFalse(redactor.redact("key line MIIEvQIBADANBgkqhkiG9w0B").contains("MIIEvQ"));
    }

    @Test
    void ordinaryTextAndNonSecretSettingsStay() {
        var text =
                "Preparing resource: t=kubernetes:core/v1:Namespace, name=moderate, custom=true, remote=false";
        assertEquals(text, redactor.redact(text));
        assertTrue(redactor.redact("PATH is /usr/bin:/bin").contains("/usr/bin:/bin"));
        assertEquals(null, redactor.redact(null));
    }

    @Test
    void shortValuesAreNotReplacedEverywhere() {
        var weak =
                LogRedactor.of(
                        new StackConfig(
                                "p",
                                "s",
                                "Pulumi.s.yaml",
                                Map.of("p:pin", "1234"),
                                Set.of("p:pin"),
                                Map.of()));
        assertEquals("port 1234", weak.redact("port 1234"));
    }
}
