package dev.jouletrace.agent.internal.instrumentation.djl;

import dev.jouletrace.accounting.TrainingMetrics;
import dev.jouletrace.agent.internal.instrumentation.IntGetter;
import dev.jouletrace.agent.internal.instrumentation.NoArgCall;
import dev.jouletrace.agent.internal.lifecycle.ProgressReader;
import java.util.Locale;
import java.util.Map;

/**
 * DJL progress from {@code trainer.getTrainingResult().getEvaluations()}: {@code train_loss},
 * {@code validate_loss}, {@code train_<Evaluator>}, {@code validate_<Evaluator>}. Filled by DJL's
 * evaluator listener during onEpoch, so read after the dispatch returns. Batches are counted by the
 * agent, since DJL's own metrics are null unless the user set them ({@code docs/FRAMEWORKS.md
 * §14}).
 */
final class DjlProgress implements ProgressReader {
  private final NoArgCall trainingResult = new NoArgCall(DjlInstrumentation.TRAINING_RESULT);
  private final NoArgCall evaluations = new NoArgCall(DjlInstrumentation.EVALUATIONS);
  private final IntGetter batchSize = new IntGetter(DjlInstrumentation.BATCH_SIZE);

  @Override
  public long batchesSoFar(Object trainer) {
    return -1;
  }

  /** {@code Batch.getSize()}: the rows of the batch. */
  @Override
  public int batchSamples(Object trainer, Object batch) {
    return batchSize.on(batch);
  }

  @Override
  public TrainingMetrics metrics(Object trainer) {
    Object values = evaluations.on(trainingResult.on(trainer));
    if (!(values instanceof Map)) {
      return TrainingMetrics.NONE;
    }
    Map<?, ?> map = (Map<?, ?>) values;
    return TrainingMetrics.of(
        number(map.get("train_loss")),
        accuracy(map, "train_"),
        number(map.get("validate_loss")),
        accuracy(map, "validate_"));
  }

  private static double accuracy(Map<?, ?> map, String prefix) {
    for (Map.Entry<?, ?> e : map.entrySet()) {
      String key = String.valueOf(e.getKey()).toLowerCase(Locale.ROOT);
      if (key.startsWith(prefix) && key.endsWith("accuracy")) {
        return number(e.getValue());
      }
    }
    return Double.NaN;
  }

  private static double number(Object o) {
    return o instanceof Number ? ((Number) o).doubleValue() : Double.NaN;
  }
}
