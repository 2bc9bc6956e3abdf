package dev.jouletrace.samples.instrumentation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jouletrace.agent.internal.instrumentation.Instrumentations;
import dev.jouletrace.agent.internal.instrumentation.TrainingInstrumentation;
import dev.jouletrace.agent.internal.instrumentation.UnitCheck;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The instrumentation check of {@link InstrumentationsMatchFrameworksTest}, against the oldest and
 * middle framework versions the README claims: their jars (copied by the build into {@code
 * target/framework-versions/<set>}) alone in a class loader, each built-in unit checked from the
 * class files as the agent checks it in a user's JVM. The verdicts are the README's table of
 * versions. Training on the oldest of them (DJL 0.20.0, DL4J 1.0.0-beta4) runs in {@code
 * OldestFrameworksIT}.
 */
class FrameworkVersionsIT {
  private static final Path VERSIONS =
      Paths.get(System.getProperty("jouletrace.it.frameworkVersions", "target/framework-versions"));

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "djl-0.20.0 | djl-trainer APPLIES",
        "djl-0.28.0 | djl-trainer APPLIES",
        // SameDiff's training API (fit with listeners, fitHelper, BaseListener) came after beta4
        "dl4j-1.0.0-beta4 | dl4j-multilayer APPLIES, dl4j-graph APPLIES, dl4j-solver APPLIES,"
            + " dl4j-early-stopping APPLIES, dl4j-parallel-wrapper APPLIES,"
            + " dl4j-samediff MISMATCH",
        "dl4j-1.0.0-beta7 | dl4j-multilayer APPLIES, dl4j-graph APPLIES, dl4j-solver APPLIES,"
            + " dl4j-early-stopping APPLIES, dl4j-parallel-wrapper APPLIES,"
            + " dl4j-samediff APPLIES",
        "dl4j-1.0.0-M1.1 | dl4j-multilayer APPLIES, dl4j-graph APPLIES, dl4j-solver APPLIES,"
            + " dl4j-early-stopping APPLIES, dl4j-parallel-wrapper APPLIES,"
            + " dl4j-samediff APPLIES",
      })
  void theBuiltInUnitsApplyToThisVersionAsTheReadmeSays(String set, String expected)
      throws IOException {
    Path dir = VERSIONS.resolve(set);
    List<URL> jars = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path jar : files.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
        jars.add(jar.toUri().toURL());
      }
    }
    assertThat(jars).as("jars of %s in %s", set, dir).isNotEmpty();
    Map<String, String> verdicts = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    // the platform loader as parent: only this version's classes are visible, not the newest ones
    // on the test's own class path
    try (URLClassLoader frameworks =
        new URLClassLoader(jars.toArray(new URL[0]), ClassLoader.getPlatformClassLoader())) {
      for (TrainingInstrumentation unit : Instrumentations.builtIn()) {
        UnitCheck.Verdict v = new UnitCheck(unit, problems::add).verdict(frameworks);
        if (v != UnitCheck.Verdict.ABSENT) {
          verdicts.put(unit.name(), unit.name() + " " + v);
        }
      }
    }
    List<String> want = new ArrayList<>();
    for (String s : expected.split(",")) {
      want.add(s.trim());
    }
    assertThat(new ArrayList<>(verdicts.values()))
        .as("verdicts for %s; problems said: %s", set, problems)
        .containsExactlyElementsOf(want);
    assertThat(problems)
        .as("one line per unit that does not apply")
        .hasSize((int) want.stream().filter(s -> s.endsWith("MISMATCH")).count());
  }
}
