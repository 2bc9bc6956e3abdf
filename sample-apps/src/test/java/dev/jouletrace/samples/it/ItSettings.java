package dev.jouletrace.samples.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * Paths handed to the forked-JVM tests by failsafe ({@code jouletrace.it.*} system properties), and
 * the agent's instrumentation units that the frameworks on the forks' class path make it skip.
 */
record ItSettings(
    Path agentJar,
    String sampleClasspath,
    Path classesDir,
    Path workDir,
    Path cacheDir,
    Set<String> skippedUnits) {

  /**
   * The units the oldest frameworks make the agent skip, each with one warning: DL4J 1.0.0-beta4
   * has no SameDiff training API (FrameworkVersionsIT's MISMATCH verdict).
   */
  private static final Set<String> OLDEST_SKIPPED_UNITS = Set.of("dl4j-samediff");

  /** The newest frameworks, those the build compiles the samples against. */
  static ItSettings fromSystemProperties() {
    Path agentJar = path("jouletrace.it.agentJar");
    if (!Files.isRegularFile(agentJar)) {
      throw new IllegalStateException(
          "agent jar " + agentJar + " not found: build it first (mvn -pl agent -am package)");
    }
    return new ItSettings(
        agentJar,
        classpath("jouletrace.it.classpathFile"),
        path("jouletrace.it.classesDir"),
        path("jouletrace.it.workDir"),
        path("jouletrace.it.cacheDir"),
        Set.of());
  }

  /**
   * The same, the forks on the oldest DJL and DL4J the README claims (the class path the module
   * {@code sample-apps/oldest-frameworks} resolves), in a work directory of their own.
   */
  ItSettings onOldestFrameworks() {
    return new ItSettings(
        agentJar,
        classpath("jouletrace.it.oldestClasspathFile"),
        classesDir,
        workDir.resolve("oldest-frameworks"),
        cacheDir,
        OLDEST_SKIPPED_UNITS);
  }

  /**
   * The same, the forks on the oldest ND4J whose SameDiff training the README claims (1.0.0-beta7,
   * the class path the module {@code sample-apps/oldest-samediff} resolves), in a work directory of
   * their own. No unit is expected to skip itself there.
   */
  ItSettings onOldestSameDiff() {
    return new ItSettings(
        agentJar,
        classpath("jouletrace.it.oldestSameDiffClasspathFile"),
        classesDir,
        workDir.resolve("oldest-samediff"),
        cacheDir,
        Set.of());
  }

  /**
   * Whether {@code line} of a fork's standard error is an agent warning other than the one that
   * each skipped unit gives.
   */
  boolean isUnexpectedWarning(String line) {
    return line.startsWith("[jouletrace] WARNING")
        && skippedUnits.stream().noneMatch(unit -> line.startsWith(skipWarning(unit)));
  }

  /** How the agent's one line saying that it skips {@code unit} begins. */
  static String skipWarning(String unit) {
    return "[jouletrace] WARNING: instrumentation " + unit + " skipped:";
  }

  private static String classpath(String fileProperty) {
    Path file = path(fileProperty);
    try {
      return Files.readString(file).trim();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the sample class path " + file, e);
    }
  }

  private static Path path(String property) {
    String value = System.getProperty(property);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(
          "system property "
              + property
              + " is not set; run the tests through failsafe (mvn verify)");
    }
    return Path.of(value).toAbsolutePath();
  }
}
