package dev.jouletrace.samples.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Paths handed to the forked-JVM tests by failsafe ({@code jouletrace.it.*} system properties). */
record ItSettings(
    Path agentJar, String sampleClasspath, Path classesDir, Path workDir, Path cacheDir) {

  static ItSettings fromSystemProperties() {
    Path agentJar = path("jouletrace.it.agentJar");
    if (!Files.isRegularFile(agentJar)) {
      throw new IllegalStateException(
          "agent jar " + agentJar + " not found: build it first (mvn -pl agent -am package)");
    }
    Path classpathFile = path("jouletrace.it.classpathFile");
    try {
      return new ItSettings(
          agentJar,
          Files.readString(classpathFile).trim(),
          path("jouletrace.it.classesDir"),
          path("jouletrace.it.workDir"),
          path("jouletrace.it.cacheDir"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the sample class path " + classpathFile, e);
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
