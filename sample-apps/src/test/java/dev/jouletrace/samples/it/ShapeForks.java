package dev.jouletrace.samples.it;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * What the training shape ITs share: the settings their forks run with. Their forks run on the
 * newest DJL and DL4J the build uses; in the classes that implement {@link
 * OldestFrameworksIT.OnOldestFrameworks} (the version matrix), on the oldest the README claims.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ShapeForks {
  ItSettings settings;

  @BeforeAll
  void settings() {
    ItSettings newest = ItSettings.fromSystemProperties();
    settings =
        this instanceof OldestFrameworksIT.OnOldestFrameworks
            ? newest.onOldestFrameworks()
            : newest;
  }
}
