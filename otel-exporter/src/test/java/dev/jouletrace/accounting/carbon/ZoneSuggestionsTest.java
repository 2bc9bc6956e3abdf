package dev.jouletrace.accounting.carbon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ZoneSuggestionsTest {
  @Test
  void levenshteinDistance() {
    assertThat(ZoneSuggestions.distance("kitten", "sitting")).isEqualTo(3);
    assertThat(ZoneSuggestions.distance("", "abc")).isEqualTo(3);
    assertThat(ZoneSuggestions.distance("SE", "SE")).isZero();
  }

  @Test
  void suggestsNearAndContainingCodesNearestFirst() {
    assertThat(ZoneSuggestions.closeTo("se3", List.of("NO-NO3", "SE-SE3", "SE", "ZZZZZZ")))
        .containsExactly("SE", "SE-SE3");
    assertThat(ZoneSuggestions.closeTo("eu-west-9", List.of("eu-west-1", "us-east-1", "eu-west-2")))
        .containsExactly("eu-west-1", "eu-west-2");
  }
}
