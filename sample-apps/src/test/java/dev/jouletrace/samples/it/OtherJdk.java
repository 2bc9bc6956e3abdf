package dev.jouletrace.samples.it;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * The second JDK the forked tests run on ({@code jouletrace.it.jdk25}, default the Temurin 25 of
 * the build machine); the tests are skipped, saying so, where it is not installed.
 */
final class OtherJdk {
  static final String PROPERTY = "jouletrace.it.jdk25";
  private static final String DEFAULT = "/usr/lib/jvm/temurin-25-jdk-amd64";

  private OtherJdk() {}

  static Path home() {
    Path home = Path.of(System.getProperty(PROPERTY, DEFAULT));
    Assumptions.assumeTrue(
        Files.isExecutable(home.resolve("bin").resolve("java")),
        "no JDK at " + home + " (set -D" + PROPERTY + "=<java home>)");
    return home;
  }

  /**
   * The fork on that JDK. DJL loads natives through JNA, which JDK 22+ only allows silently with
   * native access enabled (JEP 472).
   */
  static ForkedJvm on(ForkedJvm fork) {
    return fork.javaHome(home()).jvmOption("--enable-native-access=ALL-UNNAMED");
  }
}
