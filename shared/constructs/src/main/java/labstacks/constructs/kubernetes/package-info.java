/**
 * Kubernetes constructs the programs share, so each module writes only what is its own.
 *
 * <ul>
 *   <li>{@link labstacks.constructs.kubernetes.StatefulService}: a one-replica server, its headless and client
 *       Services and per-replica claims; refuses a container without probes, resources or security context;</li>
 *   <li>{@link labstacks.constructs.kubernetes.OneOffJob}: a command run once to completion, replaced rather than
 *       patched;</li>
 *   <li>{@link labstacks.constructs.kubernetes.DefaultDenyIngress}: deny all ingress in a namespace, then admit
 *       named flows;</li>
 *   <li>{@link labstacks.constructs.kubernetes.ServiceAccounts}: the token-less account every workload above runs
 *       under; {@link labstacks.constructs.kubernetes.Containers}: sizes and security contexts;</li>
 *   <li>{@link labstacks.constructs.kubernetes.ObjectMetadata#nameOf}: an object's name from its metadata output,
 *       the way one object hands its name to another.</li>
 * </ul>
 *
 * <p>They are plain classes, not components: their objects register under the parent the caller's options
 * name, so a module that adopts one keeps its URNs and its state. Each takes a typed {@code Args} record; a
 * workload is handed the objects it needs as outputs (an account's name, a Service's name), so the engine
 * orders them without a written {@code dependsOn}. Their tests sit beside them in this module's
 * {@code src/test} and run offline, checked against the official Kubernetes models. {@link
 * labstacks.constructs.kubernetes.DataRetention} and {@link labstacks.constructs.kubernetes.DataLocation} are
 * the stacks' rules for the objects that hold data (protect and retain; where the volumes are).
 */
package labstacks.constructs.kubernetes;
