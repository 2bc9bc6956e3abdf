package dev.jouletrace.accounting.carbon;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Close matches for a code nobody knows: small edit distance, or one code containing the other. */
final class ZoneSuggestions {
  static final int MAX_SUGGESTIONS = 5;
  private static final int MAX_DISTANCE = 2;

  private ZoneSuggestions() {}

  static List<String> closeTo(String code, Collection<String> candidates) {
    String wanted = code.toUpperCase(Locale.ROOT);
    List<String> matches = new ArrayList<>();
    for (String candidate : candidates) {
      String upper = candidate.toUpperCase(Locale.ROOT);
      if (distance(wanted, upper) <= MAX_DISTANCE
          || (wanted.length() >= 2 && (upper.contains(wanted) || wanted.contains(upper)))) {
        matches.add(candidate);
      }
    }
    matches.sort(
        Comparator.<String>comparingInt(c -> distance(wanted, c.toUpperCase(Locale.ROOT)))
            .thenComparing(Comparator.naturalOrder()));
    return matches.size() > MAX_SUGGESTIONS ? matches.subList(0, MAX_SUGGESTIONS) : matches;
  }

  /** Levenshtein distance. */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }

  static String describe(List<String> suggestions) {
    return suggestions.isEmpty()
        ? "no close match."
        : "did you mean " + String.join(", ", suggestions) + "?";
  }
}
