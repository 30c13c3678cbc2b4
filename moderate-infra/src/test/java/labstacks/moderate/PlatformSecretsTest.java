package labstacks.moderate;

import static labstacks.moderate.ComponentRuns.NAMESPACE;
import static labstacks.moderate.ComponentRuns.model;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.core.v1.ConfigMap;
import com.pulumi.kubernetes.core.v1.ConfigMapArgs;
import com.pulumi.resources.ComponentResourceOptions;
import io.kubernetes.client.openapi.models.V1Secret;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import labstacks.offline.plan.PlanJson;
import labstacks.offline.testing.StackRun;
import org.junit.jupiter.api.Test;

/** Every credential of the platform as a Secret holding exactly the keys its readers name, stored as secrets. */
class PlatformSecretsTest {
    private static final String SECRET = "kubernetes:core/v1:Secret";
    private static final Map<String, String> VALUES =
            Map.of(
                    "postgres",
                    "pg-super-1",
                    "dagsterDb",
                    "dagster-db-2",
                    "keycloakDb",
                    "keycloak-db-3",
                    "openMetadataDb",
                    "om-db-4",
                    "keycloakAdmin",
                    "kc-admin-5",
                    "rabbit",
                    "rabbit-6",
                    "fernet",
                    "fernet-7",
                    "privateKey",
                    "cHJpdmF0ZQ==");

    private static PlatformSecrets.Args.Builder args(Optional<Output<String>> token) {
        return PlatformSecrets.Args.builder()
                .namespace(NAMESPACE)
                .codeLocationSettings(
                        Output.of(Map.of("CODE_LOCATION_SETTING", "from-the-code-location")))
                .ingestionBotToken(token)
                .postgresPassword(Output.ofSecret(VALUES.get("postgres")))
                .dagsterDbPassword(Output.ofSecret(VALUES.get("dagsterDb")))
                .keycloakDbPassword(Output.ofSecret(VALUES.get("keycloakDb")))
                .openMetadataDbPassword(Output.ofSecret(VALUES.get("openMetadataDb")))
                .keycloakAdminUser("root")
                .keycloakAdminPassword(Output.ofSecret(VALUES.get("keycloakAdmin")))
                .rabbitPassword(Output.ofSecret(VALUES.get("rabbit")))
                .openMetadataFernetKey(Output.ofSecret(VALUES.get("fernet")))
                .openMetadataJwtPrivateKey(Output.ofSecret(VALUES.get("privateKey")))
                .openMetadataJwtPublicKey("cHVibGlj");
    }

    private static StackRun run(Optional<Output<String>> token) {
        return ComponentRuns.run(
                "secrets",
                k8s -> {
                    var secrets =
                            new PlatformSecrets(
                                    "secrets",
                                    args(token).kubernetes(k8s).build(),
                                    ComponentResourceOptions.Empty);
                    // A reader given the name as an output waits for the Secret.
                    new ConfigMap(
                            "reader",
                            ConfigMapArgs.builder()
                                    .metadata(Labels.metadata("reader", NAMESPACE))
                                    .data(
                                            secrets.keycloak()
                                                    .applyValue(name -> Map.of("secret", name)))
                                    .build(),
                            k8s);
                });
    }

    @Test
    void eachSecretHoldsTheKeysItsReadersNameWithTheValuesGiven() {
        var run = run(Optional.empty());
        Map<String, Map<String, String>> expected =
                Map.of(
                        PlatformSecrets.DAGSTER_SECRETS,
                                Map.of("CODE_LOCATION_SETTING", "from-the-code-location"),
                        PlatformSecrets.INGESTION_BOT_TOKEN, Map.of("OPEN_METADATA_TOKEN", ""),
                        PlatformSecrets.DAGSTER_POSTGRES,
                                Map.of("postgresql-password", VALUES.get("dagsterDb")),
                        PlatformSecrets.OPENMETADATA_POSTGRES,
                                Map.of(
                                        "openmetadata-postgres-password",
                                        VALUES.get("openMetadataDb")),
                        PlatformSecrets.OPENMETADATA_FERNET,
                                Map.of("fernet-key", VALUES.get("fernet")),
                        PlatformSecrets.POSTGRES,
                                Map.of("POSTGRES_PASSWORD", VALUES.get("postgres")),
                        PlatformSecrets.KEYCLOAK,
                                Map.of(
                                        "KEYCLOAK_ADMIN",
                                        "root",
                                        "KEYCLOAK_ADMIN_PASSWORD",
                                        VALUES.get("keycloakAdmin"),
                                        "KC_DB_PASSWORD",
                                        VALUES.get("keycloakDb")),
                        PlatformSecrets.RABBITMQ,
                                Map.of(
                                        "RABBITMQ_DEFAULT_USER",
                                        "rabbit",
                                        "RABBITMQ_DEFAULT_PASS",
                                        VALUES.get("rabbit")));
        expected.forEach(
                (name, data) -> {
                    var secret = model(run, SECRET, name, V1Secret.class);
                    assertEquals(NAMESPACE, secret.getMetadata().getNamespace(), name);
                    assertEquals("Opaque", secret.getType(), name);
                    assertEquals(data, secret.getStringData(), name);
                    var resource = run.resource(SECRET, name);
                    assertTrue(
                            ComponentRuns.secret(resource.inputs().get("stringData")),
                            name + " stringData is stored as a secret");
                    assertEquals("secrets", resource.parent(), name);
                    assertEquals("k8s", resource.provider(), name);
                });
        // The DER keys are binary: base64 in data, as the README's openssl commands write them.
        var keys = model(run, SECRET, PlatformSecrets.OPENMETADATA_JWT_KEYS, V1Secret.class);
        assertEquals(Set.of("om_privkey.der", "om_pubkey.der"), keys.getData().keySet());
        assertTrue(
                ComponentRuns.secret(
                        run.resource(SECRET, PlatformSecrets.OPENMETADATA_JWT_KEYS)
                                .inputs()
                                .get("data")));
        var all = new TreeSet<>(expected.keySet());
        all.add(PlatformSecrets.OPENMETADATA_JWT_KEYS);
        assertEquals(
                all,
                run.resources(SECRET).stream()
                        .map(r -> r.name())
                        .collect(Collectors.toCollection(TreeSet::new)));
    }

    @Test
    void noValueReachesThePlanInPlainText() {
        var json = PlanJson.write(run(Optional.of(Output.ofSecret("bot-jwt-8"))).plan());
        for (var value : VALUES.values()) {
            assertFalse(json.contains(value), "the plan shows " + value);
        }
        assertFalse(json.contains("bot-jwt-8"));
    }

    @Test
    void theIngestionTokenIsTheOneGiven() {
        var run = run(Optional.of(Output.ofSecret("bot-jwt-8")));
        assertEquals(
                Map.of("OPEN_METADATA_TOKEN", "bot-jwt-8"),
                model(run, SECRET, PlatformSecrets.INGESTION_BOT_TOKEN, V1Secret.class)
                        .getStringData());
    }

    @Test
    void aReaderGivenASecretsNameWaitsForIt() {
        var reader = run(Optional.empty()).resource("kubernetes:core/v1:ConfigMap", "reader");
        assertEquals(Map.of("secret", PlatformSecrets.KEYCLOAK), reader.inputs().get("data"));
        assertEquals(List.of(PlatformSecrets.KEYCLOAK), reader.dependsOn());
    }

    @Test
    void eachTypedAccessorNamesItsOwnSecret() {
        var run =
                ComponentRuns.run(
                        "secrets",
                        (stack, k8s) -> {
                            var secrets =
                                    new PlatformSecrets(
                                            "secrets",
                                            args(Optional.empty()).kubernetes(k8s).build(),
                                            ComponentResourceOptions.Empty);
                            var ctx = stack.pulumi();
                            ctx.export("dagsterSecrets", secrets.dagsterSecrets());
                            ctx.export("ingestionBotToken", secrets.ingestionBotToken());
                            ctx.export("dagsterPostgres", secrets.dagsterPostgres());
                            ctx.export("openMetadataPostgres", secrets.openMetadataPostgres());
                            ctx.export("openMetadataJwtKeys", secrets.openMetadataJwtKeys());
                            ctx.export("openMetadataFernet", secrets.openMetadataFernet());
                            ctx.export("postgres", secrets.postgres());
                            ctx.export("keycloak", secrets.keycloak());
                            ctx.export("rabbitmq", secrets.rabbitmq());
                        });
        var expected = new LinkedHashMap<String, String>();
        expected.put("dagsterSecrets", "dagster-secrets");
        expected.put("ingestionBotToken", "openmetadata-ingestion-bot-token");
        expected.put("dagsterPostgres", "dagster-postgresql-secret");
        expected.put("openMetadataPostgres", "openmetadata-postgres-secrets");
        expected.put("openMetadataJwtKeys", "openmetadata-jwt-keys");
        expected.put("openMetadataFernet", "openmetadata-fernet-key");
        expected.put("postgres", "postgres-credentials");
        expected.put("keycloak", "keycloak-credentials");
        expected.put("rabbitmq", "rabbitmq-credentials");
        expected.forEach(
                (accessor, secret) -> assertEquals(secret, run.output(accessor), accessor));
    }
}
