package dev.jouletrace.samples.it;

import static dev.jouletrace.samples.it.RunFacts.assertConsoleShowsEachEpochOnce;
import static dev.jouletrace.samples.it.RunFacts.assertEnergyCoversTheRun;
import static dev.jouletrace.samples.it.RunFacts.assertHoldsEveryBatchAndRow;
import static dev.jouletrace.samples.it.RunFacts.epochs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jouletrace.samples.shapes.DjlStepLoops;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * Hand-written DJL loops of {@code EasyTrain.trainBatch} + {@code trainer.step()}, against what DJL
 * dispatched to its listeners ({@code onTrainingBatch} with each batch's size, {@code onEpoch}) and
 * its {@code TrainingResult}: one run (the trainer's lifetime), never empty, holding every batch
 * and row.
 */
class DjlStepLoopShapesIT extends ShapeForks {
  private ShapeRun run(String mode) throws Exception {
    return ShapeRun.run(settings, "shape-djl-" + mode, DjlStepLoops.class, "--mode", mode);
  }

  private static void assertOneRunWithEveryBatchAndRow(
      SoftAssertions softly, ShapeRun shape, JsonNode run) {
    softly.assertThat(run.path("framework").asText()).isEqualTo("djl");
    assertHoldsEveryBatchAndRow(
        softly, run, shape.frameworkLong("listener_batches"), shape.frameworkLong("listener_rows"));
    assertEnergyCoversTheRun(softly, run);
    assertConsoleShowsEachEpochOnce(softly, shape.consoleLines(), "djl", run);
  }

  /** Per pass: batches and rows as DJL dispatched them, in the epoch of that pass. */
  private static void assertEpochPerPass(SoftAssertions softly, ShapeRun shape, JsonNode run) {
    List<JsonNode> epochs = epochs(run);
    JsonNode perPass = shape.framework.path("batches_per_pass");
    softly.assertThat(epochs.size()).as("one epoch per pass").isEqualTo(perPass.size());
    long rowsPerPass = shape.frameworkLong("rows_per_pass");
    for (int i = 0; i < Math.min(epochs.size(), perPass.size()); i++) {
      softly
          .assertThat(epochs.get(i).path("batches").asLong())
          .as("batches of epoch %d", i)
          .isEqualTo(perPass.get(i).asLong());
      softly
          .assertThat(epochs.get(i).path("samples").asLong())
          .as("samples of epoch %d", i)
          .isEqualTo(rowsPerPass);
    }
  }

  /**
   * Batches from {@code dataset.getData(manager)}, never {@code iterateDataset}, and no {@code
   * onEpoch}: nothing marks a pass, so the epochs are windows of the agent's rule; every rule keeps
   * every batch and row in one run.
   */
  @Test
  void loopWithoutOnEpochOrIterateDatasetIsOneRunWithEveryRow() throws Exception {
    ShapeRun shape = run("dataset-passes");
    JsonNode run = shape.onlyRun();
    SoftAssertions.assertSoftly(
        softly -> {
          softly
              .assertThat(shape.frameworkInt("djl_training_result_epoch"))
              .as("DJL's epoch count")
              .isZero();
          assertOneRunWithEveryBatchAndRow(softly, shape, run);
        });
  }

  /** README: a loop that never dispatches onEpoch ends an epoch at its next iterateDataset. */
  @Test
  void loopWithoutOnEpochHasAnEpochPerIterateDataset() throws Exception {
    ShapeRun shape = run("iterate-passes");
    JsonNode run = shape.onlyRun();
    SoftAssertions.assertSoftly(
        softly -> {
          assertOneRunWithEveryBatchAndRow(softly, shape, run);
          assertEpochPerPass(softly, shape, run);
        });
  }

  @Test
  void loopThatDispatchesOnEpochHasDjlsEpochs() throws Exception {
    ShapeRun shape = run("on-epoch");
    JsonNode run = shape.onlyRun();
    SoftAssertions.assertSoftly(
        softly -> {
          List<JsonNode> epochs = epochs(run);
          softly
              .assertThat(epochs.size())
              .as("epochs = TrainingResult.getEpoch()")
              .isEqualTo(shape.frameworkInt("djl_training_result_epoch"));
          softly
              .assertThat(epochs.stream().map(e -> e.path("status").asText()))
              .as("epoch statuses")
              .containsOnly("completed");
          if (!epochs.isEmpty()) {
            softly
                .assertThat(epochs.get(epochs.size() - 1).path("train_loss").asDouble(Double.NaN))
                .as("train_loss of the last epoch = TrainingResult.getTrainLoss()")
                .isCloseTo(shape.framework.path("djl_train_loss").asDouble(), Offset.offset(1e-6));
          }
          assertOneRunWithEveryBatchAndRow(softly, shape, run);
          assertEpochPerPass(softly, shape, run);
        });
  }

  /**
   * {@code onEpoch} dispatched before each pass (DJL's GradientCollectorIntegrationTest): DJL
   * counts one epoch per dispatch; the first comes before any batch and must not make an empty
   * epoch, the last pass is ended by the trainer's close.
   */
  @Test
  void loopThatDispatchesOnEpochFirstHasDjlsEpochsAndNoEmptyOne() throws Exception {
    ShapeRun shape = run("on-epoch-first");
    JsonNode run = shape.onlyRun();
    SoftAssertions.assertSoftly(
        softly -> {
          softly.assertThat(shape.frameworkLong("listener_batches_before_first_on_epoch")).isZero();
          List<JsonNode> epochs = epochs(run);
          softly
              .assertThat(epochs.size())
              .as("epochs = TrainingResult.getEpoch()")
              .isEqualTo(shape.frameworkInt("djl_training_result_epoch"));
          // DJL computed no training loss for the last pass (no onEpoch followed it); its
          // TrainingResult still holds the previous pass's, which is not this epoch's loss
          if (!epochs.isEmpty()) {
            JsonNode last = epochs.get(epochs.size() - 1);
            softly
                .assertThat(last.path("train_loss").isNull())
                .as(
                    "train_loss of the epoch no onEpoch ended is null, not the previous epoch's"
                        + " (%s)",
                    last.path("train_loss"))
                .isTrue();
          }
          assertOneRunWithEveryBatchAndRow(softly, shape, run);
          assertEpochPerPass(softly, shape, run);
        });
  }
}
