package labstacks.igenomes.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GenomeCatalogTest {

    /**
     * The bundled catalog is nf-core/rnaseq 3.24.0 (commit 47b3b0d3daad69e99d45c9e2dd8db19ee28307a1),
     * conf/igenomes.config: 39 genome blocks. The facts checked below are read from that file.
     */
    @Test
    void theBundledCatalogHoldsEveryGenomeOfNfCoresConfig() {
        var catalog = GenomeCatalog.bundled();
        assertEquals("ngi-igenomes", catalog.bucket());
        assertEquals(
                List.of(
                        "GRCh37",
                        "GRCh38",
                        "CHM13",
                        "GRCm38",
                        "TAIR10",
                        "EB2",
                        "UMD3.1",
                        "WBcel235",
                        "CanFam3.1",
                        "GRCz10",
                        "BDGP6",
                        "EquCab2",
                        "EB1",
                        "Galgal4",
                        "Gm01",
                        "Mmul_1",
                        "IRGSP-1.0",
                        "CHIMP2.1.4",
                        "Rnor_5.0",
                        "Rnor_6.0",
                        "R64-1-1",
                        "EF2",
                        "Sbi1",
                        "Sscrofa10.2",
                        "AGPv3",
                        "hg38",
                        "hg19",
                        "mm10",
                        "bosTau8",
                        "ce10",
                        "canFam3",
                        "danRer10",
                        "dm6",
                        "equCab2",
                        "galGal4",
                        "panTro4",
                        "rn6",
                        "sacCer3",
                        "susScr3"),
                catalog.genomes().stream().map(Genome::id).toList());

        var grch37 = catalog.find("GRCh37").orElseThrow();
        assertEquals(
                List.of("fasta", "bwa", "bowtie2", "star", "bismark", "gtf", "bed12", "readme"),
                List.copyOf(grch37.paths().keySet()));
        assertEquals(
                "igenomes/Homo_sapiens/Ensembl/GRCh37/Sequence/BWAIndex/version0.6.0/",
                grch37.paths().get("bwa"));
        assertEquals(
                "igenomes/Homo_sapiens/Ensembl/GRCh37/Annotation/README.txt",
                grch37.paths().get("readme"));
        assertEquals(Optional.of("MT"), grch37.mitoName());
        assertEquals(Optional.of(2_700_000_000L), grch37.effectiveGenomeSize());
        assertEquals(Optional.of("assets/blacklists/GRCh37-blacklist.bed"), grch37.blacklist());

        var chm13 = catalog.find("CHM13").orElseThrow();
        assertEquals("UCSC", chm13.source());
        assertEquals(
                "igenomes/Homo_sapiens/UCSC/CHM13/Sequence/BWAmem2Index/",
                chm13.paths().get("bwamem2"));
        assertEquals(
                "igenomes/Homo_sapiens/NCBI/CHM13/Annotation/Genes/genes.gtf",
                chm13.paths().get("gtf"));
        assertTrue(
                chm13.external()
                        .get("gff")
                        .startsWith("ftp://ftp.ncbi.nlm.nih.gov/genomes/all/GCF/009/914/755/"));
        assertFalse(chm13.paths().containsKey("star"));

        assertEquals(Optional.of("MtDNA"), catalog.find("WBcel235").orElseThrow().mitoName());
        assertEquals(
                Optional.of(120_000_000L), catalog.find("dm6").orElseThrow().effectiveGenomeSize());
        var eb1 = catalog.find("EB1").orElseThrow();
        assertTrue(
                eb1.mitoName().isEmpty() && eb1.macsGsize().isEmpty() && eb1.blacklist().isEmpty());
        assertEquals(
                Optional.of("assets/blacklists/mm10-blacklist.bed"),
                catalog.find("mm10").orElseThrow().blacklist());
        assertEquals(6, catalog.genomes().stream().filter(g -> g.blacklist().isPresent()).count());
        assertEquals(14, catalog.genomes().stream().filter(g -> g.macsGsize().isPresent()).count());
        assertEquals(35, catalog.genomes().stream().filter(g -> g.mitoName().isPresent()).count());
    }

    @Test
    void everyPathHasTheIgenomesLayout() {
        var catalog = GenomeCatalog.bundled();
        var total = 0;
        for (var genome : catalog.genomes()) {
            var species = genome.species().replace(' ', '_');
            var base = "igenomes/" + species + "/" + genome.source() + "/" + genome.build() + "/";
            assertEquals(
                    base + "Sequence/WholeGenomeFasta/genome.fa",
                    genome.paths().get("fasta"),
                    genome.id());
            for (var path : genome.paths().entrySet()) {
                var asset = path.getKey();
                var key = path.getValue();
                total++;
                // CHM13's annotation is NCBI's while its sequence is UCSC's; every other path is
                // under its build.
                var expectedBase =
                        genome.id().equals("CHM13") && asset.equals("gtf")
                                ? "igenomes/Homo_sapiens/NCBI/CHM13/"
                                : base;
                assertTrue(key.startsWith(expectedBase), genome.id() + " " + asset + ": " + key);
                assertFalse(
                        key.contains("//") || key.contains("${"),
                        genome.id() + " " + asset + ": " + key);
                if (GenomeCatalog.INDEX_ASSETS.contains(asset)) {
                    assertTrue(
                            key.endsWith("/"),
                            "an index is a directory: " + genome.id() + " " + asset);
                    assertTrue(key.startsWith(base + "Sequence/"), genome.id() + " " + asset);
                } else {
                    assertFalse(key.endsWith("/"), "a file: " + genome.id() + " " + asset);
                }
            }
            Optional.ofNullable(genome.paths().get("gtf"))
                    .ifPresent(gtf -> assertTrue(gtf.endsWith("/Annotation/Genes/genes.gtf")));
            Optional.ofNullable(genome.paths().get("bed12"))
                    .ifPresent(bed -> assertTrue(bed.endsWith("/Annotation/Genes/genes.bed")));
            Optional.ofNullable(genome.paths().get("readme"))
                    .ifPresent(r -> assertTrue(r.endsWith("/Annotation/README.txt")));
            genome.mitoName()
                    .ifPresent(
                            m ->
                                    assertTrue(
                                            m.matches("MT|Mt|M|MtDNA|chrM"),
                                            genome.id() + " " + m));
            genome.blacklist()
                    .ifPresent(
                            b ->
                                    assertTrue(
                                            b.matches("assets/blacklists/[\\w.-]+-blacklist\\.bed"),
                                            b));
        }
        // The config has 39 fasta, 39 bwa, 38 bowtie2, star, bismark and gtf, 37 bed12, 23 readme,
        // 1 bwamem2.
        assertEquals(291, total, "every bucket path of the 39 genomes");
    }

    @Test
    void theCatalogSaysWhereItCameFrom() throws IOException {
        try (var in =
                GenomeCatalog.class.getClassLoader().getResourceAsStream(GenomeCatalog.RESOURCE)) {
            var source =
                    JsonParser.parseString(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                            .getAsJsonObject()
                            .getAsJsonObject("source");
            assertEquals("nf-core/rnaseq", source.get("repository").getAsString());
            assertEquals("3.24.0", source.get("tag").getAsString());
            assertEquals("conf/igenomes.config", source.get("path").getAsString());
            assertTrue(source.get("commit").getAsString().matches("[0-9a-f]{40}"));
        }
    }

    private static String parseError(String json) {
        return assertThrows(
                        GenomeCatalog.CatalogException.class,
                        () -> GenomeCatalog.parse(json, "genomes.json"))
                .getMessage();
    }

    @Test
    void brokenFilesNameTheFileTheEntryAndTheField() {
        assertTrue(
                parseError("{not json")
                        .startsWith("genomes.json: is not valid JSON (line 1, column 2)"));
        assertEquals("genomes.json: the top level must be a JSON object", parseError("[]"));
        assertEquals(
                "genomes.json: field 'bucket' is missing; it must be text",
                parseError("{\"genomes\":[]}"));
        assertEquals(
                "genomes.json: field 'genomes' must be a list, got an object",
                parseError("{\"bucket\":\"b\",\"genomes\":{}}"));
        var entry =
                "{\"id\":\"X1\",\"species\":\"S\",\"source\":\"E\",\"build\":\"X1\",\"paths\":{"
                        + "\"fasta\":\"a\",\"bwa\":\"b\",\"bowtie2\":\"c/\",\"star\":\"d/\",\"gtf\":\"e\"}}";
        var absolute = entry.replace("\"gtf\":\"e\"", "\"gtf\":\"s3://b/e\",\"bed12\":\"f\"");
        assertEquals(
                "genomes.json: genomes[0] (X1): paths.gtf must be a key inside the bucket (no leading / or s3://),"
                        + " got s3://b/e",
                parseError("{\"bucket\":\"b\",\"genomes\":[" + absolute + "]}"));
        var complete = entry.replace("\"gtf\":\"e\"", "\"gtf\":\"e\",\"bed12\":\"f\"");
        var typo = entry.replace("\"gtf\":\"e\"", "\"gft\":\"e\"");
        assertEquals(
                "genomes.json: field 'genomes[0].paths.gft' is not a known field; did you mean 'gff'? known: bed12,"
                        + " bismark, bowtie2, bwa, bwamem2, fasta, gff, gtf, readme, star",
                parseError("{\"bucket\":\"b\",\"genomes\":[" + typo + "]}"));
        var noFasta = entry.replace("\"fasta\":\"a\",", "");
        assertEquals(
                "genomes.json: field 'genomes[0].paths.fasta' is missing; it must be text",
                parseError("{\"bucket\":\"b\",\"genomes\":[" + noFasta + "]}"));
        var badSize = entry.replace("\"paths\"", "\"macs_gsize\":\"big\",\"paths\"");
        assertEquals(
                "genomes.json: genomes[0] (X1): macs_gsize must be a number such as 2.7e9, got big",
                parseError("{\"bucket\":\"b\",\"genomes\":[" + badSize + "]}"));
        var badUrl = entry.replace("\"paths\"", "\"external\":{\"gff\":\"file:/x\"},\"paths\"");
        assertTrue(
                parseError("{\"bucket\":\"b\",\"genomes\":[" + badUrl + "]}")
                        .startsWith(
                                "genomes.json: genomes[0] (X1): external.gff must be an http(s) or ftp URL"));
        assertEquals(
                "genomes.json: genomes[1] (X1): the id X1 appears twice (first at genomes[0]); keep one entry",
                parseError("{\"bucket\":\"b\",\"genomes\":[" + complete + "," + complete + "]}"));
    }

    /** What a lenient reader used to accept silently: a field given twice, one it does not know, a number as text. */
    @Test
    void fieldsGivenTwiceUnknownOrOfTheWrongTypeAreRefused() {
        var entry =
                "{\"id\":\"X1\",\"species\":\"S\",\"source\":\"E\",\"build\":\"X1\",\"paths\":{\"fasta\":\"a\"}}";
        var twice = entry.replace("\"fasta\":\"a\"", "\"fasta\":\"a\",\"fasta\":\"b\"");
        assertEquals(
                "genomes.json: field 'genomes[0].paths.fasta' is given twice in one object; keep one",
                parseError("{\"bucket\":\"b\",\"genomes\":[" + twice + "]}"));
        var unknown = entry.replace("\"paths\"", "\"mito\":\"MT\",\"paths\"");
        assertTrue(
                parseError("{\"bucket\":\"b\",\"genomes\":[" + unknown + "]}")
                        .startsWith(
                                "genomes.json: field 'genomes[0].mito' is not a known field; did you mean 'mito_name'? known: "));
        var number = entry.replace("\"species\":\"S\"", "\"species\":5");
        assertEquals(
                "genomes.json: field 'genomes[0].species' must be text, got 5",
                parseError("{\"bucket\":\"b\",\"genomes\":[" + number + "]}"));
        var blank = entry.replace("\"build\":\"X1\"", "\"build\":\"\"");
        assertEquals(
                "genomes.json: field 'genomes[0].build' is blank; it must be non-empty text",
                parseError("{\"bucket\":\"b\",\"genomes\":[" + blank + "]}"));
        assertEquals(
                "b",
                GenomeCatalog.parse(
                                "{\"bucket\":\"b\",\"genomes\":[" + entry + "]}", "genomes.json")
                        .bucket());
    }
}
