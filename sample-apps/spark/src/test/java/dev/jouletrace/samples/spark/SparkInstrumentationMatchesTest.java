package dev.jouletrace.samples.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jouletrace.agent.internal.instrumentation.Instrumentations;
import dev.jouletrace.agent.internal.instrumentation.TrainingInstrumentation;
import dev.jouletrace.agent.internal.instrumentation.UnitCheck;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The build's check of the {@code dl4j-spark} unit against the Spark and DL4J Spark versions on
 * this module's class path: every driver and worker target and every Spark member the agent calls
 * by name is there, so the unit applies as a whole (it stays off, silently, where Spark is absent:
 * {@code InstrumentationsMatchFrameworksTest} in sample-apps).
 */
class SparkInstrumentationMatchesTest {
  @Test
  void dl4jSparkUnitAppliesToTheseSparkAndDl4jVersions() {
    ClassLoader frameworks = SparkInstrumentationMatchesTest.class.getClassLoader();
    List<String> problems = new ArrayList<>();
    TrainingInstrumentation unit =
        Instrumentations.builtIn().stream()
            .filter(u -> u.name().equals("dl4j-spark"))
            .findFirst()
            .orElseThrow();
    assertThat(new UnitCheck(unit, problems::add).verdict(frameworks))
        .isEqualTo(UnitCheck.Verdict.APPLIES);
    assertThat(problems).isEmpty();
  }
}
