package labstacks.launcher.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.logging.StreamHandler;
import labstacks.shared.config.StackConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

// It resets and installs java.util.logging handlers, which are the JVM's: it runs alone.
@Isolated
class DeploymentLoggingTest {

    @AfterEach
    void restoreJavaLogging() throws Exception {
        LogManager.getLogManager().readConfiguration();
    }

    @Test
    void aJavaLoggingConfigurationIsRefusedInOneLineNamingIt() {
        var properties = new Properties();
        assertTrue(DeploymentLogging.refusal(properties).isEmpty());
        properties.setProperty("java.util.logging.config.file", "/tmp/all.properties");
        var refusal = DeploymentLogging.refusal(properties).orElseThrow();
        assertTrue(
                refusal.startsWith(
                        "-Djava.util.logging.config.file=/tmp/all.properties is refused for a deployment"),
                refusal);
        assertTrue(
                refusal.contains("pulumi/pulumi-java#618")
                        && refusal.contains("PULUMI_JAVA_LOG_VERBOSE=true"),
                refusal);
        assertFalse(refusal.contains("\n"));
    }

    @Test
    void readsTheVerboseSwitchAsTheSdkDoes() {
        assertTrue(DeploymentLogging.verbose(Map.of("PULUMI_JAVA_LOG_VERBOSE", "true")));
        assertTrue(DeploymentLogging.verbose(Map.of("PULUMI_JAVA_LOG_VERBOSE", "1")));
        assertFalse(DeploymentLogging.verbose(Map.of("PULUMI_JAVA_LOG_VERBOSE", "false")));
        assertFalse(DeploymentLogging.verbose(Map.of()));
    }

    @Test
    void verboseLoggingReachesStderrRedactedAndNothingElseDoes() {
        var config =
                new StackConfig(
                        "p",
                        "s",
                        "Pulumi.s.yaml",
                        Map.of("p:password", "canary-password-1"),
                        Set.of("p:password"),
                        Map.of());
        var bytes = new ByteArrayOutputStream();
        var err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        // A handler configured before the deployment (what a logging.properties would add) is
        // dropped.
        var stray = new ByteArrayOutputStream();
        Logger.getLogger("").addHandler(new StreamHandler(stray, new SimpleFormatter()));
        var deployment = DeploymentLogging.install(LogRedactor.of(config), true, err);
        deployment.log(
                Level.FINEST,
                "Registering task: 'x request=fields { string_value: \"canary-password-1\" }'");
        Logger.getLogger("com.pulumi.core.internal.Environment")
                .log(Level.FINE, "PULUMI_CONFIG={\"p:password\":\"canary-password-1\"}");
        Logger.getLogger("io.grpc.netty.shaded.io.netty.handler.codec.http2.Http2FrameLogger")
                .log(Level.FINE, "DATA: 63616e617279");
        deployment.log(Level.WARNING, "the password canary-password-1 leaked");
        var text = bytes.toString(StandardCharsets.UTF_8);
        assertFalse(text.contains("canary-password-1"), text);
        assertTrue(
                text.contains(
                        "FINEST com.pulumi.deployment.internal.DeploymentImpl: Registering task: 'x request="
                                + LogRedactor.CUT),
                text);
        assertTrue(
                text.contains(
                        "WARNING com.pulumi.deployment.internal.DeploymentImpl: the password [secret] leaked"),
                text);
        assertFalse(
                text.contains("Http2FrameLogger"), "the transport's frame dumps stay off: " + text);
        assertEquals(0, stray.size());
    }

    @Test
    void withoutVerboseTheDeploymentLoggerIsSilent() {
        var bytes = new ByteArrayOutputStream();
        var deployment =
                DeploymentLogging.install(
                        LogRedactor.of(StackConfig.of("p", "s", Map.of(), Set.of())),
                        false,
                        new PrintStream(bytes, true, StandardCharsets.UTF_8));
        deployment.log(
                Level.SEVERE,
                "Running program [PID: 1] failed with an unhandled exception:\n\tat x.y(Z.java:1)");
        deployment.log(Level.FINEST, "Registering resource monitor start");
        Logger.getLogger("io.grpc.ManagedChannel").warning("a transport warning");
        var text = bytes.toString(StandardCharsets.UTF_8);
        assertFalse(text.contains("Running program"), text);
        assertTrue(text.contains("WARNING io.grpc.ManagedChannel: a transport warning"), text);
    }
}
