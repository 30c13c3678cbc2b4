package labstacks.moderate;

/**
 * The one address of each UI, derived from the access settings: every browser-facing URL (Keycloak's
 * issuer and hostname, OpenMetadata's authority and callback, the client's redirect URIs, the outputs)
 * comes from here, so they cannot disagree.
 *
 * @param keycloak     Keycloak's root URL, e.g. {@code https://keycloak.moderate.cloud}
 * @param openMetadata OpenMetadata's root URL
 * @param dagster      the Dagster webserver's root URL
 */
public record PublicEndpoints(String keycloak, String openMetadata, String dagster) {

    static PublicEndpoints of(ModerateSettings settings) {
        if (settings.access() == PublicAccess.INGRESS) {
            return new PublicEndpoints(
                    "https://" + settings.keycloakHostname().orElseThrow(),
                    "https://" + settings.openMetadataHostname().orElseThrow(),
                    "https://" + settings.dagsterHostname().orElseThrow());
        }
        var node = "http://" + settings.nodeAddress().orElseThrow() + ":";
        return new PublicEndpoints(node + settings.keycloakNodePort(), node + settings.openMetadataNodePort(),
                node + settings.dagsterNodePort());
    }

    /** The realm's issuer as browsers and tokens see it. */
    String realm(String realm) {
        return keycloak + "/realms/" + realm;
    }
}
