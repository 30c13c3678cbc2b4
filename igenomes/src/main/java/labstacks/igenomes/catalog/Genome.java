package labstacks.igenomes.catalog;

import java.util.Map;

/**
 * One reference genome in the bucket.
 *
 * @param id      the name pipelines use ({@code --genome GRCh38})
 * @param species the species, e.g. {@code Homo sapiens}
 * @param source  Ensembl, NCBI or UCSC
 * @param build   the assembly build
 * @param paths   asset (fasta, bwa, bowtie2, star, gtf, bed12) to its key in the bucket
 */
public record Genome(String id, String species, String source, String build, Map<String, String> paths) {
    public Genome {
        paths = Map.copyOf(paths);
    }
}
