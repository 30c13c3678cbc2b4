package labstacks.igenomes;

/** Facts of the public iGenomes bucket on the AWS Open Data registry. */
public final class PublicBucket {
    public static final String NAME = "ngi-igenomes";
    public static final String REGION = "eu-west-1";
    public static final String DESCRIPTION =
            "Illumina iGenomes reference genomes hosted on AWS Open Data Registry";
    public static final String ACCESS = "public-read (no authentication required)";

    private PublicBucket() {}
}
