package labstacks.megatests;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import labstacks.shared.json.StrictJson;

/**
 * The offline plan's stand-in for GitHub teams, public e-mails and current workspace participants.
 *
 * @param teams        team slug to its members' logins
 * @param emails       login to public e-mail; a login without one has none
 * @param participants e-mail to the workspace role of someone who is a participant already
 * @param organizationMembers e-mails of the Seqera organization's members (people with an account there)
 */
record OfflineParticipants(
        @JsonProperty("_comment") Optional<String> comment,
        Map<String, List<String>> teams,
        Map<String, String> emails,
        Map<String, String> participants,
        List<String> organizationMembers) {
    static final String RESOURCE = "labstacks/megatests/offline-participants.json";

    static OfflineParticipants load() {
        return StrictJson.resource(RESOURCE, OfflineParticipants.class);
    }

    List<String> team(String slug) {
        return List.copyOf(teams.getOrDefault(slug, List.of()));
    }

    Optional<String> email(String login) {
        return Optional.ofNullable(emails.get(login));
    }

    Optional<String> participantRole(String email) {
        return Optional.ofNullable(participants.get(email));
    }
}
