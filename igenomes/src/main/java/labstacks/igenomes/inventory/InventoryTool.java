package labstacks.igenomes.inventory;

import labstacks.igenomes.PublicBucket;
import labstacks.igenomes.catalog.GenomeCatalog;
import labstacks.shared.program.Tool;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code ./labstacks igenomes-inventory [--catalog FILE] [--bucket NAME] [--region REGION] [--endpoint URL]}:
 * lists the public bucket anonymously and reports, per catalog entry, whether every path exists.
 * Exit code 0 when all do, 1 when any is missing, 2 on a usage or access error.
 */
public final class InventoryTool implements Tool {
    /** Above this many genomes, a progress line follows each one. */
    static final int PROGRESS_THRESHOLD = 5;

    @Override
    public String name() {
        return "igenomes-inventory";
    }

    @Override
    public String description() {
        return "check that every genome in the igenomes catalog exists in s3://ngi-igenomes (anonymous)";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        Path catalogFile = null;
        String bucket = null;
        var region = PublicBucket.REGION;
        URI endpoint = null;
        for (int i = 0; i < args.size(); i++) {
            var option = args.get(i);
            if (option.equals("--help") || option.equals("-h")) {
                out.println(usage());
                out.println(description() + ".\nExit codes: 0 every path exists, 1 some are missing, 2 a usage or access error.");
                return 0;
            }
            if (!List.of("--catalog", "--bucket", "--region", "--endpoint").contains(option)) {
                err.println("unknown argument " + option + "\n" + usage());
                return 2;
            }
            if (i + 1 >= args.size()) {
                err.println(option + " needs a value\n" + usage());
                return 2;
            }
            var value = args.get(++i);
            switch (option) {
                case "--catalog" -> catalogFile = Path.of(value);
                case "--bucket" -> bucket = value;
                case "--region" -> region = value;
                default -> endpoint = endpoint(value);
            }
            if (option.equals("--endpoint") && endpoint == null) {
                err.println("--endpoint needs an absolute http(s) URL such as http://127.0.0.1:9000, got '" + value + "'\n"
                        + usage());
                return 2;
            }
            var badRegion = option.equals("--region") ? labstacks.shared.validation.Vocabulary.awsRegion(value)
                    : java.util.Optional.<String>empty();
            if (badRegion.isPresent()) {
                err.println("--region: " + badRegion.get() + "\n" + usage());
                return 2;
            }
        }
        GenomeCatalog catalog;
        try {
            catalog = catalogFile == null ? GenomeCatalog.bundled() : GenomeCatalog.read(catalogFile);
        } catch (GenomeCatalog.CatalogException e) {
            err.println("error: " + e.getMessage());
            return 2;
        }
        var bucketName = bucket != null ? bucket : catalog.bucket();

        // Unsigned requests: the bucket is public, and the check must not depend on anyone's credentials.
        var builder = S3Client.builder().region(Region.of(region))
                .credentialsProvider(AnonymousCredentialsProvider.create());
        if (endpoint != null) {
            builder.endpointOverride(endpoint).forcePathStyle(true);
        }
        try (var s3 = builder.build()) {
            var total = catalog.genomes().size();
            var done = new int[] {0};
            var reports = new Inventory(s3, bucketName).check(catalog, report -> {
                done[0]++;
                if (total > PROGRESS_THRESHOLD) {
                    err.printf("[%d/%d] %s: %d/%d paths present%n", done[0], total, report.genome().id(),
                            report.presentCount(), report.checks().size());
                }
            });
            out.print(InventoryReport.table(bucketName, reports));
            return reports.stream().allMatch(Inventory.GenomeReport::complete) ? 0 : 1;
        } catch (SdkException e) {
            var cause = e.getCause() == null ? "" : " (" + e.getCause().getClass().getSimpleName() + ": "
                    + e.getCause().getMessage() + ")";
            err.println("error: cannot list s3://" + bucketName + " anonymously in " + region + ": " + e.getMessage() + cause);
            return 2;
        }
    }

    /** The endpoint URL, or null when it is not an absolute http(s) URL (URI.create would throw or give no host). */
    private static URI endpoint(String value) {
        return labstacks.shared.validation.Vocabulary.httpUrl(value).isEmpty() ? URI.create(value) : null;
    }

    static String usage() {
        return "usage: ./labstacks igenomes-inventory [--catalog FILE] [--bucket NAME] [--region REGION] [--endpoint URL]";
    }
}
