package labstacks.igenomes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pulumi.aws.s3.Bucket;
import com.pulumi.aws.s3.BucketArgs;
import com.pulumi.aws.s3.BucketPublicAccessBlock;
import com.pulumi.aws.s3.BucketVersioningV2;
import com.pulumi.core.annotations.Export;
import com.pulumi.core.annotations.Import;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import labstacks.igenomes.catalog.GenomeCatalog;
import labstacks.offline.testing.ProgramHarness;
import labstacks.shared.config.RunMode;
import labstacks.shared.config.StackConfigException;
import org.junit.jupiter.api.Test;

class IgenomesProgramTest {
    private static final String BUCKET = "aws:s3/bucket:Bucket";

    private static ProgramHarness prod() {
        return ProgramHarness.forStackFile(new IgenomesProgram(), "igenomes-prod")
                .env("AWS_ACCESS_KEY_ID", "AKIAEXAMPLE")
                .env("AWS_SECRET_ACCESS_KEY", "example-secret");
    }

    private static Set<String> exported(Class<?> resource) {
        return Arrays.stream(resource.getDeclaredFields())
                .filter(f -> f.isAnnotationPresent(Export.class))
                .map(f -> f.getAnnotation(Export.class).name())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> inputs(Class<?> args) {
        return Arrays.stream(args.getDeclaredFields())
                .filter(f -> f.isAnnotationPresent(Import.class))
                .map(f -> f.getAnnotation(Import.class).name())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void theBucketIsImportedProtectedAndRetained() {
        var bucket = prod().run().assertSucceeded().resource(BUCKET, "ngi-igenomes");
        assertEquals("ngi-igenomes", bucket.importId());
        assertTrue(bucket.protect());
        assertTrue(bucket.retainOnDelete());
        assertEquals("aws-igenomes", bucket.provider());
        assertEquals(
                Map.of("bucket", "ngi-igenomes"),
                bucket.inputs(),
                "no tags or anything else is sent");
    }

    @Test
    void everyIgnoredNameIsARealPropertyAndEveryUnmanagedInputIsIgnored() {
        var ignored =
                prod().run().assertSucceeded().resource(BUCKET, "ngi-igenomes").ignoreChanges();
        assertEquals(IgenomesProgram.BUCKET_IGNORED_PROPERTIES, ignored);
        var properties = exported(Bucket.class);
        for (var name : ignored) {
            assertTrue(
                    properties.contains(name),
                    name + " is not a property of " + Bucket.class.getName());
        }
        for (var misspelled : List.of("grant", "logging", "corsRule", "cors_rule")) {
            assertFalse(ignored.contains(misspelled));
        }
        var unmanaged = inputs(BucketArgs.class);
        unmanaged.remove("bucket");
        assertEquals(unmanaged, new TreeSet<>(ignored), "every input but bucket is left to AWS");
    }

    @Test
    void theOptionalImportsUseRealPropertyNames() {
        assertTrue(
                exported(BucketVersioningV2.class)
                        .containsAll(IgenomesProgram.VERSIONING_IGNORED_PROPERTIES));
        assertTrue(
                exported(BucketPublicAccessBlock.class)
                        .containsAll(IgenomesProgram.PUBLIC_ACCESS_BLOCK_IGNORED_PROPERTIES));
    }

    @Test
    void nothingIsRegisteredWithoutAnImportId() {
        for (var flags : List.of(false, true)) {
            var run =
                    prod().config("igenomes:importVersioning", String.valueOf(flags))
                            .config("igenomes:importPublicAccessBlock", String.valueOf(flags))
                            .run()
                            .assertSucceeded();
            for (var resource : run.resources()) {
                if (resource.custom() && !resource.type().startsWith("pulumi:providers:")) {
                    assertTrue(
                            resource.importId() != null,
                            resource.type() + " " + resource.name() + " would be created");
                    assertTrue(resource.protect() && resource.retainOnDelete(), resource.name());
                }
            }
            assertEquals(
                    flags ? 3 : 1,
                    run.resources().stream().filter(r -> "import".equals(r.operation())).count());
        }
    }

    @Test
    void optionalImportsAreReadOnlyAndReportTheirIds() {
        var run =
                prod().config("igenomes:importVersioning", "true")
                        .config("igenomes:importPublicAccessBlock", "true")
                        .run()
                        .assertSucceeded();
        var versioning =
                run.resource(
                        "aws:s3/bucketVersioningV2:BucketVersioningV2", "ngi-igenomes-versioning");
        assertEquals("ngi-igenomes", versioning.importId());
        assertEquals(IgenomesProgram.VERSIONING_IGNORED_PROPERTIES, versioning.ignoreChanges());
        assertEquals(List.of("ngi-igenomes"), versioning.dependsOn());
        var block =
                run.resource(
                        "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
                        "ngi-igenomes-public-access");
        assertEquals("ngi-igenomes", block.importId());
        assertEquals(IgenomesProgram.PUBLIC_ACCESS_BLOCK_IGNORED_PROPERTIES, block.ignoreChanges());
        assertEquals(
                Map.of(
                        "bucket",
                        "ngi-igenomes",
                        "versioning",
                        "ngi-igenomes",
                        "public_access_block",
                        "ngi-igenomes"),
                run.output("resources"));
    }

    @Test
    void outputsKeepTheKeysAndValuesOfTheProjectItReplaces() {
        var run = prod().run().assertSucceeded();
        assertEquals(
                Map.of(
                        "name", "ngi-igenomes",
                        "arn", "arn:aws:s3:::ngi-igenomes",
                        "region", "eu-west-1",
                        "description",
                                "Illumina iGenomes reference genomes hosted on AWS Open Data Registry",
                        "access", "public-read (no authentication required)"),
                run.output("bucket_info"));
        assertEquals(
                Map.of(
                        "s3_uri", "s3://ngi-igenomes",
                        "https_url", "https://ngi-igenomes.s3.eu-west-1.amazonaws.com",
                        "cli_example",
                                "aws s3 --no-sign-request --region eu-west-1 ls s3://ngi-igenomes/",
                        "nextflow_config", "params.igenomes_base = \"s3://ngi-igenomes/igenomes\""),
                run.output("usage"));
        assertEquals(
                Map.of(
                        "aws_open_data", "https://registry.opendata.aws/ngi-igenomes/",
                        "github", "https://github.com/ewels/AWS-iGenomes",
                        "docs", "https://ewels.github.io/AWS-iGenomes/"),
                run.output("documentation"));
        assertEquals(
                Map.of(
                        "bucket",
                        "ngi-igenomes",
                        "versioning",
                        "not-imported",
                        "public_access_block",
                        "not-imported"),
                run.output("resources"));
        assertEquals(
                Map.of(
                        "registry", "AWS Open Data Registry - publicly accessible",
                        "permissions", "Read-only access via provided credentials",
                        "management", "Bucket managed by AWS, tracked via Pulumi for reference",
                        "cost", "No data transfer charges within same AWS region (eu-west-1)"),
                run.output("notes"));
        assertEquals(
                Set.of("bucket_info", "usage", "documentation", "resources", "notes", "genomes"),
                run.outputs().keySet());
    }

    @Test
    void theGenomesOutputListsTheCatalogWithS3Uris() {
        @SuppressWarnings("unchecked")
        var genomes =
                (Map<String, Map<String, Object>>) prod().run().assertSucceeded().output("genomes");
        assertTrue(
                genomes.keySet().containsAll(List.of("GRCh37", "GRCh38", "GRCm38")),
                genomes.keySet().toString());
        var grch38 = genomes.get("GRCh38");
        assertEquals("Homo sapiens", grch38.get("species"));
        assertEquals("NCBI", grch38.get("source"));
        assertEquals(
                "s3://ngi-igenomes/igenomes/Homo_sapiens/NCBI/GRCh38/Sequence/WholeGenomeFasta/genome.fa",
                grch38.get("fasta"));
        assertEquals(
                "s3://ngi-igenomes/igenomes/Homo_sapiens/NCBI/GRCh38/Sequence/STARIndex/",
                grch38.get("star"));
        assertEquals(
                "s3://ngi-igenomes/igenomes/Homo_sapiens/NCBI/GRCh38/Annotation/Genes/genes.bed",
                grch38.get("bed12"));
        // What nf-core pipelines read besides paths (nf-core/rnaseq 3.24.0 conf/igenomes.config).
        assertEquals("chrM", grch38.get("mito_name"));
        assertEquals("2.7e9", grch38.get("macs_gsize"));
        assertEquals(
                "pipeline asset assets/blacklists/hg38-blacklist.bed", grch38.get("blacklist"));
        assertEquals(39, genomes.size(), "every genome of nf-core's igenomes.config");
        var chm13 = genomes.get("CHM13");
        assertTrue(
                String.valueOf(chm13.get("gff")).startsWith("ftp://ftp.ncbi.nlm.nih.gov/"),
                chm13.toString());
        assertTrue(
                !chm13.containsKey("star") && !chm13.containsKey("macs_gsize"),
                "only what the genome has");
    }

    @Test
    void standardTagsAreComputedButNotAppliedToTheBucketWeDoNotOwn() {
        var run = prod().run().assertSucceeded();
        assertFalse(run.resource(BUCKET, "ngi-igenomes").inputs().containsKey("tags"));
        assertEquals("reference-genomes", new IgenomesProgram().systemTags().get("purpose"));
    }

    @Test
    void missingCredentialsStopARealRunWithTheFix() {
        var error =
                assertThrows(
                        StackConfigException.class,
                        () ->
                                ProgramHarness.forStackFile(new IgenomesProgram(), "igenomes-prod")
                                        .run());
        assertTrue(error.getMessage().contains("no AWS credentials found"), error.getMessage());
        assertTrue(error.getMessage().contains("direnv allow"), error.getMessage());
        assertTrue(error.getMessage().contains("op signin"), error.getMessage());
    }

    @Test
    void missingCredentialsAreOnlyAWarningInThePlan() {
        var run =
                ProgramHarness.forStackFile(new IgenomesProgram(), "igenomes-prod")
                        .mode(RunMode.PLAN)
                        .run()
                        .assertSucceeded();
        assertTrue(
                run.warnings().stream()
                        .anyMatch(
                                w ->
                                        w.startsWith("no AWS credentials found")
                                                && w.contains(
                                                        "; the offline plan needs none, a deployment does: run `direnv allow`")),
                run.warnings().toString());
    }

    @Test
    void halfAKeyPairIsAnError() {
        var error =
                assertThrows(
                        StackConfigException.class,
                        () ->
                                ProgramHarness.forStackFile(new IgenomesProgram(), "igenomes-prod")
                                        .env("AWS_ACCESS_KEY_ID", "AKIAEXAMPLE")
                                        .run());
        assertTrue(
                error.getMessage()
                        .contains("only one of AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY"),
                error.getMessage());
    }

    @Test
    void credentialsNeverReachTheProviderInputs() {
        var provider =
                prod().run().assertSucceeded().resource("pulumi:providers:aws", "aws-igenomes");
        assertEquals("eu-west-1", provider.inputs().get("region"));
        assertFalse(provider.inputs().containsKey("secretKey"));
        assertFalse(provider.inputs().containsKey("accessKey"));
    }

    /** The catalog is read once, in prepare: one that does not bind stops the run before anything registers. */
    @Test
    void aCatalogThatDoesNotBindStopsTheRunNamingTheFileAndTheFix() throws Exception {
        var broken = Files.createTempFile("genomes", ".json");
        try (var bundled =
                GenomeCatalog.class.getClassLoader().getResourceAsStream(GenomeCatalog.RESOURCE)) {
            Files.writeString(
                    broken,
                    new String(bundled.readAllBytes(), StandardCharsets.UTF_8)
                            .replace(
                                    "\"bucket\": \"ngi-igenomes\"",
                                    "\"bukcet\": \"ngi-igenomes\""));
        }
        var harness =
                ProgramHarness.forStackFile(
                                new IgenomesProgram(() -> GenomeCatalog.read(broken)),
                                "igenomes-prod")
                        .env("AWS_ACCESS_KEY_ID", "AKIAEXAMPLE")
                        .env("AWS_SECRET_ACCESS_KEY", "example-secret");
        var error = assertThrows(StackConfigException.class, harness::run);
        assertEquals(1, error.problems().size(), error.getMessage());
        var problem = error.problems().get(0);
        assertEquals(GenomeCatalog.RESOURCE, problem.key());
        assertTrue(problem.problem().contains("bukcet"), problem.problem());
        assertEquals(
                "fix igenomes/src/main/resources/"
                        + GenomeCatalog.RESOURCE
                        + " and rebuild (./labstacks build)",
                problem.fix());
    }

    /** define exports the catalog prepare read, not a second reading of the file. */
    @Test
    void theGenomesOutputIsTheCatalogPrepareRead() {
        var bundled = GenomeCatalog.bundled();
        var first = bundled.genomes().get(0);
        var run =
                ProgramHarness.forStackFile(
                                new IgenomesProgram(
                                        () -> new GenomeCatalog(bundled.bucket(), List.of(first))),
                                "igenomes-prod")
                        .env("AWS_ACCESS_KEY_ID", "AKIAEXAMPLE")
                        .env("AWS_SECRET_ACCESS_KEY", "example-secret")
                        .run()
                        .assertSucceeded();
        assertEquals(Set.of(first.id()), ((Map<?, ?>) run.output("genomes")).keySet());
    }
}
