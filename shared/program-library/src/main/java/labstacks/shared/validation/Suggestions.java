package labstacks.shared.validation;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import org.apache.commons.text.similarity.LevenshteinDistance;

/** "Did you mean ...?": the nearest known word by edit distance, when it is near enough to be a typo. */
public final class Suggestions {

    private Suggestions() {}

    public static Optional<String> nearest(String word, Collection<String> known) {
        return known.stream()
                .min(Comparator.comparingInt((String k) -> distance(k, word)).thenComparing(k -> k))
                .filter(k -> distance(k, word) <= Math.max(3, word.length() / 4));
    }

    /** Levenshtein distance, ignoring case. */
    public static int distance(String a, String b) {
        return LevenshteinDistance.getDefaultInstance()
                .apply(a.toLowerCase(Locale.ROOT), b.toLowerCase(Locale.ROOT));
    }
}
