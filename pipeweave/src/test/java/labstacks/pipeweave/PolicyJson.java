package labstacks.pipeweave;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads IAM policy documents back as JSON, for assertions. */
final class PolicyJson {
    private PolicyJson() {
    }

    static List<JsonObject> statements(Object policy) {
        var result = new ArrayList<JsonObject>();
        JsonParser.parseString(String.valueOf(policy)).getAsJsonObject().getAsJsonArray("Statement")
                .forEach(s -> result.add(s.getAsJsonObject()));
        return result;
    }

    static Optional<JsonObject> bySid(Object policy, String sid) {
        return statements(policy).stream()
                .filter(s -> s.has("Sid") && s.get("Sid").getAsString().equals(sid)).findFirst();
    }

    /** A string-or-array field as a list. */
    static List<String> values(JsonElement element) {
        var result = new ArrayList<String>();
        if (element == null) {
            return result;
        }
        if (element.isJsonArray()) {
            element.getAsJsonArray().forEach(e -> result.add(e.getAsString()));
        } else {
            result.add(element.getAsString());
        }
        return result;
    }

    static List<String> actions(JsonObject statement) {
        return values(statement.get("Action"));
    }

    static List<String> resources(JsonObject statement) {
        return values(statement.get("Resource"));
    }
}
