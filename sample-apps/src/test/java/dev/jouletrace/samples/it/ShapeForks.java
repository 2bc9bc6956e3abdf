package dev.jouletrace.samples.it;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * What the training shape ITs share: the settings their forks run with. Their forks run on the
 * newest DJL and DL4J the build uses; in the classes that implement {@link
 * OldestFrameworksIT.OnOldestFrameworks} or {@link OldestFrameworksIT.OnOldestSameDiff} (the
 * version matrix), on the oldest the README claims.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ShapeForks {
  ItSettings settings;

  @BeforeAll
  void settings() {
    ItSettings newest = ItSettings.fromSystemProperties();
    if (this instanceof OldestFrameworksIT.OnOldestFrameworks) {
      settings = newest.onOldestFrameworks();
    } else if (this instanceof OldestFrameworksIT.OnOldestSameDiff) {
      settings = newest.onOldestSameDiff();
    } else {
      settings = newest;
    }
  }
}
