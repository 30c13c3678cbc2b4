package labstacks.megatests;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The offline plan's stand-in for GitHub teams, public e-mails and current workspace participants. */
record OfflineParticipants(JsonObject json) {
    static final String RESOURCE = "labstacks/megatests/offline-participants.json";

    static OfflineParticipants load() {
        var stream = OfflineParticipants.class.getClassLoader().getResourceAsStream(RESOURCE);
        if (stream == null) {
            throw new IllegalStateException("missing resource " + RESOURCE);
        }
        try (var reader = new InputStreamReader(stream, StandardCharsets.UTF_8)) {
            return new OfflineParticipants(JsonParser.parseReader(reader).getAsJsonObject());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + RESOURCE + ": " + e.getMessage(), e);
        }
    }

    List<String> team(String slug) {
        var members = new ArrayList<String>();
        var teams = json.getAsJsonObject("teams");
        if (teams.has(slug)) {
            teams.getAsJsonArray(slug).forEach(e -> members.add(e.getAsString()));
        }
        return List.copyOf(members);
    }

    Optional<String> email(String login) {
        var emails = json.getAsJsonObject("emails");
        return emails.has(login) ? Optional.of(emails.get(login).getAsString()) : Optional.empty();
    }

    Optional<String> participantRole(String email) {
        var participants = json.getAsJsonObject("participants");
        return participants.has(email) ? Optional.of(participants.get(email).getAsString()) : Optional.empty();
    }
}
