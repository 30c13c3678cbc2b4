package labstacks.igenomes.inventory;

import java.util.List;

/** The summary table of an inventory run. */
final class InventoryReport {
    private InventoryReport() {}

    static String table(String bucket, List<Inventory.GenomeReport> reports) {
        var idWidth =
                Math.max(
                        "genome".length(),
                        reports.stream().mapToInt(r -> r.genome().id().length()).max().orElse(0));
        var speciesWidth =
                Math.max(
                        "species".length(),
                        reports.stream()
                                .mapToInt(r -> r.genome().species().length())
                                .max()
                                .orElse(0));
        var format = "%-" + idWidth + "s  %-" + speciesWidth + "s  %-8s  %-7s  %s%n";
        var text = new StringBuilder();
        text.append("Inventory of s3://").append(bucket).append('\n');
        text.append(String.format(format, "genome", "species", "status", "present", "missing"));
        for (var report : reports) {
            var status =
                    report.complete() ? "ok" : report.presentCount() == 0 ? "missing" : "partial";
            text.append(
                    String.format(
                            format,
                            report.genome().id(),
                            report.genome().species(),
                            status,
                            report.presentCount() + "/" + report.checks().size(),
                            report.complete() ? "-" : String.join(",", report.missingAssets())));
        }
        var complete = reports.stream().filter(Inventory.GenomeReport::complete).count();
        text.append(complete).append(" of ").append(reports.size()).append(" genomes complete");
        var incomplete = reports.size() - complete;
        if (incomplete > 0) {
            text.append(", ").append(incomplete).append(" with missing paths");
        }
        text.append('\n');
        return text.toString();
    }
}
