package labstacks.moderate;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.core.v1.Namespace;
import com.pulumi.kubernetes.core.v1.NamespaceArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import labstacks.shared.program.StackContext;
import labstacks.shared.program.StackProgram;
import labstacks.shared.providers.KubernetesAccess;
import labstacks.shared.providers.KubernetesProviders;
import labstacks.shared.program.OrderedMap;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The MODERATE data platform on Kubernetes: Dagster and OpenMetadata releases and the services they use. */
public final class ModerateProgram implements StackProgram<ModerateSettings> {
    static final String DAGSTER_WEBSERVER = PlatformAccess.DAGSTER_WEBSERVER_SERVICE;
    static final int DAGSTER_UI_LOCAL_PORT = 8181;

    @Override
    public String name() {
        return "moderate-infra";
    }

    @Override
    public String description() {
        return "MODERATE data platform on Kubernetes: Dagster and OpenMetadata Helm releases and their services.";
    }

    @Override
    public Class<ModerateSettings> settingsType() {
        return ModerateSettings.class;
    }

    @Override
    public Map<String, String> systemTags() {
        return Map.of("system", "moderate");
    }

    @Override
    public List<labstacks.shared.program.PolicyException> policyExceptions() {
        return List.of(KeycloakRealmJob.ROOT_IMAGE);
    }

    @Override
    public void define(StackContext stack, ModerateSettings settings) {
        var ns = settings.namespace();
        var provider = KubernetesProviders.create("k8s", new KubernetesAccess(Optional.empty(), settings.kubeContext(), ns));
        var namespace = new Namespace(ns, NamespaceArgs.builder().metadata(ObjectMetaArgs.builder().name(ns).build()).build(),
                CustomResourceOptions.builder().provider(provider).build());
        var k8s = CustomResourceOptions.builder().provider(provider).dependsOn(namespace).build();

        var secrets = new PlatformSecrets("secrets", settings, k8s, ComponentResourceOptions.Empty);
        var afterSecrets = CustomResourceOptions.merge(k8s, CustomResourceOptions.builder()
                .dependsOn(new ArrayList<Resource>(secrets.secrets())).build());
        new PlatformNetworkPolicies("network", ns, k8s, ComponentResourceOptions.Empty);
        var rbac = new DagsterRbac("dagster-rbac", ns, k8s, ComponentResourceOptions.Empty);

        new PlatformAccess("access", settings, k8s, ComponentResourceOptions.Empty);
        var postgres = new DependencyService(DependencyServices.postgres(settings), ns, afterSecrets,
                ComponentResourceOptions.Empty);
        var appUsers = new PostgresAppUsers(ns, postgres.statefulSet(), afterSecrets, ComponentResourceOptions.Empty);
        var afterPostgres = CustomResourceOptions.merge(afterSecrets,
                CustomResourceOptions.builder().dependsOn(postgres.statefulSet(), appUsers.job()).build());
        var keycloak = new DependencyService(DependencyServices.keycloak(settings), ns, afterPostgres,
                ComponentResourceOptions.Empty);
        var elasticsearch = new DependencyService(DependencyServices.elasticsearch(settings), ns, k8s,
                ComponentResourceOptions.Empty);
        var rabbitmq = new DependencyService(DependencyServices.rabbitmq(settings), ns, afterSecrets,
                ComponentResourceOptions.Empty);
        var realm = new KeycloakRealmJob("keycloak-init", settings, keycloak.statefulSet(), afterSecrets,
                ComponentResourceOptions.Empty);

        var secretResources = new ArrayList<Resource>(secrets.secrets());
        var openMetadataAfter = new ArrayList<>(secretResources);
        openMetadataAfter.addAll(List.of(postgres.statefulSet(), appUsers.job(), elasticsearch.statefulSet(), realm.job()));
        var openMetadata = new HelmRelease(Labels.OPENMETADATA, HelmCharts.OPENMETADATA_REPOSITORY,
                HelmCharts.OPENMETADATA_CHART, HelmCharts.OPENMETADATA_VERSION, ns,
                HelmCharts.openMetadataValues(settings), openMetadataAfter, k8s, ComponentResourceOptions.Empty);
        var dagsterAfter = new ArrayList<>(secretResources);
        dagsterAfter.addAll(List.of(postgres.statefulSet(), appUsers.job(), rabbitmq.statefulSet(), rbac.serviceAccount(),
                openMetadata.release()));
        new HelmRelease(Labels.DAGSTER, HelmCharts.DAGSTER_REPOSITORY, HelmCharts.DAGSTER_CHART,
                HelmCharts.DAGSTER_VERSION, ns, HelmCharts.dagsterValues(settings), dagsterAfter, k8s,
                ComponentResourceOptions.Empty);

        var endpoints = PublicEndpoints.of(settings);
        var ctx = stack.pulumi();
        ctx.export("namespace", Output.of(ns));
        ctx.export("dagster_url", Output.of(endpoints.dagster()));
        ctx.export("openmetadata_url", Output.of(endpoints.openMetadata()));
        ctx.export("keycloak_url", Output.of(endpoints.keycloak()));
        ctx.export("keycloak", Output.of(OrderedMap.of("realm", settings.realm(), "issuer", endpoints.realm(settings.realm()),
                "admin_console", endpoints.keycloak() + "/admin/", "service", Labels.KEYCLOAK, "port", 8080)));
        ctx.export("dagster_ui", Output.of(ui(DAGSTER_WEBSERVER, 80, DAGSTER_UI_LOCAL_PORT, ns)));
        ctx.export("token_secret", Output.of(Map.of(
                "name", PlatformSecrets.INGESTION_BOT_TOKEN,
                "key", "OPEN_METADATA_TOKEN",
                "update_command", "pulumi config set --secret moderate:openMetadataToken <token> -s "
                        + stack.stackName() + " && pulumi up -s " + stack.stackName())));
    }

    private static Map<String, Object> ui(String service, int port, int localPort, String namespace) {
        var ui = new LinkedHashMap<String, Object>();
        ui.put("service", service);
        ui.put("port", port);
        ui.put("port_forward", "kubectl -n " + namespace + " port-forward svc/" + service + " " + localPort + ":" + port);
        // Dagster has no login and no redirects, so a port-forward works alongside the public URL.
        ui.put("local_url", "http://localhost:" + localPort);
        return ui;
    }
}
