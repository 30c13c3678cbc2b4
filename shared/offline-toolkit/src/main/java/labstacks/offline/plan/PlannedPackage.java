package labstacks.offline.plan;

/**
 * A provider package the plan uses.
 *
 * @param name             the package name (for a parameterized package, the parameterized name)
 * @param version          its version
 * @param parameterization for a parameterized package: the base provider, its version and the parameter
 */
public record PlannedPackage(String name, String version, Parameterization parameterization) {

    /**
     * @param baseProvider the provider plugin that serves it, for example {@code terraform-provider}
     * @param baseVersion  that plugin's version
     * @param value        the parameter the plugin receives, as text
     */
    public record Parameterization(String baseProvider, String baseVersion, String value) {}
}
