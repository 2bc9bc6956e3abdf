package dev.jouletrace.samples.it;

import static dev.jouletrace.samples.it.RunFacts.assertConsoleShowsEachEpochOnce;
import static dev.jouletrace.samples.it.RunFacts.assertEnergyCoversTheRun;
import static dev.jouletrace.samples.it.RunFacts.assertNoAdviceForEarlyStoppedRun;
import static dev.jouletrace.samples.it.RunFacts.epochs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jouletrace.samples.shapes.Dl4jEarlyStoppingShapes;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * DL4J early stopping ended each way DL4J knows, against DL4J's own {@code EarlyStoppingResult}
 * printed in the same fork: completed epochs = DL4J's total epochs, the epoch an iteration
 * condition cut short kept with its batches and rows but not {@code completed}, planned epochs from
 * {@code MaxEpochsTerminationCondition}, the score calculator's values, and every run's energy
 * covering the scoring between epochs.
 */
class EarlyStoppingShapesIT extends ShapeForks {
  private ShapeRun run(String mode, String... more) throws Exception {
    String[] args = new String[2 + more.length];
    args[0] = "--mode";
    args[1] = mode;
    System.arraycopy(more, 0, args, 2, more.length);
    return ShapeRun.run(settings, "shape-es-" + mode, Dl4jEarlyStoppingShapes.class, args);
  }

  /**
   * An iteration condition ended the run: DL4J counts the epochs before the cut-short one; the cut
   * epoch is kept with the minibatches and rows DL4J trained in it, not {@code completed}.
   */
  private void assertCutShortByAnIterationCondition(ShapeRun shape) {
    JsonNode run = shape.onlyRun();
    int total = shape.frameworkInt("total_epochs");
    SoftAssertions.assertSoftly(
        softly -> {
          softly
              .assertThat(shape.framework.path("termination_reason").asText())
              .isEqualTo("IterationTerminationCondition");
          softly.assertThat(run.path("status").asText()).isEqualTo("early_stopped");
          List<JsonNode> epochs = epochs(run);
          softly
              .assertThat(
                  epochs.stream()
                      .filter(e -> e.path("status").asText().equals("completed"))
                      .count())
              .as("completed epochs = EarlyStoppingResult.getTotalEpochs()")
              .isEqualTo((long) total);
          softly
              .assertThat(epochs.size())
              .as("epochs: DL4J's %d and the cut-short one", total)
              .isEqualTo(total + 1);
          if (epochs.size() == total + 1) {
            JsonNode cut = epochs.get(total);
            softly
                .assertThat(cut.path("status").asText())
                .as("cut-short epoch")
                .isNotEqualTo("completed");
            softly
                .assertThat(cut.path("batches").asLong())
                .as("batches of the cut-short epoch")
                .isEqualTo(shape.frameworkLong("batches_after_last_epoch_end"));
            softly
                .assertThat(cut.path("samples").asLong())
                .as("samples of the cut-short epoch")
                .isEqualTo(shape.frameworkLong("rows_after_last_scored_epoch"));
          }
          softly
              .assertThat(RunFacts.sum(run, "batches"))
              .as("batches = DL4J's iteration count")
              .isEqualTo(shape.frameworkLong("listener_iterations"));
          softly
              .assertThat(RunFacts.sum(run, "samples"))
              .as("samples = rows DL4J trained")
              .isEqualTo(shape.frameworkLong("listener_rows"));
          assertPlannedAndOutcome(softly, shape, run);
          assertEnergyCoversTheRun(softly, run);
          assertConsoleShowsEachEpochOnce(softly, shape.consoleLines(), "dl4j", run);
          assertNoAdviceForEarlyStoppedRun(softly, shape.consoleLines());
        });
  }

  /** Planned epochs from MaxEpochsTerminationCondition; DL4J's outcome as DL4J computed it. */
  private static void assertPlannedAndOutcome(SoftAssertions softly, ShapeRun shape, JsonNode run) {
    softly
        .assertThat(run.path("planned_epochs").asInt(-1))
        .as("planned_epochs = MaxEpochsTerminationCondition's maxEpochs")
        .isEqualTo(shape.frameworkInt("max_epochs"));
    JsonNode outcome = run.path("framework_outcome");
    softly.assertThat(outcome.isObject()).as("framework_outcome: %s", outcome).isTrue();
    softly
        .assertThat(outcome.path("best_epoch").asInt(-2))
        .as("best epoch = EarlyStoppingResult.getBestModelEpoch()")
        .isEqualTo(shape.frameworkInt("best_model_epoch"));
    softly
        .assertThat(outcome.path("stop_reason").asText())
        .as("stop reason")
        .contains(shape.framework.path("termination_reason").asText());
  }

  /** The score calculator's value of every scored epoch, as DL4J's scoreVsEpoch has it. */
  private static void assertValidationScores(SoftAssertions softly, ShapeRun shape, JsonNode run) {
    JsonNode expected = shape.framework.path("score_vs_epoch");
    JsonNode actual = run.path("framework_outcome").path("validation_scores");
    softly
        .assertThat(fieldNames(actual))
        .as("epochs DL4J scored")
        .containsExactlyElementsOf(fieldNames(expected));
    for (String epoch : fieldNames(expected)) {
      softly
          .assertThat(actual.path(epoch).asDouble(Double.NaN))
          .as("score of epoch %s", epoch)
          .isCloseTo(expected.path(epoch).asDouble(), Offset.offset(1e-12));
    }
  }

  @Test
  void badScoreConditionKeepsDl4jsEpochsAndTheCutShortOne() throws Exception {
    assertCutShortByAnIterationCondition(run("max-score"));
  }

  @Test
  void timeLimitConditionKeepsDl4jsEpochsAndTheCutShortOne() throws Exception {
    assertCutShortByAnIterationCondition(run("max-time", "--seconds", "4"));
  }

  @Test
  void maxEpochsConditionPlansTheRunAndCompletesIt() throws Exception {
    ShapeRun shape = run("max-epochs");
    JsonNode run = shape.onlyRun();
    int total = shape.frameworkInt("total_epochs");
    SoftAssertions.assertSoftly(
        softly -> {
          softly.assertThat(run.path("status").asText()).isEqualTo("completed");
          softly.assertThat(epochs(run).size()).as("epochs = DL4J's total epochs").isEqualTo(total);
          softly
              .assertThat(epochs(run).stream().map(e -> e.path("status").asText()))
              .as("epoch statuses")
              .containsOnly("completed");
          RunFacts.assertHoldsEveryBatchAndRow(
              softly,
              run,
              shape.frameworkLong("listener_iterations"),
              shape.frameworkLong("listener_rows"));
          assertPlannedAndOutcome(softly, shape, run);
          softly
              .assertThat(run.path("forecast").isObject())
              .as("a forecast, the plan being known")
              .isTrue();
          assertValidationScores(softly, shape, run);
          assertEnergyCoversTheRun(softly, run);
          assertConsoleShowsEachEpochOnce(softly, shape.consoleLines(), "dl4j", run);
        });
  }

  @Test
  void scoringBetweenEpochsIsInTheRunsEnergy() throws Exception {
    ShapeRun shape = run("scored");
    JsonNode run = shape.onlyRun();
    SoftAssertions.assertSoftly(
        softly -> {
          softly
              .assertThat(epochs(run).size())
              .as("epochs = DL4J's total epochs")
              .isEqualTo(shape.frameworkInt("total_epochs"));
          assertPlannedAndOutcome(softly, shape, run);
          assertValidationScores(softly, shape, run);
          // DL4J scored 2000 held-out rows and cloned the model twice after every epoch's end
          // trigger and before the next start trigger: that time and energy are the run's, and
          // the scoring is the epoch's validation window
          assertEnergyCoversTheRun(softly, run);
          for (JsonNode epoch : epochs(run)) {
            JsonNode windows = epoch.path("validation");
            softly
                .assertThat(windows.size())
                .as(
                    "epoch %d: the score calculator's pass is its validation window",
                    epoch.path("index").asInt())
                .isEqualTo(1);
            softly
                .assertThat(windows.path(0).path("energy_j").asDouble())
                .as("epoch %d: energy of DL4J's scoring", epoch.path("index").asInt())
                .isPositive();
          }
        });
  }

  @Test
  void scoringEveryOtherEpochKeepsDl4jsEpochsAndScores() throws Exception {
    ShapeRun shape = run("every-n");
    JsonNode run = shape.onlyRun();
    SoftAssertions.assertSoftly(
        softly -> {
          softly.assertThat(run.path("status").asText()).isEqualTo("completed");
          softly
              .assertThat(epochs(run).size())
              .as("epochs = DL4J's total epochs")
              .isEqualTo(shape.frameworkInt("total_epochs"));
          assertPlannedAndOutcome(softly, shape, run);
          assertValidationScores(softly, shape, run);
          assertEnergyCoversTheRun(softly, run);
        });
  }

  @Test
  void parallelEarlyStoppingTrainerStoppedByAConditionIsEarlyStoppedWithDl4jsOutcome()
      throws Exception {
    ShapeRun shape = run("parallel");
    JsonNode run = shape.onlyRun();
    int total = shape.frameworkInt("total_epochs");
    SoftAssertions.assertSoftly(
        softly -> {
          softly
              .assertThat(shape.framework.path("termination_reason").asText())
              .isEqualTo("EpochTerminationCondition");
          softly.assertThat(run.path("status").asText()).isEqualTo("early_stopped");
          softly
              .assertThat(run.path("implicit").asBoolean())
              .as("implicit: EarlyStoppingParallelTrainer.fit() is a run-level call")
              .isFalse();
          softly.assertThat(epochs(run).size()).as("epochs = DL4J's total epochs").isEqualTo(total);
          // rows per epoch from DL4J's early-stopping listener, called after each wrapper.fit
          JsonNode rowsAt = shape.framework.path("es_listener_rows_at_epoch");
          long previous = 0;
          List<JsonNode> epochs = epochs(run);
          for (int i = 0; i < Math.min(epochs.size(), rowsAt.size()); i++) {
            softly
                .assertThat(epochs.get(i).path("samples").asLong())
                .as("samples of epoch %d = rows both workers trained", i)
                .isEqualTo(rowsAt.get(i).asLong() - previous);
            previous = rowsAt.get(i).asLong();
          }
          softly
              .assertThat(RunFacts.sum(run, "batches"))
              .as("batches = minibatches of both workers")
              .isEqualTo(shape.frameworkLong("listener_iterations"));
          // scoreVsEpoch of this trainer is keyed epoch - 1 in DL4J M2.1, so only these are
          // compared
          assertPlannedAndOutcome(softly, shape, run);
          assertEnergyCoversTheRun(softly, run);
          assertNoAdviceForEarlyStoppedRun(softly, shape.consoleLines());
        });
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
