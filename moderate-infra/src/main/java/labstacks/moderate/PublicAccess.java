package labstacks.moderate;

/**
 * How browsers reach Keycloak, OpenMetadata and the Dagster webserver: {@code node-port} on a node address
 * both browsers and pods reach (local clusters), or {@code ingress} through the cluster's ingress controller
 * with TLS (production).
 */
public enum PublicAccess {
    NODE_PORT,
    INGRESS
}
