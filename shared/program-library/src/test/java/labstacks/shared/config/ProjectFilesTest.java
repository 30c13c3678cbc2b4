package labstacks.shared.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProjectFilesTest {

    @TempDir Path root;

    private ProjectFiles project(String stackName, String stackYaml) throws IOException {
        Files.writeString(root.resolve("Pulumi.yaml"), "name: labstacks\nruntime: java\n");
        if (stackName != null) {
            Files.writeString(root.resolve("Pulumi." + stackName + ".yaml"), stackYaml);
        }
        return ProjectFiles.open(root);
    }

    @Test
    void readsScalarsListsMapsAndEncryptedValues() throws IOException {
        var files =
                project(
                        "demo-prod",
                        """
                config:
                  labstacks:program: demo
                  demo:count: 3
                  demo:enabled: true
                  demo:readers:
                    - a
                    - b
                  demo:labels:
                    team: omics
                  demo:token:
                    secure: v1:AAAABBBB
                """);
        var config = files.read("demo-prod", Map.of("HOME", "/root"));
        assertEquals("labstacks", config.project());
        assertEquals("Pulumi.demo-prod.yaml", config.stackFile());
        assertEquals("3", config.get("demo:count").orElseThrow());
        assertEquals("true", config.get("demo:enabled").orElseThrow());
        assertEquals("[\"a\",\"b\"]", config.get("demo:readers").orElseThrow());
        assertEquals("{\"team\":\"omics\"}", config.get("demo:labels").orElseThrow());
        assertEquals(ProjectFiles.UNDECRYPTED_SECRET, config.get("demo:token").orElseThrow());
        assertEquals(Set.of("demo:token"), config.secretKeys());
        assertEquals("/root", config.env("HOME").orElseThrow());
    }

    @Test
    void anUnknownStackListsTheKnownOnes() throws IOException {
        var files = project("demo-prod", "config: {}\n");
        Files.writeString(root.resolve("Pulumi.demo-dev.yaml"), "config: {}\n");
        assertEquals(List.of("demo-dev", "demo-prod"), files.stacks());
        var error =
                assertThrows(StackFileException.class, () -> files.read("demo-staging", Map.of()));
        assertTrue(error.getMessage().contains("unknown stack 'demo-staging'"), error.getMessage());
        assertTrue(
                error.getMessage().contains("Known stacks: demo-dev, demo-prod"),
                error.getMessage());
    }

    @Test
    void brokenStackFilesNameTheFileAndTheFix() throws IOException {
        var files = project("broken", "config:\n  demo:a: [unclosed\n");
        var yaml = assertThrows(StackFileException.class, () -> files.read("broken", Map.of()));
        assertTrue(
                yaml.getMessage().startsWith("Pulumi.broken.yaml is not valid YAML"),
                yaml.getMessage());

        Files.writeString(root.resolve("Pulumi.bare.yaml"), "config:\n  region: eu-west-1\n");
        var bare = assertThrows(StackConfigException.class, () -> files.read("bare", Map.of()));
        assertTrue(bare.getMessage().contains("region: has no namespace"), bare.getMessage());
        assertTrue(bare.getMessage().contains("write it as labstacks:region"), bare.getMessage());

        Files.writeString(root.resolve("Pulumi.empty.yaml"), "config:\n  demo:a:\n");
        var empty = assertThrows(StackConfigException.class, () -> files.read("empty", Map.of()));
        assertTrue(empty.getMessage().contains("demo:a: has no value"), empty.getMessage());

        Files.writeString(root.resolve("Pulumi.list.yaml"), "config:\n  - a\n");
        var list = assertThrows(StackFileException.class, () -> files.read("list", Map.of()));
        assertTrue(list.getMessage().contains("'config' must be a mapping"), list.getMessage());
    }

    @Test
    void aDirectoryWithoutPulumiYamlIsRefused() {
        var error = assertThrows(StackFileException.class, () -> ProjectFiles.open(root));
        assertTrue(error.getMessage().contains("no Pulumi.yaml in"), error.getMessage());
    }

    @Test
    void theEngineEnvironmentGivesTheSameConfigAsTheStackFile() {
        var config =
                StackConfig.fromEngineEnvironment(
                        Map.of(
                                "PULUMI_PROJECT", "labstacks",
                                "PULUMI_STACK", "demo-prod",
                                "PULUMI_CONFIG",
                                        "{\"demo:config:count\":\"3\",\"demo:token\":\"tok\",\"demo:labels\":\"{\\\"a\\\":\\\"b\\\"}\"}",
                                "PULUMI_CONFIG_SECRET_KEYS", "[\"demo:token\"]"));
        assertEquals("labstacks", config.project());
        assertEquals("Pulumi.demo-prod.yaml", config.stackFile());
        assertEquals(
                "3",
                config.get("demo:count").orElseThrow(),
                "the old ns:config:key form is cleaned");
        assertEquals("{\"a\":\"b\"}", config.get("demo:labels").orElseThrow());
        assertTrue(config.isSecret("demo:token"));
        assertEquals(Set.of("demo:token"), config.secretKeys());
    }

    /** Each value is read as YAML 1.2 reads it, or refused where YAML 1.1 would read it differently. */
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "010        | octal: 010 is 8",
                "0123       | octal: 0123 is 83",
                "1:30       | base 60",
                "yes        | YAML 1.1 reads it as a boolean, YAML 1.2 as text",
                "on         | as a boolean",
                "off        | as a boolean",
                "no         | as a boolean",
                "1_0        | as a whole number",
                "0x5A       | not read alike",
                "TRUE       | not read alike",
                "2024-01-01 | as a timestamp",
            })
    void valuesWhoseYaml11ReadingDiffersAreRefusedWithQuoteIt(String value, String why)
            throws IOException {
        var files = project("demo-prod", "config:\n  demo:days: " + value + "\n");
        var error =
                assertThrows(StackConfigException.class, () -> files.read("demo-prod", Map.of()));
        assertTrue(
                error.getMessage()
                        .contains("demo:days: has the unquoted value " + value + " (line 2)"),
                error.getMessage());
        assertTrue(error.getMessage().contains(why), error.getMessage());
        assertTrue(
                error.getMessage().contains("fix: quote it: demo:days: \"" + value + "\""),
                error.getMessage());
    }

    @Test
    void quotedAndPlainDecimalValuesReadAsText() throws IOException {
        var files =
                project(
                        "demo-prod",
                        """
                config:
                  demo:a: "010"
                  demo:b: 90
                  demo:c: 'yes'
                  demo:d: 1.5
                  demo:e: false
                  demo:f: [1, "2", true]
                """);
        var config = files.read("demo-prod", Map.of());
        assertEquals("010", config.get("demo:a").orElseThrow());
        assertEquals("90", config.get("demo:b").orElseThrow());
        assertEquals("yes", config.get("demo:c").orElseThrow());
        assertEquals("1.5", config.get("demo:d").orElseThrow());
        assertEquals("false", config.get("demo:e").orElseThrow());
        assertEquals("[1,\"2\",true]", config.get("demo:f").orElseThrow());
    }

    /**
     * The Pulumi CLI decodes plain numbers with Go's yaml.v3 and hands them on as encoding/json writes them
     * (pulumi/pulumi sdk/go/common/resource/config/object.go, since v3.88.0), so 1.50 is 1.5 and 1e3 is 1000,
     * at the top level and inside a list or mapping. Nested numbers are converted the same way; a top-level
     * number written in another form is refused, so the offline plan never reads "1e3" where a deploy reads
     * "1000". A YAML 1.1 value inside a list is refused too.
     */
    @Test
    void numbersReachTheProgramAsTheCliWritesThem() throws IOException {
        var files =
                project(
                        "demo-prod",
                        """
                config:
                  demo:a: 1.5
                  demo:b: {ratio: 1.50, size: 1e3, n: 7}
                  demo:c: "1e3"
                """);
        var config = files.read("demo-prod", Map.of());
        assertEquals("1.5", config.get("demo:a").orElseThrow());
        assertEquals("{\"ratio\":1.5,\"size\":1000,\"n\":7}", config.get("demo:b").orElseThrow());
        assertEquals("1e3", config.get("demo:c").orElseThrow(), "quoted, the text stays");

        var written = project("demo-prod", "config:\n  demo:size: 1e3\n  demo:ratio: 1.50\n");
        var refused =
                assertThrows(StackConfigException.class, () -> written.read("demo-prod", Map.of()));
        assertTrue(
                refused.getMessage()
                        .contains(
                                "demo:size: has the unquoted number 1e3 (line 2), which the Pulumi CLI"
                                        + " hands the program as 1000"),
                refused.getMessage());
        assertTrue(refused.getMessage().contains("write demo:ratio: 1.5"), refused.getMessage());

        var nested = project("demo-prod", "config:\n  demo:list: [1, yes]\n");
        var error =
                assertThrows(StackConfigException.class, () -> nested.read("demo-prod", Map.of()));
        assertTrue(
                error.getMessage().contains("demo:list: has the unquoted value yes (line 2)"),
                error.getMessage());
    }

    @Test
    void duplicateKeysAndUnknownTopLevelKeysAreErrors() throws IOException {
        var files =
                project(
                        "demo-prod",
                        "config:\n  demo:days: 90\n  demo:days: 1\nconifg:\n  demo:x: a\n");
        var error =
                assertThrows(StackConfigException.class, () -> files.read("demo-prod", Map.of()));
        assertTrue(
                error.getMessage()
                        .contains(
                                "demo:days: is set twice in Pulumi.demo-prod.yaml (lines 2 and 3)"),
                error.getMessage());
        assertTrue(
                error.getMessage()
                        .contains("conifg: is not a key of a stack file (did you mean config?)"),
                error.getMessage());
    }
}
