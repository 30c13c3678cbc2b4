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
    /** Assets every entry must name. */
    public static final List<String> ASSETS = List.of("fasta", "bwa", "bowtie2", "star", "gtf", "bed12");
    /** Assets that are prefixes of many index files rather than one object. */
    public static final Set<String> INDEX_ASSETS = Set.of("bwa", "bowtie2", "star");

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
            for (var asset : ASSETS) {
                var key = text(pathObject, asset, name, where + ".paths.");
                if (key.startsWith("/") || key.startsWith("s3://")) {
                    throw new CatalogException(name + ": " + where + ".paths." + asset
                            + " must be a key inside the bucket (no leading / or s3://), got " + key);
                }
                paths.put(asset, key);
            }
            genomes.add(new Genome(id, text(entry, "species", name, where + "."), text(entry, "source", name, where + "."),
                    text(entry, "build", name, where + "."), paths));
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

    /** The catalog as the {@code genomes} stack output: id to species, source, build and S3 URIs. */
    public Map<String, Object> asOutput() {
        var result = new LinkedHashMap<String, Object>();
        for (var genome : genomes) {
            var entry = new LinkedHashMap<String, Object>();
            entry.put("species", genome.species());
            entry.put("source", genome.source());
            entry.put("build", genome.build());
            for (var asset : ASSETS) {
                entry.put(asset, uri(genome.paths().get(asset)));
            }
            result.put(genome.id(), entry);
        }
        return result;
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
