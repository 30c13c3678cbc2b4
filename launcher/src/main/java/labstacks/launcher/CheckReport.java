package labstacks.launcher;

import com.google.gson.GsonBuilder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import labstacks.offline.check.Rule;
import labstacks.offline.check.Violation;

/**
 * {@code check}'s findings as JSON or SARIF 2.1.0 (what GitHub code scanning uploads), with a severity
 * per rule and a location per finding.
 *
 * <p>SARIF shape: OASIS SARIF 2.1.0 (oasis-tcs/sarif-spec, sarif-2.1/schema/sarif-schema-2.1.0.json; the
 * test validates every report against it). GitHub reads {@code level}, {@code ruleId},
 * {@code locations[].physicalLocation} and {@code partialFingerprints}.
 */
final class CheckReport {

    /** How much a finding matters; SARIF's {@code level} values. */
    enum Severity {
        error,
        warning,
        note
    }

    /**
     * Rules that flag hardening rather than a defect are warnings or notes; everything else, including any
     * rule added without an entry here, is an error. Every severity still fails {@code check}.
     */
    private static final Map<String, Severity> SEVERITIES =
            Map.ofEntries(
                    Map.entry("s3-default-encryption", Severity.warning),
                    Map.entry("s3-versioning", Severity.warning),
                    Map.entry("pulumi-explicit-provider", Severity.warning),
                    Map.entry("k8s-pinned-image", Severity.warning),
                    Map.entry("k8s-non-root", Severity.warning),
                    Map.entry("k8s-service-account", Severity.warning),
                    Map.entry("k8s-default-deny", Severity.warning),
                    Map.entry("k8s-resources", Severity.note),
                    Map.entry("k8s-probes", Severity.note));

    static Severity severity(String rule) {
        return SEVERITIES.getOrDefault(rule, Severity.error);
    }

    /** One finding: the stack, the rule's verdict, where it points and the resource's URN (if planned). */
    record Finding(
            String stack, Violation violation, CheckLocations.Location location, String urn) {
        Severity severity() {
            return CheckReport.severity(violation.rule());
        }
    }

    /** A stack that could not be checked, and why. */
    record Unchecked(String stack, String reason) {}

    private CheckReport() {}

    static String json(List<Finding> findings, List<Unchecked> unchecked, int stacks) {
        var document = new LinkedHashMap<String, Object>();
        document.put("version", 1);
        document.put("passed", findings.isEmpty() && unchecked.isEmpty());
        document.put("stacks", stacks);
        var entries = new ArrayList<Map<String, Object>>();
        for (var finding : findings) {
            var entry = new LinkedHashMap<String, Object>();
            entry.put("stack", finding.stack());
            entry.put("rule", finding.violation().rule());
            entry.put("severity", finding.severity().name());
            entry.put("type", finding.violation().type());
            entry.put("name", finding.violation().name());
            entry.put("urn", finding.urn());
            entry.put("message", finding.violation().message());
            entry.put("fix", finding.violation().fix());
            entry.put("file", finding.location().file());
            entry.put("line", finding.location().line());
            entries.add(entry);
        }
        document.put("findings", entries);
        document.put(
                "unchecked",
                unchecked.stream()
                        .map(u -> Map.of("stack", u.stack(), "reason", u.reason()))
                        .toList());
        return gson(document);
    }

    static String sarif(
            List<Rule> rules, List<Finding> findings, List<Unchecked> unchecked, String version) {
        var ruleIndex = new LinkedHashMap<String, Integer>();
        var ruleEntries = new ArrayList<Map<String, Object>>();
        for (var rule : rules) {
            ruleIndex.put(rule.id(), ruleEntries.size());
            ruleEntries.add(
                    Map.of(
                            "id",
                            rule.id(),
                            "shortDescription",
                            Map.of("text", rule.description()),
                            "defaultConfiguration",
                            Map.of("level", severity(rule.id()).name())));
        }
        var results = new ArrayList<Map<String, Object>>();
        for (var finding : findings) {
            var v = finding.violation();
            var result = new LinkedHashMap<String, Object>();
            result.put("ruleId", v.rule());
            if (ruleIndex.containsKey(v.rule())) {
                result.put("ruleIndex", ruleIndex.get(v.rule()));
            }
            result.put("level", finding.severity().name());
            result.put(
                    "message",
                    Map.of(
                            "text",
                            finding.stack()
                                    + ": "
                                    + v.type()
                                    + " "
                                    + v.name()
                                    + ": "
                                    + v.message()
                                    + " Fix: "
                                    + v.fix()));
            var location = new LinkedHashMap<String, Object>();
            location.put(
                    "physicalLocation",
                    Map.of(
                            "artifactLocation",
                                    Map.of(
                                            "uri",
                                            finding.location().file(),
                                            "uriBaseId",
                                            "%SRCROOT%"),
                            "region", Map.of("startLine", finding.location().line())));
            if (finding.urn() != null) {
                location.put(
                        "logicalLocations",
                        List.of(Map.of("fullyQualifiedName", finding.urn(), "kind", "resource")));
            }
            result.put("locations", List.of(location));
            // Stable across runs and line moves: code scanning matches alerts by it.
            result.put(
                    "partialFingerprints",
                    Map.of(
                            "labstacksFinding/v1",
                            sha256(
                                    finding.stack()
                                            + "|"
                                            + v.rule()
                                            + "|"
                                            + v.type()
                                            + "|"
                                            + v.name())));
            results.add(result);
        }
        var invocation = new LinkedHashMap<String, Object>();
        invocation.put("executionSuccessful", unchecked.isEmpty());
        invocation.put(
                "toolExecutionNotifications",
                unchecked.stream()
                        .map(
                                u ->
                                        Map.of(
                                                "level",
                                                "error",
                                                "message",
                                                Map.of(
                                                        "text",
                                                        u.stack()
                                                                + ": not checked: "
                                                                + u.reason())))
                        .toList());
        var driver = new LinkedHashMap<String, Object>();
        driver.put("name", "labstacks check");
        driver.put("version", version);
        driver.put("rules", ruleEntries);
        var run = new LinkedHashMap<String, Object>();
        run.put("tool", Map.of("driver", driver));
        run.put("invocations", List.of(invocation));
        run.put("results", results);
        var document = new LinkedHashMap<String, Object>();
        document.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        document.put("version", "2.1.0");
        document.put("runs", List.of(run));
        return gson(document);
    }

    private static String gson(Object document) {
        return new GsonBuilder()
                        .setPrettyPrinting()
                        .disableHtmlEscaping()
                        .serializeNulls()
                        .create()
                        .toJson(document)
                + "\n";
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(
                            MessageDigest.getInstance("SHA-256")
                                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
