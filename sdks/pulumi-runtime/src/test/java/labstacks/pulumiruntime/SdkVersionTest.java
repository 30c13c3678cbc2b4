package labstacks.pulumiruntime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pulumi.deployment.internal.DeploymentImpl;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * {@link AwaitingRunner} replaces the runner of exactly one SDK: this fails when the SDK changes, so that
 * someone re-checks whether the replacement is still needed and still right (sdks/pulumi-runtime/README.md).
 */
class SdkVersionTest {

    @Test
    void theSdkIsTheOneTheRunnerWasWrittenFor() throws Exception {
        var jar =
                DeploymentImpl.class.getProtectionDomain().getCodeSource().getLocation().getPath();
        assertTrue(
                jar.endsWith("/pulumi-1.36.1.jar"),
                () ->
                        "com.pulumi:pulumi is now "
                                + jar
                                + ": re-check sdks/pulumi-runtime/README.md (is DefaultRunner fixed upstream?), then update this test");
    }

    @Test
    void theSdkRunnerAndTheInjectionPointsAreTheOnesReadFor136() throws Exception {
        // SHA-256 of the class files in com.pulumi:pulumi:1.36.1 (Maven Central). A change means
        // the SDK's
        // runner or the places we install ours have changed: read them again before updating.
        assertEquals(
                "8881902556021dce",
                digest("com/pulumi/deployment/internal/DeploymentImpl$DefaultRunner.class"));
        assertEquals(
                "7f5b03c9804552e7",
                digest("com/pulumi/deployment/internal/DeploymentImpl$DeploymentState.class"));
        assertEquals(
                "cea9711dd2b9e4e2",
                digest("com/pulumi/test/internal/PulumiTestInternal$Builder.class"));
    }

    private static String digest(String resource) throws IOException, NoSuchAlgorithmException {
        try (var in = DeploymentImpl.class.getClassLoader().getResourceAsStream(resource)) {
            var hash = MessageDigest.getInstance("SHA-256").digest(in.readAllBytes());
            return HexFormat.of().formatHex(hash).substring(0, 16);
        }
    }
}
