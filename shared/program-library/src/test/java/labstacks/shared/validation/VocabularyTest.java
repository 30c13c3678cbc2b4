package labstacks.shared.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import labstacks.shared.config.ConfigNamespaces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The vocabulary's rules against the upstream rules they come from: S3 naming rules (AWS S3 User
 * Guide, bucketnamingrules.html), the quantity grammar of k8s.io/apimachinery (pkg/api/resource/
 * quantity.go), the reference grammar of distribution/reference (regexp.go).
 */
class VocabularyTest {

    /** A colon after the last '/' starts the tag; one before it is a registry port (distribution/reference). */
    @ParameterizedTest
    @CsvSource({
        "ghcr.io/sustainability-software-lab/ca-biositing/pipeline:v2026.4.6, ghcr.io/sustainability-software-lab/ca-biositing/pipeline",
        "postgis/postgis:17-3.5, postgis/postgis",
        "localhost:5000/moderate-dagster:dev, localhost:5000/moderate-dagster",
        "busybox@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef, busybox"
    })
    void aRepositoryIsTheReferenceWithoutTagOrDigest(String reference, String repository) {
        assertEquals(repository, ImageReference.parse(reference).repository());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "nf-core-awsmegatests",
                "ngi-igenomes",
                "my.bucket.example",
                "abc",
                "a1-2.b"
            })
    void validBucketNames(String name) {
        assertEquals(Optional.empty(), Vocabulary.s3BucketName(name));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "ab                | 3 to 63 characters",
                "My-Bucket         | only lower-case letters",
                "my_bucket         | only lower-case letters",
                "-bucket           | starts and ends with a letter or digit",
                "bucket.           | starts and ends with a letter or digit",
                "my..bucket        | no two adjacent periods",
                "192.168.5.4       | not formatted as an IP address",
                "xn--bucket        | 'xn--'",
                "sthree-bucket     | 'sthree-'",
                "amzn-s3-demo-x    | 'amzn-s3-demo-'",
                "bucket-s3alias    | '-s3alias'",
                "bucket--ol-s3     | '--ol-s3'",
                "bucket.mrap       | '.mrap'",
                "bucket--x-s3      | '--x-s3'",
                "bucket--table-s3  | '--table-s3'",
            })
    void invalidBucketNamesSayTheRule(String name, String rule) {
        var problem = Vocabulary.s3BucketName(name).orElseThrow();
        assertTrue(problem.contains(rule), problem);
    }

    @Test
    void regionsComeFromTheProvidersList() {
        assertTrue(
                Vocabulary.awsRegions()
                        .containsAll(List.of("eu-west-1", "us-east-1", "ap-southeast-2")));
        assertEquals(Optional.empty(), Vocabulary.awsRegion("eu-west-1"));
        assertTrue(
                Vocabulary.awsRegion("zz-nowhere-9").orElseThrow().startsWith("not an AWS region"));
        assertTrue(
                Vocabulary.awsRegion("eu-wset-1")
                        .orElseThrow()
                        .contains("did you mean eu-west-1?"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"5Gi", "1.5Gi", "5", "500M", "1e3", "0.5Ti", "100Ki"})
    void validStorageSizes(String size) {
        assertEquals(Optional.empty(), Vocabulary.storageSize(size));
    }

    @ParameterizedTest
    @ValueSource(strings = {"5GB", "5 Gi", "-5Gi", "0", "5gi", "500m", "Gi", ""})
    void invalidStorageSizes(String size) {
        assertTrue(Vocabulary.storageSize(size).isPresent(), size);
    }

    @Test
    void namespacesTheClusterOwnsAreRefused() {
        for (var reserved : List.of("default", "kube-system", "kube-public", "kube-node-lease")) {
            assertTrue(
                    Vocabulary.kubernetesNamespace(reserved)
                            .orElseThrow()
                            .contains("belongs to the cluster itself"));
        }
        assertEquals(Optional.empty(), Vocabulary.kubernetesNamespace("ca-biositing"));
        assertTrue(Vocabulary.kubernetesNamespace("CA-Biositing").isPresent());
        assertTrue(Vocabulary.kubernetesNamespace("a".repeat(64)).isPresent());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "postgres:13.20",
                "prefecthq/prefect:3.4.23-python3.12",
                "ghcr.io/sustainability-software-lab/ca-biositing-pipeline:0.4.0",
                "localhost:5000/moderate-dagster:dev",
                "registry.example.org:443/a/b__c/d-e:1",
                "alpine@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
            })
    void pinnedImages(String image) {
        assertEquals(Optional.empty(), Vocabulary.pinnedImage(image));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "ghcr.io/x/pipeline::1.0 | the tag after ':'",
                "ghcr.io/x/:1.0          | empty part",
                "NOT AN IMAGE!!          | no spaces",
                "Ghcr/X:1                | lower-case",
                "postgres                | no tag or digest",
                "postgres:latest         | 'latest' moves",
                "postgres@sha256:abc     | digest",
                "postgres:.1             | the tag after ':'",
            })
    void badImagesSayTheRule(String image, String rule) {
        var problem = Vocabulary.pinnedImage(image).orElseThrow();
        assertTrue(problem.contains(rule), problem);
    }

    @Test
    void aRepositoryHasNoTag() {
        assertEquals(
                Optional.empty(), Vocabulary.imageRepository("localhost:5000/moderate-dagster"));
        assertTrue(
                Vocabulary.imageRepository("localhost:5000/moderate-dagster:v1")
                        .orElseThrow()
                        .contains("without ':v1'"));
    }

    @Test
    void urlsAreParsed() {
        assertEquals(Optional.empty(), Vocabulary.httpUrl("https://api.cloud.seqera.io"));
        assertEquals(Optional.empty(), Vocabulary.httpUrl("http://localhost:4200/api"));
        assertTrue(Vocabulary.httpUrl("not a url").orElseThrow().startsWith("not a URL"));
        assertTrue(Vocabulary.httpUrl("ftp://x.org").orElseThrow().contains("http:// or https://"));
        assertTrue(Vocabulary.httpUrl("https://user:pw@x.org").orElseThrow().contains("password"));
        assertTrue(Vocabulary.httpUrl("https:///path").isPresent());
    }

    @Test
    void hosts() {
        assertEquals(Optional.empty(), Vocabulary.host("0.0.0.0"));
        assertEquals(Optional.empty(), Vocabulary.host("keycloak.moderate.cloud"));
        assertTrue(Vocabulary.host("999.1.1.1").isPresent());
        assertTrue(Vocabulary.host("999.1.1.1 ; rm").isPresent());
    }

    @Test
    void providerKeysAreReadFromTheSdks() {
        assertTrue(
                ConfigNamespaces.providerKeys("aws")
                        .containsAll(
                                List.of(
                                        "aws:region",
                                        "aws:profile",
                                        "aws:skipCredentialsValidation")));
        assertTrue(
                ConfigNamespaces.providerKeys("kubernetes")
                        .containsAll(
                                List.of(
                                        "kubernetes:context",
                                        "kubernetes:kubeconfig",
                                        "kubernetes:namespace")));
        assertTrue(ConfigNamespaces.providerKeys("github").contains("github:token"));
        assertTrue(ConfigNamespaces.providerKeys("seqera").contains("seqera:serverUrl"));
    }

    @Test
    void aJsonDocumentIsAnObjectAndTheWordsNeverQuoteIt() {
        assertEquals(Optional.empty(), Vocabulary.jsonDocument("{\"type\": \"service_account\"}"));
        assertEquals(
                Optional.of("it holds a file path, not the document itself"),
                Vocabulary.jsonDocument("/home/me/keys/sa-1234.json"));
        var notJson = Vocabulary.jsonDocument("private-key-material-1234");
        assertEquals(Optional.of("it is not a JSON object"), notJson);
        assertEquals(Optional.of("it is not a JSON object"), Vocabulary.jsonDocument("[1, 2]"));
    }
}
