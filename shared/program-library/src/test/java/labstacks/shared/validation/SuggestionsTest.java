package labstacks.shared.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SuggestionsTest {

    @Test
    void distanceCountsEditsIgnoringCase() {
        assertEquals(0, Suggestions.distance("Config", "config"));
        assertEquals(2, Suggestions.distance("conifg", "config"), "a swap is two edits");
        assertEquals(3, Suggestions.distance("kitten", "sitting"));
        assertEquals(6, Suggestions.distance("", "region"));
    }

    @Test
    void theNearestWordWinsAndTiesGoAlphabetically() {
        var known =
                List.of(
                        "config",
                        "environment",
                        "encryptedkey",
                        "encryptionsalt",
                        "secretsprovider");
        assertEquals(Optional.of("config"), Suggestions.nearest("conifg", known));
        assertEquals(Optional.of("encryptedkey"), Suggestions.nearest("encryptdkey", known));
        assertEquals(Optional.of("bar"), Suggestions.nearest("baz", List.of("bat", "bar")));
        assertEquals(
                Optional.empty(), Suggestions.nearest("resources", known), "too far to be a typo");
    }
}
