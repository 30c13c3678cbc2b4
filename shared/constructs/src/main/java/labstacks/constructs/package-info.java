/**
 * Reusable components with secure defaults a caller must opt out of, one per concept: AWS constructs in
 * {@code labstacks.constructs.aws}, Kubernetes constructs in {@code labstacks.constructs.kubernetes}.
 * Programs build their own components from these; each construct's test sits beside it.
 */
package labstacks.constructs;
