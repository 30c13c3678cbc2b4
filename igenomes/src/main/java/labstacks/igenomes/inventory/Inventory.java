package labstacks.igenomes.inventory;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import labstacks.igenomes.catalog.Genome;
import labstacks.igenomes.catalog.GenomeCatalog;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Checks that every path of every catalog entry exists in the bucket, with one cheap listing per path
 * (prefix = the path, at most one key): an object path exists when that first key is the path itself, an
 * index path when any key starts with it.
 */
public final class Inventory {
    private final S3Client s3;
    private final String bucket;

    public Inventory(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    /** One path of one genome. */
    public record PathCheck(String asset, String key, boolean present) {}

    /** All paths of one genome. */
    public record GenomeReport(Genome genome, List<PathCheck> checks) {
        public boolean complete() {
            return checks.stream().allMatch(PathCheck::present);
        }

        public long presentCount() {
            return checks.stream().filter(PathCheck::present).count();
        }

        public List<String> missingAssets() {
            return checks.stream().filter(c -> !c.present()).map(PathCheck::asset).toList();
        }
    }

    /** Checks every genome in order, calling {@code afterEach} with each report as it completes. */
    public List<GenomeReport> check(GenomeCatalog catalog, Consumer<GenomeReport> afterEach) {
        var reports = new ArrayList<GenomeReport>();
        for (var genome : catalog.genomes()) {
            var checks = new ArrayList<PathCheck>();
            // Only bucket paths: external URLs and pipeline assets (blacklists) are not in the
            // bucket.
            genome.paths()
                    .forEach(
                            (asset, key) ->
                                    checks.add(
                                            new PathCheck(
                                                    asset,
                                                    key,
                                                    exists(
                                                            key,
                                                            GenomeCatalog.INDEX_ASSETS.contains(
                                                                    asset)))));
            var report = new GenomeReport(genome, List.copyOf(checks));
            reports.add(report);
            afterEach.accept(report);
        }
        return List.copyOf(reports);
    }

    private boolean exists(String key, boolean prefix) {
        var first = s3.listObjectsV2(b -> b.bucket(bucket).prefix(key).maxKeys(1)).contents();
        if (first.isEmpty()) {
            return false;
        }
        return prefix || first.get(0).key().equals(key);
    }
}
