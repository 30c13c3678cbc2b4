package labstacks.igenomes.catalog;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One reference genome in the bucket, with what nf-core's {@code conf/igenomes.config} says about it.
 *
 * @param id         the name pipelines use ({@code --genome GRCh38})
 * @param species    the species, e.g. {@code Homo sapiens}
 * @param source     Ensembl, NCBI or UCSC
 * @param build      the assembly build
 * @param paths      asset (fasta, bwa, bowtie2, star, gtf, bed12, ...) to its key in the bucket; only those
 *                   the genome has, in catalog order
 * @param external   asset to a URL outside the bucket (CHM13's gff on the NCBI FTP server)
 * @param mitoName   the mitochondrial chromosome's name, where known ({@code MT}, {@code chrM})
 * @param macsGsize  the effective genome size MACS uses, as written ({@code 2.7e9}), where known
 * @param blacklist  a blacklist BED shipped inside the pipeline, relative to its directory, where known
 */
public record Genome(
        String id,
        String species,
        String source,
        String build,
        Map<String, String> paths,
        Map<String, String> external,
        Optional<String> mitoName,
        Optional<String> macsGsize,
        Optional<String> blacklist) {
    public Genome {
        paths = Collections.unmodifiableMap(new LinkedHashMap<>(paths));
        external = Collections.unmodifiableMap(new LinkedHashMap<>(external));
        Objects.requireNonNull(mitoName, "mitoName");
        Objects.requireNonNull(macsGsize, "macsGsize");
        Objects.requireNonNull(blacklist, "blacklist");
    }

    /** A genome with bucket paths only. */
    public Genome(
            String id, String species, String source, String build, Map<String, String> paths) {
        this(
                id,
                species,
                source,
                build,
                paths,
                Map.of(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
    }

    /** The effective genome size as a number of bases ({@code 2.7e9} is 2,700,000,000). */
    public Optional<Long> effectiveGenomeSize() {
        return macsGsize.map(value -> new BigDecimal(value).longValueExact());
    }
}
