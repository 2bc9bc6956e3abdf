package dev.jouletrace.samples.it;

import static dev.jouletrace.samples.it.RunFacts.assertEnergyCoversTheRun;
import static dev.jouletrace.samples.it.RunFacts.assertHoldsEveryBatchAndRow;
import static dev.jouletrace.samples.it.RunFacts.epochs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jouletrace.samples.shapes.SameDiffShapes;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * ND4J SameDiff training, against what SameDiff itself reports: its training configuration's
 * iteration and epoch counts, its {@code History} and the rows its listeners were given.
 */
class SameDiffShapesIT extends ShapeForks {
  /**
   * {@code sd.fit(dataSet)} 40 times: SameDiff runs each call as a one-minibatch fit without epochs
   * ({@code fitHelper(…, 1, incrementEpochCount=false, …)}). Issue 9: one run with its energy, not
   * 40 empty ones. RULE(pass), not in the README yet: every call is a pass over the same DataSet,
   * so one epoch per call.
   */
  @Test
  void loopOfDataSetFitsIsOneRunWithEveryRow() throws Exception {
    ShapeRun shape =
        ShapeRun.run(
            settings,
            "shape-samediff-fit-dataset-loop",
            SameDiffShapes.class,
            "--mode",
            "fit-dataset-loop");
    JsonNode run = shape.onlyRun();
    int calls = shape.frameworkInt("calls");
    SoftAssertions.assertSoftly(
        softly -> {
          softly.assertThat(shape.frameworkInt("training_config_iteration_count")).isEqualTo(calls);
          softly.assertThat(shape.frameworkInt("training_config_epoch_count")).isZero();
          assertHoldsEveryBatchAndRow(
              softly,
              run,
              shape.frameworkLong("training_config_iteration_count"),
              shape.frameworkLong("listener_rows"));
          softly
              .assertThat(epochs(run).size())
              .as("RULE(pass): one epoch per fit(dataSet)")
              .isEqualTo(calls);
          assertEnergyCoversTheRun(softly, run);
          softly
              .assertThat(
                  shape.consoleLines().stream()
                      .filter(
                          l ->
                              l.matches(
                                  ".* run \\d+ (completed|early_stopped|failed|interrupted) after .*")))
              .as("summary blocks on the console")
              .hasSize(1);
        });
  }

  /**
   * {@code sd.fit(iterator, 3)}: SameDiff's own epoch loop. Each epoch's samples are the rows
   * SameDiff passed to its listeners' {@code iterationDone}, its train loss the mean loss SameDiff
   * recorded for that epoch ({@code History.lossCurve().meanLoss("loss")}; ND4J 1.0.0-M2.1 records
   * 0.0 for every minibatch of this graph, and the agent reports what SameDiff says).
   */
  @Test
  void fitOverAnIteratorHasSamplesAndLossPerEpoch() throws Exception {
    ShapeRun shape =
        ShapeRun.run(
            settings,
            "shape-samediff-fit-iterator",
            SameDiffShapes.class,
            "--mode",
            "fit-iterator");
    JsonNode run = shape.onlyRun();
    JsonNode rowsPerEpoch = shape.framework.path("listener_rows_per_epoch");
    JsonNode batchesPerEpoch = shape.framework.path("listener_batches_per_epoch");
    JsonNode meanLoss = shape.framework.path("history_mean_loss_per_epoch");
    SoftAssertions.assertSoftly(
        softly -> {
          softly.assertThat(run.path("status").asText()).isEqualTo("completed");
          softly
              .assertThat(run.path("planned_epochs").asInt(-1))
              .isEqualTo(shape.frameworkInt("epochs_requested"));
          List<JsonNode> epochs = epochs(run);
          softly
              .assertThat(epochs.size())
              .as("epochs = History.trainingEpochs()")
              .isEqualTo(shape.frameworkInt("history_training_epochs"));
          for (int i = 0; i < Math.min(epochs.size(), rowsPerEpoch.size()); i++) {
            JsonNode epoch = epochs.get(i);
            softly
                .assertThat(epoch.path("batches").asLong())
                .as("batches of epoch %d", i)
                .isEqualTo(batchesPerEpoch.get(i).asLong());
            softly
                .assertThat(epoch.path("samples").asLong())
                .as("samples of epoch %d (%s)", i, epoch.path("samples"))
                .isEqualTo(rowsPerEpoch.get(i).asLong());
            softly
                .assertThat(epoch.path("train_loss").isNumber())
                .as("train_loss of epoch %d: %s", i, epoch.path("train_loss"))
                .isTrue();
            softly
                .assertThat(epoch.path("train_loss").asDouble(Double.NaN))
                .as("train_loss of epoch %d = SameDiff's mean loss", i)
                .isCloseTo(meanLoss.get(i).asDouble(), Offset.offset(1e-6));
          }
          assertEnergyCoversTheRun(softly, run);
        });
  }
}
