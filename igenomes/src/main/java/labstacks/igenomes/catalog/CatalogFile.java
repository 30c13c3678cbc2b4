package labstacks.igenomes.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code genomes.json} as written, bound by {@link labstacks.shared.json.StrictJson}: every field of the file
 * is a component here, so a misspelt or unknown one (an asset {@code gft}) is refused rather than dropped.
 * {@link #check} holds the rules the structure cannot say.
 */
record CatalogFile(
        @JsonProperty("_comment") Optional<String> comment,
        Optional<Source> source,
        String bucket,
        List<Entry> genomes) {

    /**
     * The rules the structure cannot say, once {@code StrictJson} has bound a complete file: ids are unique,
     * paths are keys inside the bucket, external assets are URLs, macs_gsize is a number.
     *
     * @param name how errors name the file
     */
    void check(String name) {
        var first = new HashMap<String, Integer>();
        for (int i = 0; i < genomes.size(); i++) {
            var entry = genomes.get(i);
            var where = name + ": genomes[" + i + "] (" + entry.id() + ")";
            var earlier = first.putIfAbsent(entry.id(), i);
            if (earlier != null) {
                throw new GenomeCatalog.CatalogException(
                        where
                                + ": the id "
                                + entry.id()
                                + " appears twice (first at genomes["
                                + earlier
                                + "]); keep one entry");
            }
            entry.paths()
                    .asMap()
                    .forEach(
                            (asset, key) -> {
                                if (key.startsWith("/") || key.startsWith("s3://")) {
                                    throw new GenomeCatalog.CatalogException(
                                            where
                                                    + ": paths."
                                                    + asset
                                                    + " must be a key inside the bucket (no leading / or s3://), got "
                                                    + key);
                                }
                            });
            entry.external()
                    .orElse(Map.of())
                    .forEach(
                            (asset, url) -> {
                                if (!EXTERNAL_URL.matcher(url).matches()) {
                                    throw new GenomeCatalog.CatalogException(
                                            where
                                                    + ": external."
                                                    + asset
                                                    + " must be an http(s) or ftp URL, got "
                                                    + url);
                                }
                            });
            entry.macsGsize()
                    .ifPresent(
                            size -> {
                                if (!MACS_GSIZE.matcher(size).matches()) {
                                    throw new GenomeCatalog.CatalogException(
                                            where
                                                    + ": macs_gsize must be a number such as 2.7e9, got "
                                                    + size);
                                }
                            });
        }
    }

    private static final Pattern MACS_GSIZE = Pattern.compile("[0-9]+(\\.[0-9]+)?(e[0-9]+)?");
    private static final Pattern EXTERNAL_URL = Pattern.compile("(https?|ftp)://.+");

    /** Where the catalog was generated from (nf-core's {@code conf/igenomes.config} at a tag). */
    record Source(String repository, String tag, String commit, String path) {}

    /** One genome entry; {@link #genome()} is what the rest of the module uses. */
    record Entry(
            String id,
            String species,
            String source,
            String build,
            AssetPaths paths,
            Optional<Map<String, String>> external,
            @JsonProperty("mito_name") Optional<String> mitoName,
            @JsonProperty("macs_gsize") Optional<String> macsGsize,
            Optional<String> blacklist) {

        Genome genome() {
            return new Genome(
                    id,
                    species,
                    source,
                    build,
                    paths.asMap(),
                    external.orElse(Map.of()),
                    mitoName,
                    macsGsize,
                    blacklist);
        }
    }

    /**
     * The bucket keys of one genome's assets: the attributes of nf-core's {@code conf/igenomes.config} that name
     * bucket paths, in the order reports list them. Only {@code fasta} is required.
     */
    record AssetPaths(
            String fasta,
            Optional<String> bwa,
            Optional<String> bwamem2,
            Optional<String> bowtie2,
            Optional<String> star,
            Optional<String> bismark,
            Optional<String> gtf,
            Optional<String> gff,
            Optional<String> bed12,
            Optional<String> readme) {

        /** The asset names, in component order. */
        static final List<String> NAMES =
                Arrays.stream(AssetPaths.class.getRecordComponents())
                        .map(RecordComponent::getName)
                        .toList();

        /** Asset to key, only those the genome has, in {@link #NAMES} order. */
        Map<String, String> asMap() {
            var result = new LinkedHashMap<String, String>();
            result.put("fasta", fasta);
            bwa.ifPresent(key -> result.put("bwa", key));
            bwamem2.ifPresent(key -> result.put("bwamem2", key));
            bowtie2.ifPresent(key -> result.put("bowtie2", key));
            star.ifPresent(key -> result.put("star", key));
            bismark.ifPresent(key -> result.put("bismark", key));
            gtf.ifPresent(key -> result.put("gtf", key));
            gff.ifPresent(key -> result.put("gff", key));
            bed12.ifPresent(key -> result.put("bed12", key));
            readme.ifPresent(key -> result.put("readme", key));
            return result;
        }
    }
}
