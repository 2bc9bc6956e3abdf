package dev.jouletrace.samples.it;

import static dev.jouletrace.samples.it.ShapeTrace.BATCHES_PER_EPOCH;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jouletrace.samples.djl.DjlMlp;
import dev.jouletrace.samples.dl4j.Dl4jMlp;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Every training shape of the sample apps, with the agent in a forked JVM: each is counted exactly
 * once, with the right status, epochs indexed from 0 under their run span.
 */
class TrainingShapesIT extends ShapeForks {
  /** The JDK the forks run on; this class uses the one running the tests. */
  ForkedJvm onJdk(ForkedJvm fork) {
    return fork;
  }

  private ShapeTrace run(Class<?> main, String mode, int epochs, int runs) throws Exception {
    return run(main, mode, epochs, runs, runs * epochs, fork -> fork);
  }

  private ShapeTrace run(
      Class<?> main,
      String mode,
      int epochs,
      int runs,
      int totalEpochs,
      UnaryOperator<ForkedJvm> configure)
      throws Exception {
    return ShapeTrace.run(
        settings, main, mode, epochs, runs, totalEpochs, fork -> configure.apply(onJdk(fork)));
  }

  private JsonNode onlyRun(ShapeTrace trace) {
    List<JsonNode> runs = trace.reportedRuns();
    assertThat(runs).as("runs in the report").hasSize(1);
    assertThat(trace.runSpans()).as("run spans").hasSize(1);
    return runs.get(0);
  }

  @Test
  void djlHandWrittenLoopIsOneRunOfTheTrainersLifetime() throws Exception {
    ShapeTrace trace = run(DjlMlp.class, "manual", 3, 1);
    trace.assertRun(onlyRun(trace), "completed", false, false, 3, BATCHES_PER_EPOCH);
  }

  @Test
  void djlHandWrittenLoopWithoutOnEpochHasAnEpochPerPassOverTheTrainingData() throws Exception {
    ShapeTrace trace = run(DjlMlp.class, "manual-silent", 3, 1);
    trace.assertRun(onlyRun(trace), "completed", false, false, 3, BATCHES_PER_EPOCH);
  }

  @Test
  void djlHandWrittenLoopStoppedEarlyIsEarlyStoppedWithItsTwoEpochs() throws Exception {
    ShapeTrace trace = run(DjlMlp.class, "manual-early-stop", 5, 1, 2, f -> f);
    trace.assertRun(onlyRun(trace), "early_stopped", false, false, 2, BATCHES_PER_EPOCH);
  }

  @Test
  void djlEasyTrainStoppedEarlyIsEarlyStoppedWithItsTwoEpochs() throws Exception {
    ShapeTrace trace = run(DjlMlp.class, "early-stop", 5, 1, 2, f -> f);
    trace.assertRun(onlyRun(trace), "early_stopped", false, false, 2, BATCHES_PER_EPOCH);
  }

  @Test
  void dl4jUserLoopOfEpochCallsIsAnImplicitRun() throws Exception {
    ShapeTrace trace = run(Dl4jMlp.class, "user-loop", 3, 1);
    trace.assertRun(onlyRun(trace), "completed", true, false, 3, BATCHES_PER_EPOCH);
  }

  @Test
  void dl4jUserLoopsSeparatedByMoreThanTheIdleTimeoutAreTwoRuns() throws Exception {
    ShapeTrace trace =
        run(Dl4jMlp.class, "two-loops", 2, 2, 4, fork -> fork.agentArgs("run.idle_timeout_s=0.5"));
    List<JsonNode> runs = trace.reportedRuns();
    assertThat(runs).hasSize(2);
    for (JsonNode run : runs) {
      trace.assertRun(run, "completed", true, false, 2, BATCHES_PER_EPOCH);
    }
    // an idle run ends at the end of its last epoch, not when the idleness was noticed
    JsonNode first = runs.get(0);
    JsonNode lastEpoch = first.path("epochs").get(1);
    assertThat(first.path("end").asText()).isEqualTo(lastEpoch.path("end").asText());
  }

  @Test
  void dl4jComputationGraphFitIsOneRun() throws Exception {
    ShapeTrace trace = run(Dl4jMlp.class, "graph", 3, 1);
    trace.assertRun(onlyRun(trace), "completed", false, false, 3, BATCHES_PER_EPOCH);
  }

  @Test
  void dl4jMinibatchLoopCountsAnEpochPerIncrementEpochCount() throws Exception {
    ShapeTrace trace = run(Dl4jMlp.class, "minibatch-loop", 3, 1);
    trace.assertRun(onlyRun(trace), "completed", true, false, 3, BATCHES_PER_EPOCH);
  }

  @Test
  void dl4jEarlyStoppingTrainerThatStopsEarlyIsEarlyStopped() throws Exception {
    ShapeTrace trace = run(Dl4jMlp.class, "early-stopping", 5, 1, 2, f -> f);
    trace.assertRun(onlyRun(trace), "early_stopped", false, false, 2, BATCHES_PER_EPOCH);
  }

  @Test
  void dl4jEarlyStoppingTrainerThatReachesItsMaximumCompletes() throws Exception {
    ShapeTrace trace = run(Dl4jMlp.class, "early-stopping", 2, 1);
    trace.assertRun(onlyRun(trace), "completed", false, false, 2, BATCHES_PER_EPOCH);
  }

  @Test
  void dl4jParallelWrapperLoopCountsTheWorkersBatchesOnce() throws Exception {
    ShapeTrace trace = run(Dl4jMlp.class, "parallel", 3, 1);
    trace.assertRun(onlyRun(trace), "completed", true, false, 3, BATCHES_PER_EPOCH);
  }

  @Test
  void dl4jTwoModelsTrainingAtOnceAreTwoRunsInTwoTraces() throws Exception {
    ShapeTrace trace = run(Dl4jMlp.class, "two-models", 3, 2);
    List<JsonNode> runs = trace.reportedRuns();
    assertThat(runs).hasSize(2);
    for (JsonNode run : runs) {
      trace.assertRun(run, "completed", false, false, 3, BATCHES_PER_EPOCH);
    }
    assertThat(trace.runSpans()).extracting(ExportedSpan::traceId).doesNotHaveDuplicates();
  }

  @Test
  void sameDiffFitIsOneRunWithAnEpochPerPassOfItsOwnLoop() throws Exception {
    ShapeTrace trace = run(Dl4jMlp.class, "samediff", 3, 1);
    JsonNode run = onlyRun(trace);
    assertThat(run.path("planned_epochs").asInt()).isEqualTo(3);
    // epochs seen through SameDiff's own HistoryListener; batches from its iteration count
    trace.assertRun(run, "completed", false, false, 3, BATCHES_PER_EPOCH);
  }

  @Test
  void configuredTargetsMeasureAHandWrittenLoop() throws Exception {
    // the sample's own user loop, described to the agent as if DL4J had no instrumentation
    ShapeTrace trace =
        run(
            Dl4jMlp.class,
            "user-loop",
            3,
            1,
            3,
            fork ->
                fork.agentArgs(
                    "instrumentation.dl4j-multilayer.enabled=false,"
                        + "targets=org.deeplearning4j.nn.multilayer.MultiLayerNetwork"
                        + "#fit(org.nd4j.linalg.dataset.api.iterator.DataSetIterator):epoch,"
                        + "targets.framework=my-loop"));
    JsonNode run = onlyRun(trace);
    assertThat(run.path("framework").asText()).isEqualTo("my-loop");
    // batches still come from the DL4J solver instrumentation, keyed by the same network
    trace.assertRun(run, "completed", true, false, 3, -1);
  }
}
