package labstacks.moderate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import labstacks.moderate.ChartContract.ObjectRef;
import labstacks.moderate.ChartContract.Reference;
import labstacks.moderate.ChartContract.Values;

/**
 * The two charts' contracts, as facts read from their templates. Each fact names its template.
 *
 * <p>Dagster: chart 1.12.8 itself cannot be read here (github:dagster-io/dagster is 1.54 GB, over the fetch
 * limit; no chart archive is on Maven Central or npm). The facts come from the chart as vendored in
 * unicef/magasin@d68473f (chart 1.9.3, path helm/dagster), checked unchanged against 1.7.16 (@f818692) and
 * 1.9.2 (@a98a2e6) for every template cited. The one 1.12.8 fact, the schema fix, is from dagster-io/dagster
 * CHANGES.md ("1.12.8 (core) / 0.28.8 (libraries)": the chart "could no longer deploy using Helm without
 * adding the --skip-schema-validation flag", fixed by #33135).
 *
 * <p>OpenMetadata: open-metadata/openmetadata-helm-charts, tag openmetadata-1.5.4, path charts/openmetadata.
 */
final class ChartContracts {
    /** Dagster chart releases whose values.schema.json still $refs kubernetesjsonschema.dev (404 since 2025-12). */
    static final String LAST_DAGSTER_WITH_DEAD_SCHEMA_HOST = "1.12.7";

    private ChartContracts() {}

    static ChartContract dagster() {
        return new ChartContract(
                Labels.DAGSTER,
                HelmCharts.DAGSTER_CHART,
                HelmCharts.DAGSTER_VERSION,
                ChartContracts::dagsterRendered,
                ChartContracts::dagsterReferences,
                ChartContracts::dagsterBindings,
                ChartContract.keys("/chart-contracts/dagster-values-keys.tsv"));
    }

    static ChartContract openMetadata() {
        return new ChartContract(
                Labels.OPENMETADATA,
                HelmCharts.OPENMETADATA_CHART,
                HelmCharts.OPENMETADATA_VERSION,
                ChartContracts::openMetadataRendered,
                ChartContracts::openMetadataReferences,
                values -> List.of(),
                ChartContract.keys("/chart-contracts/openmetadata-values-keys.tsv"));
    }

    // templates/helpers/_helpers.tpl "dagster.fullname": the release name when it contains the
    // chart name.
    private static final String DAGSTER_FULLNAME = "dagster";
    // charts/dagster-user-deployments/templates/helpers/_helpers.tpl "dagster.fullname": release
    // "dagster" does
    // not contain "dagster-user-deployments", so release-chart.
    private static final String USER_DEPLOYMENTS_FULLNAME = "dagster-dagster-user-deployments";
    private static final String SUBCHART = "dagster-user-deployments.";

    /** _helpers.tpl "dagster.serviceAccountName": global.serviceAccountName | serviceAccount.name | fullname. */
    private static String dagsterServiceAccount(Values v) {
        return v.string(
                "global.serviceAccountName", v.string("serviceAccount.name", DAGSTER_FULLNAME));
    }

    /** Subchart _helpers.tpl "dagsterUserDeployments.serviceAccountName". */
    private static String userDeploymentsServiceAccount(Values v) {
        return v.string(
                "global.serviceAccountName",
                v.string(
                        SUBCHART + "serviceAccount.name",
                        USER_DEPLOYMENTS_FULLNAME + "-user-deployments"));
    }

    /** _helpers.tpl "dagster.postgresql.secretName": global.postgresqlSecretName, else fullname-postgresql-secret. */
    private static String dagsterPostgresSecret(Values v) {
        return v.string("global.postgresqlSecretName", DAGSTER_FULLNAME + "-postgresql-secret");
    }

    private static List<String> deploymentNames(Values v) {
        var names = new ArrayList<String>();
        for (var item : v.list(SUBCHART + "deployments")) {
            names.add(((Map<?, ?>) item).get("name").toString());
        }
        return names;
    }

    private static List<ObjectRef> dagsterRendered(Values v) {
        var objects = new ArrayList<ObjectRef>();
        // templates/serviceaccount.yaml: {{- if .Values.serviceAccount.create -}} (values.yaml
        // default true)
        if (v.bool("serviceAccount.create", true)) {
            objects.add(new ObjectRef("ServiceAccount", dagsterServiceAccount(v)));
        }
        // templates/role.yaml, rolebinding.yaml: {{- if .Values.rbacEnabled }} (default true)
        if (v.bool("rbacEnabled", true)) {
            objects.add(new ObjectRef("Role", DAGSTER_FULLNAME + "-role"));
            objects.add(new ObjectRef("RoleBinding", DAGSTER_FULLNAME + "-rolebinding"));
        }
        // templates/secret-postgres.yaml: {{ if .Values.generatePostgresqlPasswordSecret }}
        // (default true)
        if (v.bool("generatePostgresqlPasswordSecret", true)) {
            objects.add(new ObjectRef("Secret", dagsterPostgresSecret(v)));
        }
        // configmap-instance.yaml, configmap-env-webserver.yaml, -pipeline-run.yaml, -flower.yaml:
        // unconditional;
        // configmap-env-daemon.yaml: if dagsterDaemon.enabled (default true);
        // configmap-workspace.yaml:
        // "dagster.workspace.configmapName" = fullname-workspace-yaml when no external ConfigMap.
        for (var suffix :
                List.of(
                        "-instance",
                        "-webserver-env",
                        "-pipeline-env",
                        "-flower-env",
                        "-workspace-yaml")) {
            objects.add(new ObjectRef("ConfigMap", DAGSTER_FULLNAME + suffix));
        }
        // helpers/_deployment-webserver.tpl, _service-webserver.tpl: "dagster.webserver.fullname" =
        // release-(dagsterWebserver.nameOverride, default "dagster-webserver").
        var webserver =
                Labels.DAGSTER
                        + "-"
                        + v.string("dagsterWebserver.nameOverride", "dagster-webserver");
        objects.add(new ObjectRef("Deployment", webserver));
        objects.add(new ObjectRef("Service", webserver));
        if (v.bool("dagsterDaemon.enabled", true)) {
            objects.add(new ObjectRef("ConfigMap", DAGSTER_FULLNAME + "-daemon-env"));
            objects.add(new ObjectRef("Deployment", DAGSTER_FULLNAME + "-daemon"));
        }
        // templates/ingress.yaml: if ingress.enabled (default false): fullname-ingress.
        if (v.bool("ingress.enabled", false)) {
            objects.add(new ObjectRef("Ingress", DAGSTER_FULLNAME + "-ingress"));
        }
        // The dagster-user-deployments subchart (Chart.yaml condition
        // dagster-user-deployments.enableSubchart).
        if (v.bool(SUBCHART + "enableSubchart", true)) {
            // configmap-env-shared.yaml, configmap-env-user.yaml, deployment-user.yaml,
            // service-user.yaml
            objects.add(
                    new ObjectRef(
                            "ConfigMap",
                            USER_DEPLOYMENTS_FULLNAME + "-user-deployments-shared-env"));
            for (var name : deploymentNames(v)) {
                objects.add(
                        new ObjectRef(
                                "ConfigMap", USER_DEPLOYMENTS_FULLNAME + "-" + name + "-user-env"));
                objects.add(new ObjectRef("Deployment", USER_DEPLOYMENTS_FULLNAME + "-" + name));
                objects.add(new ObjectRef("Service", name));
            }
            // role.yaml, rolebinding.yaml: the subchart's own rbacEnabled (its values.yaml: true).
            if (v.bool(SUBCHART + "rbacEnabled", true)) {
                objects.add(new ObjectRef("Role", USER_DEPLOYMENTS_FULLNAME + "-role"));
                objects.add(
                        new ObjectRef("RoleBinding", USER_DEPLOYMENTS_FULLNAME + "-rolebinding"));
            }
            // serviceaccount.yaml: serviceAccount.create and no global.serviceAccountName.
            if (v.bool(SUBCHART + "serviceAccount.create", true)
                    && v.string("global.serviceAccountName", "").isEmpty()) {
                objects.add(new ObjectRef("ServiceAccount", userDeploymentsServiceAccount(v)));
            }
        }
        return objects;
    }

    private static List<Reference> dagsterReferences(Values v) {
        var references = new ArrayList<Reference>();
        // DAGSTER_PG_PASSWORD secretKeyRef, key postgresql-password: _deployment-webserver.tpl,
        // deployment-daemon.yaml, subchart deployment-user.yaml
        // (dagsterUserDeployments.postgresql.secretName).
        references.add(
                Reference.key(
                        dagsterPostgresSecret(v), "postgresql-password", "DAGSTER_PG_PASSWORD"));
        // serviceAccountName of the webserver and the daemon; instance/_run-launcher.tpl
        // service_account_name.
        references.add(
                Reference.to(
                        "ServiceAccount",
                        dagsterServiceAccount(v),
                        "the webserver, daemon and runs"));
        references.add(
                Reference.to(
                        "ServiceAccount", userDeploymentsServiceAccount(v), "the code servers"));
        // envFrom secretRef / configMapRef of each component; the run launcher passes its
        // envSecrets to run pods.
        for (var component :
                List.of("dagsterWebserver", "dagsterDaemon", "runLauncher.config.k8sRunLauncher")) {
            v.names(component + ".envSecrets")
                    .forEach(
                            n ->
                                    references.add(
                                            Reference.to("Secret", n, component + ".envSecrets")));
            v.names(component + ".envConfigMaps")
                    .forEach(
                            n ->
                                    references.add(
                                            Reference.to(
                                                    "ConfigMap", n, component + ".envConfigMaps")));
        }
        for (int i = 0; i < v.list(SUBCHART + "deployments").size(); i++) {
            var path = SUBCHART + "deployments." + i;
            var name = v.string(path + ".name", "?");
            v.names(path + ".envSecrets")
                    .forEach(
                            n ->
                                    references.add(
                                            Reference.to("Secret", n, "code location " + name)));
            v.names(path + ".envConfigMaps")
                    .forEach(
                            n ->
                                    references.add(
                                            Reference.to("ConfigMap", n, "code location " + name)));
        }
        // deployment-user.yaml: the celery config Secret, marked optional: true.
        references.add(
                new Reference(
                        new ObjectRef(
                                "Secret",
                                v.string(
                                        "global.celeryConfigSecretName",
                                        "dagster-celery-config-secret")),
                        Optional.empty(),
                        true,
                        "code servers (optional)"));
        return references;
    }

    private static List<String> dagsterBindings(Values v) {
        var accounts = new ArrayList<String>();
        // rolebinding.yaml subjects: the parent binds dagster.serviceAccountName, the subchart
        // binds
        // dagsterUserDeployments.serviceAccountName, each to its own broad Role (jobs, pods,
        // events: all verbs).
        if (v.bool("rbacEnabled", true)) {
            accounts.add(dagsterServiceAccount(v));
        }
        if (v.bool(SUBCHART + "enableSubchart", true) && v.bool(SUBCHART + "rbacEnabled", true)) {
            accounts.add(userDeploymentsServiceAccount(v));
        }
        return accounts;
    }

    /** templates/_helpers.tpl "OpenMetadata.fullname": fullnameOverride, else the release when it contains the chart name. */
    private static String openMetadataFullname(Values v) {
        return v.string("fullnameOverride", Labels.OPENMETADATA);
    }

    private static List<ObjectRef> openMetadataRendered(Values v) {
        var name = openMetadataFullname(v);
        var objects = new ArrayList<ObjectRef>();
        objects.add(new ObjectRef("Deployment", name)); // deployment.yaml
        objects.add(new ObjectRef("Service", name)); // service.yaml
        // serviceaccount.yaml: if serviceAccount.create (default true); name serviceAccount.name or
        // fullname.
        if (v.bool("serviceAccount.create", true)) {
            objects.add(new ObjectRef("ServiceAccount", v.string("serviceAccount.name", name)));
        }
        // secrets.yaml: -config-secret and -omd-secret always; the others under their enabled flags
        // (values.yaml defaults: all true but smtpConfig.enableSmtpServer); -fernetkey-secret
        // unless
        // openmetadata.config.fernetkey.secretRef is set.
        var config = "openmetadata.config.";
        objects.add(new ObjectRef("Secret", name + "-config-secret"));
        objects.add(new ObjectRef("Secret", name + "-omd-secret"));
        var conditional =
                Map.of(
                        "database.enabled",
                        "-db-secret",
                        "elasticsearch.enabled",
                        "-search-secret",
                        "authorizer.enabled",
                        "-authorizer-secret",
                        "secretsManager.enabled",
                        "-secretsmanager-secret",
                        "web.enabled",
                        "-web-secret",
                        "authentication.enabled",
                        "-authentication-secret",
                        "eventMonitor.enabled",
                        "-eventmonitor-secret",
                        "pipelineServiceClientConfig.enabled",
                        "-pipeline-secret",
                        "jwtTokenConfiguration.enabled",
                        "-jwt-secret");
        conditional.forEach(
                (flag, suffix) -> {
                    if (v.bool(config + flag, true)) {
                        objects.add(new ObjectRef("Secret", name + suffix));
                    }
                });
        if (v.bool(config + "smtpConfig.enableSmtpServer", false)) {
            objects.add(new ObjectRef("Secret", name + "-smtp-secret"));
        }
        if (v.string(config + "fernetkey.secretRef", "").isEmpty()) {
            objects.add(new ObjectRef("Secret", name + "-fernetkey-secret"));
        }
        // poddisruptionbudget.yaml, networkpolicy.yaml, ingress.yaml: each behind enabled (default
        // false).
        if (v.bool("podDisruptionBudget.enabled", false)) {
            objects.add(new ObjectRef("PodDisruptionBudget", name + "-poddisruptionbudget"));
        }
        if (v.bool("networkPolicy.enabled", false)) {
            objects.add(new ObjectRef("NetworkPolicy", name + "-networkpolicy"));
        }
        if (v.bool("ingress.enabled", false)) {
            objects.add(new ObjectRef("Ingress", name));
        }
        return objects;
    }

    private static List<Reference> openMetadataReferences(Values v) {
        var references = new ArrayList<Reference>();
        var config = "openmetadata.config.";
        // _helpers.tpl "OpenMetadata.configs": DB_USER_PASSWORD and FERNET_KEY secretKeyRef (server
        // and the
        // run-db-migrations init container).
        var dbSecret = v.string(config + "database.auth.password.secretRef", "");
        if (!dbSecret.isEmpty()) {
            references.add(
                    Reference.key(
                            dbSecret,
                            v.string(config + "database.auth.password.secretKey", ""),
                            "DB_USER_PASSWORD"));
        }
        var fernet = v.string(config + "fernetkey.secretRef", "");
        if (!fernet.isEmpty()) {
            references.add(
                    Reference.key(
                            fernet, v.string(config + "fernetkey.secretKey", ""), "FERNET_KEY"));
        }
        // deployment.yaml volumes: extraVolumes rendered as given.
        for (var volume : v.list("extraVolumes")) {
            if (volume instanceof Map<?, ?> m && m.get("secret") instanceof Map<?, ?> secret) {
                references.add(
                        Reference.to(
                                "Secret",
                                secret.get("secretName").toString(),
                                "extraVolumes " + m.get("name")));
            }
        }
        // _helpers.tpl "OpenMetadata.serviceAccountName": without create, serviceAccount.name or
        // "default".
        if (!v.bool("serviceAccount.create", true)) {
            references.add(
                    Reference.to(
                            "ServiceAccount",
                            v.string("serviceAccount.name", "default"),
                            "the server"));
        }
        return references;
    }
}
