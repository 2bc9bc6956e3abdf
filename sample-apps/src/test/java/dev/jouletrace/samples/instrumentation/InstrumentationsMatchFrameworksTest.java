package dev.jouletrace.samples.instrumentation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jouletrace.agent.internal.instrumentation.Instrumentations;
import dev.jouletrace.agent.internal.instrumentation.TrainingInstrumentation;
import dev.jouletrace.agent.internal.instrumentation.UnitCheck;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The build's check of every built-in instrumentation against the framework versions on this
 * module's class path (the newest the README claims): each unit's target methods and every
 * framework member it reads by name are there, so it applies as a whole. The version-matrix modules
 * run the same check against the oldest versions.
 */
class InstrumentationsMatchFrameworksTest {
  @Test
  void everyBuiltInUnitAppliesToTheseFrameworkVersions() {
    ClassLoader frameworks = InstrumentationsMatchFrameworksTest.class.getClassLoader();
    List<String> problems = new ArrayList<>();
    List<String> verdicts = new ArrayList<>();
    for (TrainingInstrumentation unit : Instrumentations.builtIn()) {
      verdicts.add(unit.name() + " " + new UnitCheck(unit, problems::add).verdict(frameworks));
    }
    assertThat(problems).isEmpty();
    assertThat(verdicts)
        .containsExactly(
            "djl-trainer APPLIES",
            "dl4j-multilayer APPLIES",
            "dl4j-graph APPLIES",
            "dl4j-solver APPLIES",
            "dl4j-early-stopping APPLIES",
            "dl4j-parallel-wrapper APPLIES",
            "dl4j-samediff APPLIES",
            // no Spark on this class path: the unit stays off without a word
            "dl4j-spark ABSENT");
  }
}
