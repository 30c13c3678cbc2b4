package labstacks.igenomes;

import com.pulumi.aws.s3.BucketPublicAccessBlock;
import com.pulumi.aws.s3.BucketVersioningV2;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import labstacks.constructs.aws.ImportedBucket;
import labstacks.constructs.aws.ImportedBucketArgs;
import labstacks.igenomes.catalog.GenomeCatalog;
import labstacks.shared.aws.LegacyBucket;
import labstacks.shared.config.RunMode;
import labstacks.shared.config.StackConfig;
import labstacks.shared.program.OrderedMap;
import labstacks.shared.program.Preflight;
import labstacks.shared.program.StackContext;
import labstacks.shared.program.StackProgram;
import labstacks.shared.providers.AwsAccess;
import labstacks.shared.providers.AwsCredentialSources;
import labstacks.shared.providers.AwsProviders;

/**
 * Tracks the public {@code ngi-igenomes} bucket as an {@link ImportedBucket}. Everything is imported,
 * protected and retained on delete, with every property the project does not own ignored: this stack can
 * never create, change or delete anything in AWS.
 */
public final class IgenomesProgram implements StackProgram<IgenomesSettings, IgenomesInputs> {

    /**
     * Every input property of the legacy {@code aws:s3/bucket:Bucket} except {@code bucket}: the bucket is
     * AWS Open Data's, so none of them is ours to reconcile. (The original project misspelled grants,
     * loggings and corsRules, which silently ignored nothing.)
     */
    public static final List<String> BUCKET_IGNORED_PROPERTIES = LegacyBucket.UNMANAGED_PROPERTIES;

    public static final List<String> VERSIONING_IGNORED_PROPERTIES =
            ImportedBucket.VERSIONING_UNMANAGED_PROPERTIES;
    public static final List<String> PUBLIC_ACCESS_BLOCK_IGNORED_PROPERTIES =
            ImportedBucket.PUBLIC_ACCESS_BLOCK_UNMANAGED_PROPERTIES;
    static final String NOT_IMPORTED = "not-imported";

    private final Supplier<GenomeCatalog> catalog;

    /** The program as stacks run it: the catalog is the module's own {@code genomes.json}. */
    public IgenomesProgram() {
        this(GenomeCatalog::bundled);
    }

    /** @param catalog reads the genome catalog, throwing {@link GenomeCatalog.CatalogException} as {@link GenomeCatalog#bundled} does */
    IgenomesProgram(Supplier<GenomeCatalog> catalog) {
        this.catalog = catalog;
    }

    @Override
    public String name() {
        return "igenomes";
    }

    @Override
    public String description() {
        return "Tracks the public ngi-igenomes bucket (eu-west-1): imported, protected, never modified.";
    }

    @Override
    public Class<IgenomesSettings> settingsType() {
        return IgenomesSettings.class;
    }

    @Override
    public Map<String, String> systemTags() {
        return Map.of(
                "system", "igenomes", "organization", "nf-core", "purpose", "reference-genomes");
    }

    /**
     * A deployment without credentials stops before anything registers, with the fix (the offline plan's
     * warning, which every AWS program gets, is the toolkit's). Only igenomes stops: the others leave a
     * deployment to the provider's own credentials chain.
     */
    @Override
    public void preflight(StackConfig config, RunMode mode, Preflight report) {
        if (mode == RunMode.DEPLOY) {
            AwsCredentialSources.report(config, mode, report);
        }
    }

    /**
     * Reads the genome catalog once, before anything registers: a catalog that does not bind is one problem
     * naming the file, the field and the fix, not an exception after the bucket registered.
     */
    @Override
    public IgenomesInputs prepare(
            IgenomesSettings settings, StackConfig config, RunMode mode, Preflight report) {
        try {
            return new IgenomesInputs(settings, catalog.get());
        } catch (GenomeCatalog.CatalogException e) {
            report.problem(
                    GenomeCatalog.RESOURCE,
                    e.getMessage(),
                    "fix igenomes/src/main/resources/"
                            + GenomeCatalog.RESOURCE
                            + " and rebuild (./labstacks build)");
            return null;
        }
    }

    @Override
    public void define(StackContext stack, IgenomesInputs inputs) {
        var settings = inputs.settings();
        // No keys are passed to the provider: it reads the same variables itself, and keys given as
        // provider inputs would be stored (encrypted) in the state for no benefit.
        var aws = AwsProviders.create("aws-igenomes", AwsAccess.defaultChain(PublicBucket.REGION));
        // Imported, protected, retained, nothing written: the construct's defaults. Before the
        // component the
        // three resources sat at the stack root; their aliases carry the state over.
        var imported =
                new ImportedBucket(
                        PublicBucket.NAME,
                        ImportedBucketArgs.builder()
                                .bucketName(PublicBucket.NAME)
                                .provider(aws)
                                .ignoreChanges(BUCKET_IGNORED_PROPERTIES)
                                .importVersioning(settings.importVersioning())
                                .importPublicAccessBlock(settings.importPublicAccessBlock())
                                .formerlyAtStackRoot(true)
                                .build(),
                        ComponentResourceOptions.Empty);
        var bucket = imported.bucket();
        Output<String> versioningId =
                imported.versioning().map(BucketVersioningV2::id).orElse(Output.of(NOT_IMPORTED));
        Output<String> publicAccessBlockId =
                imported.publicAccessBlock()
                        .map(BucketPublicAccessBlock::id)
                        .orElse(Output.of(NOT_IMPORTED));

        var ctx = stack.pulumi();
        ctx.export(
                "bucket_info",
                Output.all(bucket.bucket(), bucket.arn())
                        .applyValue(
                                values ->
                                        OrderedMap.of(
                                                "name", values.get(0),
                                                "arn", values.get(1),
                                                "region", PublicBucket.REGION,
                                                "description", PublicBucket.DESCRIPTION,
                                                "access", PublicBucket.ACCESS)));
        ctx.export("usage", Output.of(usage()));
        ctx.export(
                "documentation",
                Output.of(
                        OrderedMap.of(
                                "aws_open_data", "https://registry.opendata.aws/ngi-igenomes/",
                                "github", "https://github.com/ewels/AWS-iGenomes",
                                "docs", "https://ewels.github.io/AWS-iGenomes/")));
        ctx.export(
                "resources",
                Output.all(bucket.id(), versioningId, publicAccessBlockId)
                        .applyValue(
                                ids ->
                                        OrderedMap.of(
                                                "bucket", ids.get(0),
                                                "versioning", ids.get(1),
                                                "public_access_block", ids.get(2))));
        ctx.export(
                "notes",
                Output.of(
                        OrderedMap.of(
                                "registry", "AWS Open Data Registry - publicly accessible",
                                "permissions", "Read-only access via provided credentials",
                                "management",
                                        "Bucket managed by AWS, tracked via Pulumi for reference",
                                "cost",
                                        "No data transfer charges within same AWS region ("
                                                + PublicBucket.REGION
                                                + ")")));
        ctx.export("genomes", Output.of(inputs.catalog().asOutput()));
    }

    static Map<String, Object> usage() {
        return OrderedMap.of(
                "s3_uri", "s3://" + PublicBucket.NAME,
                "https_url",
                        "https://"
                                + PublicBucket.NAME
                                + ".s3."
                                + PublicBucket.REGION
                                + ".amazonaws.com",
                "cli_example",
                        "aws s3 --no-sign-request --region "
                                + PublicBucket.REGION
                                + " ls s3://"
                                + PublicBucket.NAME
                                + "/",
                "nextflow_config",
                        "params.igenomes_base = \"s3://" + PublicBucket.NAME + "/igenomes\"");
    }
}
