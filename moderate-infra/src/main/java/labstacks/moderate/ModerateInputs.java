package labstacks.moderate;

/**
 * What {@link ModerateProgram#define} gets: the stack's settings and what {@link ModerateProgram#prepare}
 * derived from the access settings, once, for the several components that need it.
 *
 * @param settings  the stack's settings, as the stack file says them
 * @param endpoints the one public URL of each UI
 * @param exposure  the node ports or Ingresses of the UIs
 */
public record ModerateInputs(
        ModerateSettings settings, PublicEndpoints endpoints, PlatformAccess.Exposure exposure) {}
