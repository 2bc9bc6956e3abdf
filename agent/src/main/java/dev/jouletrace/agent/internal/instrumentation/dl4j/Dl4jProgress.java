package dev.jouletrace.agent.internal.instrumentation.dl4j;

import dev.jouletrace.accounting.FrameworkOutcome;
import dev.jouletrace.accounting.RunStatus;
import dev.jouletrace.accounting.TrainingMetrics;
import dev.jouletrace.agent.internal.instrumentation.DoubleGetter;
import dev.jouletrace.agent.internal.instrumentation.FieldRead;
import dev.jouletrace.agent.internal.instrumentation.IntArgCall;
import dev.jouletrace.agent.internal.instrumentation.IntGetter;
import dev.jouletrace.agent.internal.instrumentation.NoArgCall;
import dev.jouletrace.agent.internal.lifecycle.ProgressReader;
import dev.jouletrace.agent.internal.lifecycle.RunOutcome;
import java.util.Map;
import java.util.TreeMap;

/**
 * DL4J progress: batches from the network's iteration count, loss from {@code score()} (the last
 * minibatch's loss including regularisation, which is what DL4J itself reports), and how an
 * early-stopping run ended from its {@code EarlyStoppingResult}. Facts: {@code score()} and the
 * iteration count {@code docs/FRAMEWORKS.md §4}; the result {@code §6}, {@code §9}; SameDiff {@code
 * §11}.
 */
final class Dl4jProgress implements ProgressReader {
  /** DL4J's epoch condition for "ran the planned number of epochs": a normal end. */
  private static final String MAX_EPOCHS = "MaxEpochsTerminationCondition";

  /** The listener SameDiff's fitHelper always puts first: one iteration, one call to it. */
  private static final String HISTORY_LISTENER = "org.nd4j.autodiff.listeners.impl.HistoryListener";

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
  private final NoArgCall totalEpochs = new NoArgCall(Dl4jInstrumentation.TOTAL_EPOCHS);
  private final FieldRead esConfig = new FieldRead(Dl4jInstrumentation.EARLY_STOPPING_CONFIG);
  private final NoArgCall epochConditions = new NoArgCall(Dl4jInstrumentation.EPOCH_CONDITIONS);
  private final NoArgCall evaluateEvery = new NoArgCall(Dl4jInstrumentation.EVALUATE_EVERY);
  private final NoArgCall maxEpochs = new NoArgCall(Dl4jInstrumentation.MAX_EPOCHS);
  private final NoArgCall minimizeScore = new NoArgCall(Dl4jInstrumentation.MINIMIZE_SCORE);
  private final NoArgCall lastMeanLoss = new NoArgCall(Dl4jInstrumentation.LAST_MEAN_LOSS);
  private final NoArgCall totalLoss = new NoArgCall(Dl4jInstrumentation.TOTAL_LOSS);
  private final IntArgCall features = new IntArgCall(Dl4jInstrumentation.FEATURES);
  private final IntArgCall size = new IntArgCall(Dl4jInstrumentation.SIZE);
  private final ClassValue<Boolean> historyListeners =
      new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
          return type.getName().equals(HISTORY_LISTENER);
        }
      };

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

  /**
   * {@code DataSet.numExamples()}: the rows of a worker's minibatch; for a {@code MultiDataSet}
   * (SameDiff), the rows of its first features array.
   */
  @Override
  public int dataRows(Object data) {
    int rows = dataRows.on(data);
    if (rows >= 0) {
      return rows;
    }
    long first = size.number(features.object(data, 0), 0);
    return first > 0 && first <= Integer.MAX_VALUE ? (int) first : -1;
  }

  /**
   * SameDiff tells each iteration to every listener: it is counted through its own one ({@code
   * docs/FRAMEWORKS.md §11}).
   */
  @Override
  public boolean countsIterations(Object listener) {
    return listener != null && historyListeners.get(listener.getClass());
  }

  /**
   * SameDiff's loss curve at an epoch's end: the epoch's mean training loss ({@code
   * lastMeanLoss()}, summed over the graph's losses as SameDiff's own {@code totalLoss()} does;
   * {@code docs/FRAMEWORKS.md §11}, which also notes the all-zero curve seen with M2.1).
   */
  @Override
  public TrainingMetrics summaryMetrics(Object summary) {
    Object loss = totalLoss.on(lastMeanLoss.on(summary));
    return loss instanceof Number
        ? TrainingMetrics.of(((Number) loss).doubleValue(), Double.NaN, Double.NaN, Double.NaN)
        : TrainingMetrics.NONE;
  }

  /**
   * The epochs an early-stopping trainer will train: its {@code MaxEpochsTerminationCondition}'s
   * maximum, taken to the next epoch that is scored (epoch conditions are checked only then: with
   * {@code evaluateEveryNEpochs} N it is the first epoch e ≥ maximum − 1 with e % N = 0; {@code
   * docs/FRAMEWORKS.md §7}).
   */
  @Override
  public int plannedEpochs(Object trainer) {
    Object config = esConfig.on(trainer);
    Object conditions = epochConditions.on(config);
    if (!(conditions instanceof Iterable)) {
      return -1;
    }
    int max = Integer.MAX_VALUE;
    for (Object c : (Iterable<?>) conditions) {
      Object n = maxEpochs.on(c);
      if (n instanceof Number && ((Number) n).intValue() > 0) {
        max = Math.min(max, ((Number) n).intValue());
      }
    }
    if (max == Integer.MAX_VALUE) {
      return -1;
    }
    Object every = evaluateEvery.on(config);
    int n =
        every instanceof Number && ((Number) every).intValue() > 0
            ? ((Number) every).intValue()
            : 1;
    int last = max - 1;
    while (last % n != 0) {
      last++;
    }
    return last + 1;
  }

  /** {@code ScoreCalculator.minimizeScore()}: whether the score is a loss ({@code §8}). */
  @Override
  public boolean minimizes(Object calculator) {
    return !Boolean.FALSE.equals(minimizeScore.on(calculator));
  }

  /**
   * {@code Model.batchSize()}: the rows of the minibatch just fitted ({@code docs/FRAMEWORKS.md
   * §4}).
   */
  @Override
  public int batchSamples(Object model, Object batch) {
    return batchSize.on(model);
  }

  /**
   * {@code Error} is a failure; an epoch condition other than the maximum number of epochs, or any
   * iteration condition (time, score), is an early stop; the maximum number of epochs completes.
   * The best score is read from {@code getScoreVsEpoch()} first because {@code getBestModelScore()}
   * is not the calculator's score in M2.1 ({@code docs/FRAMEWORKS.md §6}).
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
    Object total = totalEpochs.on(result);
    return new RunOutcome(
        status,
        new FrameworkOutcome(bestEpoch, bestScore, reason + ": " + details, scores),
        total instanceof Number ? ((Number) total).intValue() : -1);
  }

  /**
   * DL4J's epoch index to the score calculator's value (validation loss, usually). {@code
   * EarlyStoppingParallelTrainer} files each score under the epoch before the one it scores, so its
   * map starts at −1 (docs/FRAMEWORKS.md §9): such a map is put back on the epochs scored.
   */
  private static Map<Integer, Double> validationScores(Object map) {
    Map<Integer, Double> scores = new TreeMap<>();
    if (map instanceof Map) {
      int shift = ((Map<?, ?>) map).containsKey(-1) ? 1 : 0;
      for (Map.Entry<?, ?> e : ((Map<?, ?>) map).entrySet()) {
        if (e.getKey() instanceof Number && e.getValue() instanceof Number) {
          scores.put(
              ((Number) e.getKey()).intValue() + shift, ((Number) e.getValue()).doubleValue());
        }
      }
    }
    return scores;
  }
}
