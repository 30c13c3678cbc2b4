package labstacks.igenomes.catalog;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import labstacks.shared.json.JsonFileException;
import labstacks.shared.json.StrictJson;

/**
 * The reference genomes the iGenomes bucket holds, read from the module's {@code genomes.json}. Both the
 * {@code genomes} stack output and the inventory check use it, so what pipelines are told exists is what
 * the inventory verifies.
 */
public record GenomeCatalog(String bucket, List<Genome> genomes) {

    /** Where the catalog ships inside the module. */
    public static final String RESOURCE = "labstacks/igenomes/genomes.json";

    /**
     * Every asset a genome may have in the bucket, in the order reports list them (the attributes of nf-core's
     * {@code conf/igenomes.config} that name bucket paths). Only {@code fasta} is required.
     */
    public static final List<String> ASSETS = CatalogFile.AssetPaths.NAMES;

    /** Assets that are prefixes of many index files rather than one object. */
    public static final Set<String> INDEX_ASSETS =
            Set.of("bwa", "bwamem2", "bowtie2", "star", "bismark");

    public GenomeCatalog {
        genomes = List.copyOf(genomes);
    }

    /** The catalog shipped with the module. */
    public static GenomeCatalog bundled() {
        return bind(RESOURCE, () -> StrictJson.resource(RESOURCE, CatalogFile.class));
    }

    /** A catalog file, for example a smaller one for a quick check. */
    public static GenomeCatalog read(Path file) {
        return bind(file.toString(), () -> StrictJson.read(file, CatalogFile.class));
    }

    static GenomeCatalog parse(String json, String name) {
        return bind(name, () -> StrictJson.read(json, name, CatalogFile.class));
    }

    private static GenomeCatalog bind(String name, Supplier<CatalogFile> binding) {
        CatalogFile file;
        try {
            file = binding.get();
        } catch (JsonFileException e) {
            throw new CatalogException(e.getMessage());
        }
        file.check(name);
        return new GenomeCatalog(
                file.bucket(), file.genomes().stream().map(CatalogFile.Entry::genome).toList());
    }

    public Optional<Genome> find(String id) {
        return genomes.stream().filter(g -> g.id().equals(id)).findFirst();
    }

    /** {@code s3://<bucket>/<key>}. */
    public String uri(String key) {
        return "s3://" + bucket + "/" + key;
    }

    /**
     * The catalog as the {@code genomes} stack output: id to species, source, build, the S3 URI of every
     * asset it has, external URLs, and mito_name, macs_gsize and blacklist where known.
     */
    public Map<String, Object> asOutput() {
        var result = new LinkedHashMap<String, Object>();
        for (var genome : genomes) {
            var entry = new LinkedHashMap<String, Object>();
            entry.put("species", genome.species());
            entry.put("source", genome.source());
            entry.put("build", genome.build());
            genome.paths().forEach((asset, key) -> entry.put(asset, uri(key)));
            entry.putAll(genome.external());
            genome.mitoName().ifPresent(value -> entry.put("mito_name", value));
            genome.macsGsize().ifPresent(value -> entry.put("macs_gsize", value));
            genome.blacklist()
                    .ifPresent(value -> entry.put("blacklist", "pipeline asset " + value));
            result.put(genome.id(), entry);
        }
        return result;
    }

    /** The catalog file is missing or malformed; the message names the file and the field. */
    public static final class CatalogException extends RuntimeException {
        public CatalogException(String message) {
            super(message);
        }
    }
}
