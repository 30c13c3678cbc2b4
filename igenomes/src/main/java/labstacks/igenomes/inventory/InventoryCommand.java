package labstacks.igenomes.inventory;

import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import labstacks.igenomes.PublicBucket;
import labstacks.igenomes.catalog.GenomeCatalog;
import labstacks.shared.validation.Vocabulary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code ./labstacks igenomes-inventory [--catalog FILE] [--bucket NAME] [--region REGION] [--endpoint URL]}:
 * lists the public bucket anonymously and reports, per catalog entry, whether every path exists.
 * Exit code 0 when all do, 1 when any is missing, 2 on a usage or access error.
 */
@Command(
        name = InventoryTool.NAME,
        separator = " ",
        description =
                "Check that every genome in the igenomes catalog exists in the public bucket, listing it"
                        + " anonymously (no credentials are read).",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:every path exists", "1:some are missing", "2:a usage or access error"})
final class InventoryCommand implements Callable<Integer> {
    /** Above this many genomes, a progress line follows each one. */
    static final int PROGRESS_THRESHOLD = 5;

    @Spec CommandSpec spec;

    @Option(
            names = "--catalog",
            paramLabel = "FILE",
            description = "a genome catalog file (default: the bundled one)")
    Path catalogFile;

    @Option(
            names = "--bucket",
            paramLabel = "NAME",
            description = "the bucket to list (default: the catalog's)")
    String bucket;

    @Option(
            names = "--region",
            paramLabel = "REGION",
            description = "its region (default: " + PublicBucket.REGION + ")")
    String region = PublicBucket.REGION;

    @Option(
            names = "--endpoint",
            paramLabel = "URL",
            description = "an S3-compatible endpoint instead of AWS, e.g. http://127.0.0.1:9000")
    String endpoint;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        if (endpoint != null && Vocabulary.httpUrl(endpoint).isPresent()) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--endpoint needs an absolute http(s) URL such as http://127.0.0.1:9000, got '"
                            + endpoint
                            + "'");
        }
        Vocabulary.awsRegion(region)
                .ifPresent(
                        rule -> {
                            throw new ParameterException(spec.commandLine(), "--region: " + rule);
                        });
        GenomeCatalog catalog;
        try {
            catalog =
                    catalogFile == null ? GenomeCatalog.bundled() : GenomeCatalog.read(catalogFile);
        } catch (GenomeCatalog.CatalogException e) {
            err.println("error: " + e.getMessage());
            return 2;
        }
        var bucketName = bucket != null ? bucket : catalog.bucket();

        // Unsigned requests: the bucket is public, and the check must not depend on anyone's
        // credentials.
        var builder =
                S3Client.builder()
                        .region(Region.of(region))
                        .credentialsProvider(AnonymousCredentialsProvider.create());
        if (endpoint != null) {
            builder.endpointOverride(URI.create(endpoint)).forcePathStyle(true);
        }
        try (var s3 = builder.build()) {
            var total = catalog.genomes().size();
            var done = new int[] {0};
            var reports =
                    new Inventory(s3, bucketName)
                            .check(
                                    catalog,
                                    report -> {
                                        done[0]++;
                                        if (total > PROGRESS_THRESHOLD) {
                                            err.printf(
                                                    "[%d/%d] %s: %d/%d paths present%n",
                                                    done[0],
                                                    total,
                                                    report.genome().id(),
                                                    report.presentCount(),
                                                    report.checks().size());
                                            err.flush();
                                        }
                                    });
            out.print(InventoryReport.table(bucketName, reports));
            return reports.stream().allMatch(Inventory.GenomeReport::complete) ? 0 : 1;
        } catch (SdkException e) {
            var cause =
                    e.getCause() == null
                            ? ""
                            : " ("
                                    + e.getCause().getClass().getSimpleName()
                                    + ": "
                                    + e.getCause().getMessage()
                                    + ")";
            err.println(
                    "error: cannot list s3://"
                            + bucketName
                            + " anonymously in "
                            + region
                            + ": "
                            + e.getMessage()
                            + cause);
            return 2;
        } finally {
            out.flush();
            err.flush();
        }
    }
}
