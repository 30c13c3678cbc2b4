package labstacks.constructs.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.CustomResourceOptions;
import io.kubernetes.client.openapi.models.V1ServiceAccount;
import java.util.Map;
import labstacks.offline.schema.KubernetesSchema;
import labstacks.offline.testing.ProgramHarness;
import org.junit.jupiter.api.Test;

/** A workload's own account: no API token is mounted into its pods. */
class ServiceAccountsTest {

    @Test
    void theAccountMountsNoTokenAndKeepsTheMetadataAndOptionsItIsGiven() {
        var run =
                ProgramHarness.component(
                                "accounts",
                                stack ->
                                        ServiceAccounts.withoutToken(
                                                "worker",
                                                ObjectMetaArgs.builder()
                                                        .name("worker")
                                                        .namespace("shop")
                                                        .labels(Map.of("team", "data"))
                                                        .build(),
                                                CustomResourceOptions.builder()
                                                        .protect(true)
                                                        .build()))
                        .run()
                        .assertSucceeded();
        var sent = run.resource("kubernetes:core/v1:ServiceAccount", "worker");
        var account = (V1ServiceAccount) KubernetesSchema.validate(sent);
        assertEquals(false, account.getAutomountServiceAccountToken());
        assertEquals("shop", account.getMetadata().getNamespace());
        assertEquals("data", account.getMetadata().getLabels().get("team"));
        assertTrue(sent.protect(), "the options reach the account");
    }
}
