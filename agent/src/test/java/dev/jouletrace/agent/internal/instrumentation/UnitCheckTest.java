package dev.jouletrace.agent.internal.instrumentation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jouletrace.agent.internal.instrumentation.dl4j.Dl4jInstrumentation;
import dev.jouletrace.agent.internal.lifecycle.FrameworkPolicy;
import dev.jouletrace.agent.internal.lifecycle.FrameworkPolicy.EpochStart;
import dev.jouletrace.agent.internal.lifecycle.ProgressReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The whole-unit check, against the test doubles that carry DL4J's names. */
class UnitCheckTest {
  private static final String MLN = "org.deeplearning4j.nn.multilayer.MultiLayerNetwork";
  private final List<String> problems = new ArrayList<>();
  private final ClassLoader loader = UnitCheckTest.class.getClassLoader();

  private static TrainingInstrumentation unit(List<Target> targets, List<Accessor> accessors) {
    return new TrainingInstrumentation(
        "test-unit",
        "dl4j",
        targets,
        accessors,
        new FrameworkPolicy(ProgressReader.NONE, EpochStart.AT_EPOCH_CALL),
        TrainingInstrumentation.Checking.WHOLE_UNIT);
  }

  @Test
  void aUnitWhoseTargetsAndAccessorsAreAllThereApplies() {
    UnitCheck check = new UnitCheck(Dl4jInstrumentation.solver(), problems::add);
    assertThat(check.verdict(loader)).isEqualTo(UnitCheck.Verdict.APPLIES);
    assertThat(problems).isEmpty();
  }

  @Test
  void aMissingAccessorKeepsTheWholeUnitOffWithOneLine() {
    UnitCheck check =
        new UnitCheck(
            unit(
                List.of(Target.of(MLN, "incrementEpochCount", Hook.EPOCH_COUNTED)),
                List.of(Accessor.method(MLN, "getIterationCount"), Accessor.field(MLN, "layers"))),
            problems::add);

    assertThat(check.verdict(loader)).isEqualTo(UnitCheck.Verdict.MISMATCH);
    assertThat(check.verdict(loader)).isEqualTo(UnitCheck.Verdict.MISMATCH);
    assertThat(problems)
        .containsExactly(
            "instrumentation test-unit skipped: this dl4j version has no "
                + MLN
                + ".layers (a version it does not know); the training runs unmeasured by it");
  }

  @Test
  void aMissingTargetMethodKeepsTheWholeUnitOff() {
    UnitCheck check =
        new UnitCheck(
            unit(
                List.of(
                    Target.of(MLN, "incrementEpochCount", Hook.EPOCH_COUNTED),
                    Target.of(MLN, "pretrain", Hook.EPOCH_ON_THIS)),
                List.of()),
            problems::add);

    assertThat(check.verdict(loader)).isEqualTo(UnitCheck.Verdict.MISMATCH);
    assertThat(problems).singleElement().asString().contains("no " + MLN + "#pretrain()");
  }

  @Test
  void aFrameworkThatIsNotThereIsSilentlyAbsent() {
    UnitCheck check =
        new UnitCheck(
            unit(
                List.of(Target.of("org.example.Absent", "fit", Hook.EPOCH_ON_THIS)),
                List.of(Accessor.method("org.example.Absent", "score"))),
            problems::add);

    assertThat(check.verdict(loader)).isEqualTo(UnitCheck.Verdict.ABSENT);
    assertThat(problems).isEmpty();
  }

  /**
   * DL4J without its parallel-wrapper module: the unit's targets are all absent, but its accessors
   * read classes of DL4J's core, which are there. Nothing is missing for the training to run: the
   * unit is absent, not a mismatch, and says nothing.
   */
  @Test
  void aModuleThatIsNotThereIsSilentlyAbsentEvenWhenItsAccessorsClassesAre() {
    UnitCheck check =
        new UnitCheck(
            unit(
                List.of(
                    Target.of("org.example.parallel.Wrapper", "fit", Hook.EPOCH_ON_THIS),
                    Target.of("org.example.parallel.Trainer", "fit", Hook.EPOCH_ON_THIS)),
                List.of(Accessor.method(MLN, "score"), Accessor.method(MLN, "noSuchMethod"))),
            problems::add);

    assertThat(check.verdict(loader)).isEqualTo(UnitCheck.Verdict.ABSENT);
    assertThat(problems).isEmpty();
  }

  @Test
  void aMissingClassIsNamedOnceHoweverManyTargetsItHas() {
    UnitCheck check =
        new UnitCheck(
            unit(
                List.of(
                    Target.of(MLN, "incrementEpochCount", Hook.EPOCH_COUNTED),
                    Target.of("org.example.Absent", "fit", Hook.EPOCH_ON_THIS),
                    Target.of("org.example.Absent", "fit", Hook.EPOCH_COUNTED)),
                List.of()),
            problems::add);

    assertThat(check.verdict(loader)).isEqualTo(UnitCheck.Verdict.MISMATCH);
    assertThat(problems)
        .containsExactly(
            "instrumentation test-unit skipped: this dl4j version has no org.example.Absent (a"
                + " version it does not know); the training runs unmeasured by it");
  }

  @Test
  void inheritedMethodsAndFieldsCount() {
    // score() is declared by the Model interface the network implements; model by the solver
    UnitCheck check =
        new UnitCheck(
            unit(
                List.of(Target.of(MLN, "incrementEpochCount", Hook.EPOCH_COUNTED)),
                List.of(
                    Accessor.method(MLN, "score"),
                    Accessor.field("org.deeplearning4j.optimize.Solver", "model"))),
            problems::add);
    assertThat(check.verdict(loader)).isEqualTo(UnitCheck.Verdict.APPLIES);
  }

  @Test
  void weavingAheadChecksOnlyTheUnitsWhoseClassesTheTrainingIsAboutToUse() {
    // the same mismatch (a missing accessor) in a unit whose class is in use and in one whose
    // class is not: only the first is checked ahead, and so says its one line
    TrainingInstrumentation used =
        unit(
            List.of(Target.of(MLN, "incrementEpochCount", Hook.EPOCH_COUNTED)),
            List.of(Accessor.field(MLN, "noSuchField")));
    String unusedClass = "org.deeplearning4j.parallelism.ParallelWrapper";
    TrainingInstrumentation unused =
        new TrainingInstrumentation(
            "unused-unit",
            "dl4j",
            List.of(Target.of(unusedClass, "fit", Hook.EPOCH_ON_MODEL_FIELD)),
            List.of(Accessor.field(unusedClass, "noSuchField")),
            new FrameworkPolicy(ProgressReader.NONE, EpochStart.AT_EPOCH_CALL),
            TrainingInstrumentation.Checking.WHOLE_UNIT);
    List<TrainingInstrumentation> units = List.of(used, unused);
    InstrumentationInstaller.Prepared prepared =
        InstrumentationInstaller.prepare(units, loader, problems::add);
    ClassesInUse inUse =
        ClassesInUse.of(
            List.of(
                "org.deeplearning4j.nn.conf.MultiLayerConfiguration",
                "org.deeplearning4j.nn.conf.NeuralNetConfiguration"));

    prepared.weaveAhead(loader, TargetGate.of(units), inUse, false);

    assertThat(problems).hasSize(1);
    assertThat(problems.get(0)).startsWith("instrumentation test-unit skipped:");
  }
}
