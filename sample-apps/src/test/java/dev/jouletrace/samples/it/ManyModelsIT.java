package dev.jouletrace.samples.it;

import static dev.jouletrace.samples.it.ShapeTrace.BATCHES_PER_EPOCH;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jouletrace.samples.dl4j.Dl4jMlp;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Eight DL4J networks trained at once on eight threads, in a forked JVM with the agent: eight runs,
 * each with all its epochs indexed from 0 in a trace of its own, and no batch counted in another
 * model's epoch (network k trains on k batches fewer, so a mixed epoch shows in its count).
 */
class ManyModelsIT {
  static final int MODELS = 8;
  static final int EPOCHS = 2;

  /** The JDK the forks run on; this class uses the one running the tests. */
  ForkedJvm onJdk(ForkedJvm fork) {
    return fork;
  }

  @Test
  void eightModelsOnEightThreadsAreEightRunsWithNoLostOrMixedEpochs() throws Exception {
    ShapeTrace trace =
        ShapeTrace.run(
            ItSettings.fromSystemProperties(),
            Dl4jMlp.class,
            "eight-models",
            EPOCHS,
            MODELS,
            MODELS * EPOCHS,
            this::onJdk);

    List<JsonNode> runs = trace.reportedRuns();
    assertThat(runs).hasSize(MODELS);
    List<Integer> batchCounts = new ArrayList<>();
    boolean anyShared = false;
    for (JsonNode run : runs) {
      int batches = run.path("epochs").path(0).path("batches").asInt(-1);
      batchCounts.add(batches);
      trace.assertRun(run, "completed", false, false, EPOCHS, batches);
      for (JsonNode epoch : run.path("epochs")) {
        anyShared |= epoch.path("shared").asBoolean();
        assertThat(epoch.path("energy_j").asDouble()).isGreaterThan(0);
      }
    }
    // each model's own batch count, once: BATCHES_PER_EPOCH, one fewer, ... seven fewer
    assertThat(batchCounts)
        .containsExactlyInAnyOrderElementsOf(
            IntStream.range(0, MODELS).mapToObj(k -> BATCHES_PER_EPOCH - k).toList());
    assertThat(trace.runSpans()).hasSize(MODELS);
    assertThat(trace.runSpans()).extracting(ExportedSpan::traceId).doesNotHaveDuplicates();
    assertThat(anyShared).as("epochs trained at the same time are marked shared").isTrue();
  }
}
