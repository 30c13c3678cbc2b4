package labstacks.igenomes.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.gaul.s3proxy.junit.S3ProxyExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketCannedACL;

/** The inventory against a real S3-compatible server holding a small iGenomes-shaped fixture. */
class InventoryToolTest {

    @RegisterExtension
    static final S3ProxyExtension S3 =
            S3ProxyExtension.builder()
                    .withBlobStoreProvider("transient-nio2")
                    .withCredentials("owner", "owner-secret")
                    .build();

    private static final String BUCKET = "ngi-igenomes";

    @TempDir Path temp;

    private static String base(String species, String build) {
        return "igenomes/" + species + "/Ensembl/" + build + "/";
    }

    /** Every object a complete genome has in the fixture. */
    private static List<String> completeGenome(String species, String build) {
        var base = base(species, build);
        return List.of(
                base + "Sequence/WholeGenomeFasta/genome.fa",
                base + "Sequence/BWAIndex/genome.fa.bwt",
                base + "Sequence/BWAIndex/genome.fa.sa",
                base + "Sequence/Bowtie2Index/genome.1.bt2",
                base + "Sequence/STARIndex/SA",
                base + "Sequence/STARIndex/Genome",
                base + "Annotation/Genes/genes.gtf",
                base + "Annotation/Genes/genes.bed");
    }

    @BeforeEach
    void publicBucketWithFixture() {
        try (var owner =
                S3Client.builder()
                        .region(Region.EU_WEST_1)
                        .endpointOverride(S3.getUri())
                        .forcePathStyle(true)
                        .credentialsProvider(
                                StaticCredentialsProvider.create(
                                        AwsBasicCredentials.create("owner", "owner-secret")))
                        .build()) {
            // public-read on the bucket allows anonymous listing, as the Open Data bucket does.
            owner.createBucket(b -> b.bucket(BUCKET).acl(BucketCannedACL.PUBLIC_READ));
            var keys = new ArrayList<>(completeGenome("Mus_musculus", "GRCm38"));
            // Partial: no STAR index and no BED12; the fasta's name only as a longer key (must not
            // count).
            completeGenome("Danio_rerio", "GRCz10").stream()
                    .filter(
                            k ->
                                    !k.contains("STARIndex")
                                            && !k.endsWith("genes.bed")
                                            && !k.endsWith("genome.fa"))
                    .forEach(keys::add);
            keys.add(base("Danio_rerio", "GRCz10") + "Sequence/WholeGenomeFasta/genome.fa.fai");
            // Another genome's files under a similar prefix must not satisfy a missing one.
            keys.add("igenomes/Bos_taurus/Ensembl/UMD3.1-old/Sequence/WholeGenomeFasta/genome.fa");
            for (var key : keys) {
                owner.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromString("x"));
            }
        }
    }

    private Path catalog(String... builds) throws IOException {
        var entries = new ArrayList<String>();
        for (var entry : builds) {
            var parts = entry.split("/");
            var base = base(parts[0], parts[1]);
            entries.add(
                    "{\"id\":\""
                            + parts[1]
                            + "\",\"species\":\""
                            + parts[0].replace('_', ' ')
                            + "\",\"source\":\"Ensembl\",\"build\":\""
                            + parts[1]
                            + "\",\"paths\":{"
                            + "\"fasta\":\""
                            + base
                            + "Sequence/WholeGenomeFasta/genome.fa\","
                            + "\"bwa\":\""
                            + base
                            + "Sequence/BWAIndex/genome.fa\","
                            + "\"bowtie2\":\""
                            + base
                            + "Sequence/Bowtie2Index/\","
                            + "\"star\":\""
                            + base
                            + "Sequence/STARIndex/\","
                            + "\"gtf\":\""
                            + base
                            + "Annotation/Genes/genes.gtf\","
                            + "\"bed12\":\""
                            + base
                            + "Annotation/Genes/genes.bed\"}}");
        }
        var file = temp.resolve("catalog.json");
        Files.writeString(
                file,
                "{\"bucket\":\"" + BUCKET + "\",\"genomes\":[" + String.join(",", entries) + "]}");
        return file;
    }

    private record Result(int code, String out, String err) {}

    private static Result run(String... args) {
        var run = InventoryCommandRun.of(args);
        return new Result(run.code(), run.out(), run.err());
    }

    @Test
    void reportsPresentPartialAndMissingGenomesAnonymously() throws IOException {
        var result =
                run(
                        "--catalog",
                        catalog("Mus_musculus/GRCm38", "Danio_rerio/GRCz10", "Bos_taurus/UMD3.1")
                                .toString(),
                        "--endpoint",
                        S3.getUri().toString());
        assertEquals(1, result.code(), result.out() + result.err());
        var lines = result.out().lines().toList();
        assertEquals("Inventory of s3://ngi-igenomes", lines.get(0));
        assertTrue(lines.get(2).matches("GRCm38\\s+Mus musculus\\s+ok\\s+6/6\\s+-"), lines.get(2));
        assertTrue(
                lines.get(3).matches("GRCz10\\s+Danio rerio\\s+partial\\s+3/6\\s+fasta,star,bed12"),
                lines.get(3));
        assertTrue(
                lines.get(4)
                        .matches(
                                "UMD3.1\\s+Bos taurus\\s+missing\\s+0/6\\s+fasta,bwa,bowtie2,star,gtf,bed12"),
                lines.get(4));
        assertEquals("1 of 3 genomes complete, 2 with missing paths", lines.get(5));
        assertEquals("", result.err(), "no progress line for a short run");
    }

    @Test
    void aCompleteCatalogExitsZero() throws IOException {
        var result =
                run(
                        "--catalog",
                        catalog("Mus_musculus/GRCm38").toString(),
                        "--endpoint",
                        S3.getUri().toString());
        assertEquals(0, result.code(), result.out() + result.err());
        assertTrue(result.out().contains("1 of 1 genomes complete\n"), result.out());
    }

    @Test
    void longRunsPrintProgress() throws IOException {
        var result =
                run(
                        "--catalog",
                        catalog(
                                        "Mus_musculus/GRCm38",
                                        "Danio_rerio/GRCz10",
                                        "Bos_taurus/UMD3.1",
                                        "Gallus_gallus/Galgal4",
                                        "Equus_caballus/EquCab2",
                                        "Glycine_max/Gm01")
                                .toString(),
                        "--endpoint",
                        S3.getUri().toString());
        assertEquals(1, result.code());
        var progress = result.err().lines().toList();
        assertEquals(6, progress.size(), result.err());
        assertEquals("[1/6] GRCm38: 6/6 paths present", progress.get(0));
        assertEquals("[6/6] Gm01: 0/6 paths present", progress.get(5));
    }

    @Test
    void usageAndAccessErrorsExitTwo() throws IOException {
        assertEquals(2, run("--verbose").code());
        assertEquals(2, run("--catalog").code());
        var region = run("--region", "eu-wset-1");
        assertEquals(2, region.code(), "a usage error before anything is listed");
        assertTrue(region.err().startsWith("--region: "), region.err());
        assertTrue(region.err().contains("did you mean eu-west-1?"), region.err());
        var broken = temp.resolve("broken.json");
        Files.writeString(broken, "{\"bucket\":\"b\",\"genomes\":[{\"id\":\"x\"}]}");
        var catalogError = run("--catalog", broken.toString());
        assertEquals(2, catalogError.code());
        assertTrue(
                catalogError
                        .err()
                        .contains(
                                "broken.json: field 'genomes[0].species' is missing; it must be text"),
                catalogError.err());
        var noBucket =
                run(
                        "--catalog",
                        catalog("Mus_musculus/GRCm38").toString(),
                        "--bucket",
                        "not-there",
                        "--endpoint",
                        S3.getUri().toString());
        assertEquals(2, noBucket.code());
        assertTrue(
                noBucket.err().contains("cannot list s3://not-there anonymously"), noBucket.err());
    }
}
