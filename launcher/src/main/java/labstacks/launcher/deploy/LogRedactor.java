package labstacks.launcher.deploy;

import com.google.gson.Gson;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import labstacks.shared.config.StackConfig;

/**
 * Takes secrets out of text before it leaves the process: every engine log message and every
 * java.util.logging record of a deployment passes through {@link #redact}.
 *
 * <p>Two layers, because neither is enough alone. The Pulumi Java SDK 1.36.1 appends whole protobuf
 * messages to its debug lines ({@code Registering resource monitor start: ... request=<RegisterResourceRequest>},
 * {@code ... end: ... result=<RegisterResourceResponse>}, and with {@code PULUMI_EXCESSIVE_DEBUG_OUTPUT}
 * {@code obj=}, {@code outputs=}, {@code data=}, {@code value=}, {@code primitive=}; pulumi/pulumi-java
 * {@code sdk/java/pulumi/src/main/java/com/pulumi/deployment/internal/DeploymentImpl.java} and
 * {@code serialization/internal/Serializer.java} at v1.36.1, pulumi/pulumi-java#618): those tails may hold
 * any secret, including ones a provider computes that this process never knew, so they are cut off.
 * Then every secret the process does know (the stack's secret config values and credential-looking
 * environment variables), in the forms a log can carry them (as is, line by line, JSON-escaped,
 * base64), is replaced by {@value #HIDDEN}.
 */
public final class LogRedactor {

    static final String HIDDEN = "[secret]";
    static final String CUT = "[not logged: may hold secrets]";

    /** Where the SDK 1.36.1 starts printing a protobuf message, a property value or the environment. */
    private static final List<String> DUMP_MARKERS =
            List.of(
                    "request=",
                    "result=",
                    "obj=",
                    "outputs=",
                    "data=",
                    "value=",
                    "primitive=",
                    "asset/archive=",
                    "ENV: ",
                    "PULUMI_CONFIG=");

    /** Environment variables whose value is a credential (AWS_SECRET_ACCESS_KEY, GITHUB_TOKEN, ...). */
    private static final Pattern CREDENTIAL_NAME =
            Pattern.compile(
                    "(?i).*(SECRET|TOKEN|PASSWORD|PASSWD|CREDENTIAL|PRIVATE|ACCESS_KEY|API_KEY|AUTH|SESSION).*");

    /** Shorter values are too likely to be ordinary words or numbers to be replaced everywhere. */
    private static final int SHORTEST = 6;

    private final List<String> forms;

    LogRedactor(Set<String> secrets) {
        var all = new LinkedHashSet<String>();
        for (var secret : secrets) {
            if (secret == null || secret.strip().length() < SHORTEST) {
                continue;
            }
            all.add(secret);
            var json = new Gson().toJson(secret);
            all.add(json.substring(1, json.length() - 1));
            all.add(Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8)));
            for (var line : secret.split("\\R")) {
                if (line.strip().length() >= 8) {
                    all.add(line.strip());
                }
            }
        }
        var sorted = new ArrayList<>(all);
        sorted.sort(Comparator.comparingInt(String::length).reversed());
        this.forms = List.copyOf(sorted);
    }

    /** The secrets of one deployment: its secret config values and credential environment variables. */
    public static LogRedactor of(StackConfig config) {
        var secrets = new LinkedHashSet<String>();
        config.secretKeys().forEach(key -> config.get(key).ifPresent(secrets::add));
        config.environment()
                .forEach(
                        (name, value) -> {
                            if (CREDENTIAL_NAME.matcher(name).matches()) {
                                secrets.add(value);
                            }
                        });
        return new LogRedactor(secrets);
    }

    /** The text without SDK dumps and without any known secret; {@code null} stays {@code null}. */
    public String redact(String text) {
        if (text == null) {
            return null;
        }
        var result = cutDumps(text);
        for (var form : forms) {
            result = result.replace(form, HIDDEN);
        }
        return result;
    }

    private static String cutDumps(String text) {
        var first = -1;
        String marker = null;
        for (var candidate : DUMP_MARKERS) {
            var index = text.indexOf(candidate);
            if (index >= 0 && (first < 0 || index < first)) {
                first = index;
                marker = candidate;
            }
        }
        return first < 0 ? text : text.substring(0, first + marker.length()) + CUT;
    }
}
