package dev.jouletrace.agent.internal.instrumentation.dl4j;

import dev.jouletrace.accounting.FrameworkOutcome;
import dev.jouletrace.accounting.RunStatus;
import dev.jouletrace.accounting.TrainingMetrics;
import dev.jouletrace.agent.internal.instrumentation.DoubleGetter;
import dev.jouletrace.agent.internal.instrumentation.IntGetter;
import dev.jouletrace.agent.internal.instrumentation.NoArgCall;
import dev.jouletrace.agent.internal.lifecycle.ProgressReader;
import dev.jouletrace.agent.internal.lifecycle.RunOutcome;
import java.util.Map;
import java.util.TreeMap;

/**
 * DL4J progress: batches from the network's iteration count, loss from {@code score()} (the last
 * minibatch's loss including regularisation, which is what DL4J itself reports), and how an
 * early-stopping run ended from its {@code EarlyStoppingResult}.
 */
final class Dl4jProgress implements ProgressReader {
  /** DL4J's epoch condition for "ran the planned number of epochs": a normal end. */
  private static final String MAX_EPOCHS = "MaxEpochsTerminationCondition";

  private final NoArgCall iterationCount = new NoArgCall(Dl4jInstrumentation.MLN_ITERATIONS);
  private final NoArgCall score = new NoArgCall(Dl4jInstrumentation.SCORE);
  private final DoubleGetter batchScore = new DoubleGetter(Dl4jInstrumentation.SCORE);
  private final IntGetter batchSize = new IntGetter(Dl4jInstrumentation.BATCH_SIZE);
  private final IntGetter dataRows = new IntGetter(Dl4jInstrumentation.DATASET_ROWS);
  private final NoArgCall terminationReason = new NoArgCall(Dl4jInstrumentation.TERMINATION_REASON);
  private final NoArgCall terminationDetails =
      new NoArgCall(Dl4jInstrumentation.TERMINATION_DETAILS);
  private final NoArgCall bestModelEpoch = new NoArgCall(Dl4jInstrumentation.BEST_MODEL_EPOCH);
  private final NoArgCall bestModelScore = new NoArgCall(Dl4jInstrumentation.BEST_MODEL_SCORE);
  private final NoArgCall scoreVsEpoch = new NoArgCall(Dl4jInstrumentation.SCORE_VS_EPOCH);

  private final NoArgCall trainingConfig =
      new NoArgCall(Dl4jInstrumentation.SAME_DIFF_TRAINING_CONFIG);

  /** Networks count iterations themselves; SameDiff counts them in its training config. */
  @Override
  public long batchesSoFar(Object model) {
    Object n = iterationCount.on(model);
    if (n == null) {
      n = iterationCount.on(trainingConfig.on(model));
    }
    return n instanceof Number ? ((Number) n).longValue() : -1;
  }

  @Override
  public TrainingMetrics metrics(Object model) {
    Object s = score.on(model);
    double loss = s instanceof Number ? ((Number) s).doubleValue() : Double.NaN;
    // score() is the last minibatch's loss; the epoch's own batch scores replace it when seen
    return TrainingMetrics.of(loss, Double.NaN, Double.NaN, Double.NaN).withBatchLosses(loss, loss);
  }

  @Override
  public double batchLoss(Object model) {
    return batchScore.on(model);
  }

  /** {@code DataSet.numExamples()}: the rows of a worker's minibatch. */
  @Override
  public int dataRows(Object data) {
    return dataRows.on(data);
  }

  /** {@code Model.batchSize()}: the rows of the minibatch just fitted. */
  @Override
  public int batchSamples(Object model, Object batch) {
    return batchSize.on(model);
  }

  /**
   * {@code Error} is a failure; an epoch condition other than the maximum number of epochs, or any
   * iteration condition (time, score), is an early stop; the maximum number of epochs completes.
   */
  @Override
  public RunOutcome outcome(Object result) {
    Object reason = terminationReason.on(result);
    if (reason == null) {
      return null;
    }
    String details = String.valueOf(terminationDetails.on(result));
    RunStatus status;
    switch (String.valueOf(reason)) {
      case "Error":
        status = RunStatus.FAILED;
        break;
      case "EpochTerminationCondition":
        status = details.startsWith(MAX_EPOCHS) ? RunStatus.COMPLETED : RunStatus.EARLY_STOPPED;
        break;
      case "IterationTerminationCondition":
        status = RunStatus.EARLY_STOPPED;
        break;
      default:
        status = null;
    }
    Object epoch = bestModelEpoch.on(result);
    Integer bestEpoch =
        epoch instanceof Number && ((Number) epoch).intValue() >= 0
            ? ((Number) epoch).intValue()
            : null;
    Map<Integer, Double> scores = validationScores(scoreVsEpoch.on(result));
    Double bestScore = bestEpoch == null ? null : scores.get(bestEpoch);
    if (bestScore == null) {
      Object best = bestModelScore.on(result);
      bestScore = best instanceof Number ? ((Number) best).doubleValue() : null;
    }
    return new RunOutcome(
        status, new FrameworkOutcome(bestEpoch, bestScore, reason + ": " + details, scores));
  }

  /** DL4J's epoch index to the score calculator's value (validation loss, usually). */
  private static Map<Integer, Double> validationScores(Object map) {
    Map<Integer, Double> scores = new TreeMap<>();
    if (map instanceof Map) {
      for (Map.Entry<?, ?> e : ((Map<?, ?>) map).entrySet()) {
        if (e.getKey() instanceof Number && e.getValue() instanceof Number) {
          scores.put(((Number) e.getKey()).intValue(), ((Number) e.getValue()).doubleValue());
        }
      }
    }
    return scores;
  }
}
