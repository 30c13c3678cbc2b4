package labstacks.moderate;

/** How Keycloak starts: {@code start-dev} (HTTP, relaxed hostname, local clusters) or {@code start} (production). */
public enum KeycloakMode {
    START_DEV,
    START
}
