package labstacks.igenomes.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import labstacks.igenomes.catalog.GenomeCatalog;
import org.gaul.s3proxy.junit.S3ProxyExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketCannedACL;

/**
 * The inventory of the whole bundled catalog (every genome of nf-core's igenomes.config) against a bucket
 * laid out as ngi-igenomes is, on S3Proxy: one object per file path, index files under each index prefix.
 */
class BundledCatalogInventoryTest {

    @RegisterExtension
    static final S3ProxyExtension S3 =
            S3ProxyExtension.builder()
                    .withBlobStoreProvider("transient-nio2")
                    .withCredentials("owner", "owner-secret")
                    .build();

    private static final String BUCKET = "ngi-igenomes";

    /** Paths removed for the second run. */
    private static final Set<String> LEFT_OUT =
            Set.of(
                    "igenomes/Homo_sapiens/NCBI/GRCh38/Annotation/Genes/genes.gtf",
                    "igenomes/Homo_sapiens/UCSC/CHM13/Sequence/BWAmem2Index/",
                    "igenomes/Bacillus_subtilis_168/Ensembl/EB2/Annotation/README.txt");

    /** The objects that make a catalog path exist: the file itself, or files under an index prefix. */
    private static List<String> objectsFor(String asset, String key) {
        if (GenomeCatalog.INDEX_ASSETS.contains(asset)) {
            return List.of(key + "genome.1.idx");
        }
        return List.of(key);
    }

    private static S3Client owner() {
        return S3Client.builder()
                .region(Region.EU_WEST_1)
                .endpointOverride(S3.getUri())
                .forcePathStyle(true)
                .credentialsProvider(
                        StaticCredentialsProvider.create(
                                AwsBasicCredentials.create("owner", "owner-secret")))
                .build();
    }

    /** A public bucket holding every path of the bundled catalog (S3Proxy empties itself after each test). */
    private static void bucketWithEveryCatalogPath(S3Client owner) {
        owner.createBucket(b -> b.bucket(BUCKET).acl(BucketCannedACL.PUBLIC_READ));
        var objects = new ArrayList<String>();
        for (var genome : GenomeCatalog.bundled().genomes()) {
            genome.paths().forEach((asset, key) -> objects.addAll(objectsFor(asset, key)));
        }
        objects.parallelStream()
                .forEach(
                        object ->
                                owner.putObject(
                                        b -> b.bucket(BUCKET).key(object),
                                        RequestBody.fromString("x")));
    }

    private record Result(int code, List<String> out, List<String> err) {}

    private static Result run(String... args) {
        var run = InventoryCommandRun.of(args);
        return new Result(run.code(), run.out().lines().toList(), run.err().lines().toList());
    }

    @Test
    void everyPathOfEveryGenomeIsCheckedAndAMissingOneIsNamed() {
        try (var owner = owner()) {
            bucketWithEveryCatalogPath(owner);

            var complete = run("--endpoint", S3.getUri().toString());
            assertEquals(
                    0,
                    complete.code(),
                    String.join("\n", complete.out()) + String.join("\n", complete.err()));
            assertEquals(
                    "39 of 39 genomes complete", complete.out().get(complete.out().size() - 1));
            assertEquals(39, complete.err().size(), "a progress line per genome");
            assertEquals("[1/39] GRCh37: 8/8 paths present", complete.err().get(0));
            assertEquals("[3/39] CHM13: 4/4 paths present", complete.err().get(2));
            var checked =
                    complete.err().stream()
                            .mapToInt(
                                    line ->
                                            Integer.parseInt(
                                                    line.replaceAll(
                                                            ".*: \\d+/(\\d+) paths.*", "$1")))
                            .sum();
            assertEquals(291, checked, "every bucket path of the catalog was checked");
            assertTrue(
                    complete.out().stream()
                            .anyMatch(l -> l.matches("GRCh37\\s+Homo sapiens\\s+ok\\s+8/8\\s+-")),
                    String.join("\n", complete.out()));

            for (var key : LEFT_OUT) {
                var objects = key.endsWith("/") ? objectsFor("bwamem2", key) : List.of(key);
                objects.forEach(object -> owner.deleteObject(b -> b.bucket(BUCKET).key(object)));
            }
            // A near miss that must not count for the missing gtf.
            owner.putObject(
                    b ->
                            b.bucket(BUCKET)
                                    .key(
                                            "igenomes/Homo_sapiens/NCBI/GRCh38/Annotation/Genes/genes.gtf.gz"),
                    RequestBody.fromString("x"));
        }
        var partial = run("--endpoint", S3.getUri().toString());
        assertEquals(1, partial.code(), String.join("\n", partial.err()));
        var rows = partial.out();
        assertTrue(
                rows.stream()
                        .anyMatch(
                                l -> l.matches("GRCh38\\s+Homo sapiens\\s+partial\\s+6/7\\s+gtf")),
                String.join("\n", rows));
        assertTrue(
                rows.stream()
                        .anyMatch(
                                l ->
                                        l.matches(
                                                "CHM13\\s+Homo sapiens\\s+partial\\s+3/4\\s+bwamem2")),
                String.join("\n", rows));
        assertTrue(
                rows.stream()
                        .anyMatch(
                                l ->
                                        l.matches(
                                                "EB2\\s+Bacillus subtilis 168\\s+partial\\s+7/8\\s+readme")),
                String.join("\n", rows));
        assertEquals("36 of 39 genomes complete, 3 with missing paths", rows.get(rows.size() - 1));
    }
}
