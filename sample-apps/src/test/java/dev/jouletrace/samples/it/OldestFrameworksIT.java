package dev.jouletrace.samples.it;

import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The version matrix: every training shape of the forked shape ITs again, with the same assertions,
 * the forks on the oldest DJL and DL4J the README claims instead of the newest the build compiles
 * against. The sample classes are the same compiled ones; the class path is what {@code
 * sample-apps/oldest-frameworks} resolves at build time: DJL 0.20.0 (api and pytorch-engine 0.20.0,
 * pytorch-jni 1.13.0-0.20.0, pytorch-native-cpu 1.13.0 linux-x86_64, natives from the jar, offline)
 * and DL4J 1.0.0-beta4 (deeplearning4j-nn, nd4j-native with its linux-x86_64 natives,
 * deeplearning4j-parallel-wrapper), on the JDK running the tests.
 *
 * <p>Three shapes do not exist on these versions, so their tests are disabled here with the reason:
 * the two DJL shapes stopped by {@code EarlyStoppingListener} (DJL 0.25.0 added it), and SameDiff
 * training on DL4J 1.0.0-beta4 (no {@code fit} with listeners, which the agent's dl4j-samediff unit
 * needs, so the agent skips that unit with one warning; and beta4's {@code SameDiff} class fails to
 * initialise on JDK 17, its cloner reflecting into {@code java.util}). SameDiff's own shapes
 * ({@code SameDiffShapesIT}) run instead on the oldest ND4J whose SameDiff training the README
 * claims, 1.0.0-beta7 with DL4J 1.0.0-beta7's iterators ({@code sample-apps/oldest-samediff}).
 * Every other agent warning still fails a shape, as on the newest versions.
 */
class OldestFrameworksIT {

  /** Marks the shape ITs whose forks run on the oldest frameworks ({@link ShapeForks}). */
  interface OnOldestFrameworks {}

  /**
   * Marks the shape ITs whose forks run on the oldest ND4J whose SameDiff training the README
   * claims, 1.0.0-beta7 ({@code sample-apps/oldest-samediff}; beta4 has none).
   */
  interface OnOldestSameDiff {}

  private static final String DJL_NO_EARLY_STOPPING =
      "DJL 0.20.0 has no EarlyStoppingListener (DJL 0.25.0 added it)";

  @Nested
  class TrainingShapes extends TrainingShapesIT implements OnOldestFrameworks {
    @Override
    @Test
    @Disabled(DJL_NO_EARLY_STOPPING)
    void djlHandWrittenLoopStoppedEarlyIsEarlyStoppedWithItsTwoEpochs() {}

    @Override
    @Test
    @Disabled(DJL_NO_EARLY_STOPPING)
    void djlEasyTrainStoppedEarlyIsEarlyStoppedWithItsTwoEpochs() {}

    @Override
    @Test
    @Disabled(
        "DL4J 1.0.0-beta4 has no SameDiff fit with listeners (the agent skips dl4j-samediff), and"
            + " its SameDiff class does not initialise on JDK 17")
    void sameDiffFitIsOneRunWithAnEpochPerPassOfItsOwnLoop() {}
  }

  @Nested
  class DjlStepLoopShapes extends DjlStepLoopShapesIT implements OnOldestFrameworks {}

  @Nested
  class EarlyStoppingShapes extends EarlyStoppingShapesIT implements OnOldestFrameworks {}

  @Nested
  class MinibatchFitShapes extends MinibatchFitShapesIT implements OnOldestFrameworks {}

  @Nested
  class ParallelWrapperRows extends ParallelWrapperRowsIT implements OnOldestFrameworks {}

  @Nested
  class SameDiffShapes extends SameDiffShapesIT implements OnOldestSameDiff {}
}
