package dev.jouletrace.samples.it;

import static dev.jouletrace.samples.it.RunFacts.assertEnergyCoversTheRun;
import static dev.jouletrace.samples.it.RunFacts.epochs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jouletrace.samples.shapes.Dl4jParallelRows;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * A user loop of {@code ParallelWrapper.fit(iterator)} with two workers: one epoch per {@code fit},
 * whose batches and samples are every minibatch and row both workers trained, as a listener DL4J
 * hands to each worker's model counted them (issue 9: the agent counted half, 1024 of 2048).
 */
class ParallelWrapperRowsIT extends ShapeForks {

  @Test
  void everyWorkersRowsAreTheEpochsSamples() throws Exception {
    ShapeRun shape =
        ShapeRun.run(
            settings, "shape-parallel-wrapper-rows", Dl4jParallelRows.class, "--mode", "loop");
    JsonNode run = shape.onlyRun();
    JsonNode perPass = shape.framework.path("per_pass");
    SoftAssertions.assertSoftly(
        softly -> {
          softly
              .assertThat(shape.framework.path("listener_threads").size())
              .as("worker threads DL4J trained on")
              .isEqualTo(2);
          softly.assertThat(run.path("implicit").asBoolean()).as("implicit").isTrue();
          List<JsonNode> epochs = epochs(run);
          softly
              .assertThat(epochs.size())
              .as("one epoch per wrapper.fit")
              .isEqualTo(perPass.size());
          for (int i = 0; i < Math.min(epochs.size(), perPass.size()); i++) {
            softly
                .assertThat(epochs.get(i).path("batches").asLong())
                .as("batches of epoch %d (both workers)", i)
                .isEqualTo(perPass.get(i).path("batches").asLong());
            softly
                .assertThat(epochs.get(i).path("samples").asLong())
                .as("samples of epoch %d = rows both workers trained", i)
                .isEqualTo(perPass.get(i).path("rows").asLong());
          }
          softly
              .assertThat(RunFacts.sum(run, "samples"))
              .as("samples in all = rows DL4J trained")
              .isEqualTo(shape.frameworkLong("listener_rows"));
          assertEnergyCoversTheRun(softly, run);
          RunFacts.assertConsoleShowsEachEpochOnce(softly, shape.consoleLines(), "dl4j", run);
        });
  }
}
