package labstacks.moderate;

import com.pulumi.core.Output;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import labstacks.shared.text.PercentEncoding;

/**
 * The code location's environment (the variables moderate-workflows reads, moderate/enums.py Variables), which
 * {@link PlatformSecrets} keeps in {@code dagster-secrets}, every value in the Secret as production did.
 * Services are addressed by their cluster DNS names, since the code location's runs are launched as Jobs.
 */
final class CodeLocationEnvironment {
    static final String RABBIT_USER = "rabbit";

    private CodeLocationEnvironment() {}

    /** Optional services are left out entirely when not configured, so the code sees them as unset. */
    static Output<Map<String, String>> of(ModerateSettings settings) {
        var cluster = settings.cluster();
        var dagster = settings.dagster();
        var plain = new LinkedHashMap<String, String>();
        plain.put(
                "KEYCLOAK_SERVER_URL", "http://" + cluster.serviceHost(Labels.KEYCLOAK) + ":8080");
        plain.put("KEYCLOAK_ADMIN_USERNAME", settings.keycloak().adminUser());
        plain.put("KEYCLOAK_MAIN_REALM_NAME", settings.keycloak().realm());
        plain.put("POSTGRES_HOST", cluster.serviceHost(Labels.POSTGRES));
        plain.put("POSTGRES_PORT", "5432");
        plain.put("POSTGRES_USERNAME", HelmCharts.POSTGRES_DAGSTER_USER);
        plain.put("OPEN_METADATA_HOST", "http://" + cluster.serviceHost(Labels.OPENMETADATA));
        plain.put("OPEN_METADATA_PORT", "8585");
        plain.put("MATRIX_PROFILE_JOB_IMAGE", dagster.matrixProfileJobImage());
        // Variables the code reads with a default of its own (moderate/enums.py VariableDefaults,
        // or only when
        // set, as MATRIX_PROFILE_JOB_TAG): present only when configured, so the code's default
        // applies otherwise.
        dagster.matrixProfileJobTag().ifPresent(v -> plain.put("MATRIX_PROFILE_JOB_TAG", v));
        dagster.matrixProfileQueue().ifPresent(v -> plain.put("MATRIX_PROFILE_QUEUE", v));
        dagster.s3JobOutputsBucketName().ifPresent(v -> plain.put("S3_JOB_OUTPUTS_BUCKET_NAME", v));
        var api = settings.platformApi();
        var s3 = settings.s3();
        api.baseUrl().ifPresent(v -> plain.put("API_BASE_URL", v));
        api.username().ifPresent(v -> plain.put("API_USERNAME", v));
        s3.region().ifPresent(v -> plain.put("S3_REGION", v));
        s3.bucketName().ifPresent(v -> plain.put("S3_BUCKET_NAME", v));
        s3.endpointUrl().ifPresent(v -> plain.put("S3_ENDPOINT_URL", v));

        var secretNames = new ArrayList<String>();
        var secretValues = new ArrayList<Output<String>>();
        secretNames.add("KEYCLOAK_ADMIN_PASSWORD");
        secretValues.add(settings.keycloak().adminPassword());
        secretNames.add("POSTGRES_PASSWORD");
        secretValues.add(settings.postgres().dagsterPassword());
        secretNames.add("RABBIT_URL");
        var rabbitHost = cluster.serviceHost(Labels.RABBITMQ);
        secretValues.add(
                settings.rabbitmq()
                        .password()
                        .applyValue(
                                pw ->
                                        "amqp://"
                                                + PercentEncoding.userInfo(RABBIT_USER, pw)
                                                + "@"
                                                + rabbitHost
                                                + ":5672/"));
        api.password()
                .ifPresent(
                        v -> {
                            secretNames.add("API_PASSWORD");
                            secretValues.add(v);
                        });
        s3.accessKeyId()
                .ifPresent(
                        v -> {
                            secretNames.add("S3_ACCESS_KEY_ID");
                            secretValues.add(v);
                        });
        s3.secretAccessKey()
                .ifPresent(
                        v -> {
                            secretNames.add("S3_SECRET_ACCESS_KEY");
                            secretValues.add(v);
                        });
        return Output.all(secretValues)
                .applyValue(
                        values -> {
                            var data = new LinkedHashMap<>(plain);
                            for (int i = 0; i < secretNames.size(); i++) {
                                data.put(secretNames.get(i), values.get(i));
                            }
                            return Map.copyOf(data);
                        });
    }
}
