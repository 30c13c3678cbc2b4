package labstacks.igenomes.catalog;

import org.junit.jupiter.api.Test;

import java.io.StringReader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GenomeCatalogTest {

    @Test
    void theBundledCatalogIsCompleteAndConsistent() {
        var catalog = GenomeCatalog.bundled();
        assertEquals("ngi-igenomes", catalog.bucket());
        assertTrue(catalog.genomes().size() >= 15);
        for (var genome : catalog.genomes()) {
            var base = "igenomes/" + genome.species().replace(' ', '_') + "/" + genome.source() + "/" + genome.build() + "/";
            for (var asset : GenomeCatalog.ASSETS) {
                assertTrue(genome.paths().get(asset).startsWith(base), genome.id() + " " + asset);
            }
            assertTrue(genome.paths().get("star").endsWith("/"));
            assertTrue(genome.paths().get("gtf").endsWith(".gtf"));
        }
        assertEquals("igenomes/Mus_musculus/Ensembl/GRCm38/Annotation/Genes/genes.gtf",
                catalog.find("GRCm38").orElseThrow().paths().get("gtf"));
    }

    private static String parseError(String json) {
        return assertThrows(GenomeCatalog.CatalogException.class,
                () -> GenomeCatalog.parse(new StringReader(json), "genomes.json")).getMessage();
    }

    @Test
    void brokenFilesNameTheFileAndTheField() {
        assertTrue(parseError("{not json").startsWith("genomes.json is not valid JSON"));
        assertTrue(parseError("[]").contains("the top level must be an object"));
        assertTrue(parseError("{\"genomes\":[]}").contains("genomes.json: bucket is missing"));
        assertTrue(parseError("{\"bucket\":\"b\",\"genomes\":{}}").contains("'genomes' must be a list"));
        var entry = "{\"id\":\"X1\",\"species\":\"S\",\"source\":\"E\",\"build\":\"X1\",\"paths\":{"
                + "\"fasta\":\"a\",\"bwa\":\"b\",\"bowtie2\":\"c/\",\"star\":\"d/\",\"gtf\":\"e\"}}";
        assertEquals("genomes.json: genomes[0] (X1).paths.bed12 is missing or not text",
                parseError("{\"bucket\":\"b\",\"genomes\":[" + entry + "]}"));
        var absolute = entry.replace("\"gtf\":\"e\"", "\"gtf\":\"s3://b/e\",\"bed12\":\"f\"");
        assertTrue(parseError("{\"bucket\":\"b\",\"genomes\":[" + absolute + "]}").contains("paths.gtf must be a key inside"));
        var complete = entry.replace("\"gtf\":\"e\"", "\"gtf\":\"e\",\"bed12\":\"f\"");
        assertTrue(parseError("{\"bucket\":\"b\",\"genomes\":[" + complete + "," + complete + "]}").contains("appears twice"));
    }
}
