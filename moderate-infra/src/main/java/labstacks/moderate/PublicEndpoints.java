package labstacks.moderate;

import java.util.Objects;

/**
 * The one address of each UI, derived once from the access settings ({@link ModerateSettings.Access#endpoints},
 * filled in by {@link ModerateProgram#prepare}): every browser-facing URL (Keycloak's issuer and hostname,
 * OpenMetadata's authority and callback, the client's redirect URIs, the outputs) comes from here, so they
 * cannot disagree.
 *
 * @param keycloak     Keycloak's root URL, e.g. {@code https://keycloak.moderate.cloud}
 * @param openMetadata OpenMetadata's root URL
 * @param dagster      the Dagster webserver's root URL
 */
public record PublicEndpoints(String keycloak, String openMetadata, String dagster) {

    public PublicEndpoints {
        Objects.requireNonNull(keycloak, "keycloak");
        Objects.requireNonNull(openMetadata, "openMetadata");
        Objects.requireNonNull(dagster, "dagster");
    }

    /** The realm's issuer as browsers and tokens see it. */
    String realm(String realm) {
        return keycloak + "/realms/" + realm;
    }

    /** Keycloak's admin console. */
    String keycloakAdminConsole() {
        return keycloak + "/admin/";
    }

    /** Where Keycloak sends OpenMetadata's users back after login. */
    String openMetadataCallback() {
        return openMetadata + "/callback";
    }
}
