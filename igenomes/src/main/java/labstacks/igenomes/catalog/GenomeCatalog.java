package labstacks.igenomes.catalog;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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
    public static final List<String> ASSETS =
            List.of("fasta", "bwa", "bwamem2", "bowtie2", "star", "bismark", "gtf", "gff", "bed12", "readme");
    /** Assets that are prefixes of many index files rather than one object. */
    public static final Set<String> INDEX_ASSETS = Set.of("bwa", "bwamem2", "bowtie2", "star", "bismark");
    /** Assets every entry must have. */
    public static final List<String> REQUIRED_ASSETS = List.of("fasta");
    private static final java.util.regex.Pattern MACS_GSIZE = java.util.regex.Pattern.compile("[0-9]+(\\.[0-9]+)?(e[0-9]+)?");

    public GenomeCatalog {
        genomes = List.copyOf(genomes);
    }

    /** The catalog shipped with the module. */
    public static GenomeCatalog bundled() {
        var stream = GenomeCatalog.class.getClassLoader().getResourceAsStream(RESOURCE);
        if (stream == null) {
            throw new CatalogException(RESOURCE + " is missing from the classpath (rebuild the igenomes module)");
        }
        try (var reader = new InputStreamReader(stream, StandardCharsets.UTF_8)) {
            return parse(reader, RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A catalog file, for example a smaller one for a quick check. */
    public static GenomeCatalog read(Path file) {
        try (var reader = Files.newBufferedReader(file)) {
            return parse(reader, file.toString());
        } catch (IOException e) {
            throw new CatalogException("cannot read genome catalog " + file + ": " + (e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.getClass().getSimpleName() + " " + e.getMessage()));
        }
    }

    static GenomeCatalog parse(Reader reader, String name) {
        JsonElement root;
        try {
            root = JsonParser.parseReader(reader);
        } catch (JsonParseException e) {
            throw new CatalogException(name + " is not valid JSON: " + e.getMessage());
        }
        if (!root.isJsonObject()) {
            throw new CatalogException(name + ": the top level must be an object with 'bucket' and 'genomes'");
        }
        var document = root.getAsJsonObject();
        var bucket = text(document, "bucket", name, "");
        if (!document.has("genomes") || !document.get("genomes").isJsonArray()) {
            throw new CatalogException(name + ": 'genomes' must be a list of genome entries");
        }
        var genomes = new ArrayList<Genome>();
        var ids = new HashSet<String>();
        var array = document.getAsJsonArray("genomes");
        for (int i = 0; i < array.size(); i++) {
            var where = "genomes[" + i + "]";
            if (!array.get(i).isJsonObject()) {
                throw new CatalogException(name + ": " + where + " must be an object");
            }
            var entry = array.get(i).getAsJsonObject();
            var id = text(entry, "id", name, where + ".");
            where = "genomes[" + i + "] (" + id + ")";
            if (!ids.add(id)) {
                throw new CatalogException(name + ": " + where + ": the id " + id + " appears twice");
            }
            if (!entry.has("paths") || !entry.get("paths").isJsonObject()) {
                throw new CatalogException(name + ": " + where + ".paths must be an object of asset to key");
            }
            var paths = new LinkedHashMap<String, String>();
            var pathObject = entry.getAsJsonObject("paths");
            for (var asset : pathObject.keySet()) {
                if (!ASSETS.contains(asset)) {
                    throw new CatalogException(name + ": " + where + ".paths." + asset + " is not a known asset ("
                            + String.join(", ", ASSETS) + ")");
                }
            }
            for (var asset : ASSETS) {
                if (!pathObject.has(asset) && !REQUIRED_ASSETS.contains(asset)) {
                    continue;
                }
                var key = text(pathObject, asset, name, where + ".paths.");
                if (key.startsWith("/") || key.startsWith("s3://")) {
                    throw new CatalogException(name + ": " + where + ".paths." + asset
                            + " must be a key inside the bucket (no leading / or s3://), got " + key);
                }
                paths.put(asset, key);
            }
            var external = new LinkedHashMap<String, String>();
            if (entry.has("external")) {
                if (!entry.get("external").isJsonObject()) {
                    throw new CatalogException(name + ": " + where + ".external must be an object of asset to URL");
                }
                var externalObject = entry.getAsJsonObject("external");
                for (var asset : externalObject.keySet()) {
                    var url = text(externalObject, asset, name, where + ".external.");
                    if (!url.matches("(https?|ftp)://.+")) {
                        throw new CatalogException(name + ": " + where + ".external." + asset
                                + " must be an http(s) or ftp URL, got " + url);
                    }
                    external.put(asset, url);
                }
            }
            var macsGsize = optionalText(entry, "macs_gsize", name, where);
            if (macsGsize.isPresent() && !MACS_GSIZE.matcher(macsGsize.get()).matches()) {
                throw new CatalogException(name + ": " + where + ".macs_gsize must be a number such as 2.7e9, got "
                        + macsGsize.get());
            }
            genomes.add(new Genome(id, text(entry, "species", name, where + "."), text(entry, "source", name, where + "."),
                    text(entry, "build", name, where + "."), paths, external,
                    optionalText(entry, "mito_name", name, where), macsGsize,
                    optionalText(entry, "blacklist", name, where)));
        }
        return new GenomeCatalog(bucket, genomes);
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
            genome.blacklist().ifPresent(value -> entry.put("blacklist", "pipeline asset " + value));
            result.put(genome.id(), entry);
        }
        return result;
    }

    private static Optional<String> optionalText(JsonObject object, String field, String name, String where) {
        return object.has(field) ? Optional.of(text(object, field, name, where + ".")) : Optional.empty();
    }

    private static String text(JsonObject object, String field, String name, String where) {
        var value = object.get(field);
        if (value == null || !value.isJsonPrimitive() || value.getAsString().isBlank()) {
            throw new CatalogException(name + ": " + where + field + " is missing or not text");
        }
        return value.getAsString();
    }

    /** The catalog file is missing or malformed; the message names the file and the field. */
    public static final class CatalogException extends RuntimeException {
        public CatalogException(String message) {
            super(message);
        }
    }
}
