package org.deeplearning4j.earlystopping.trainer;

import java.util.LinkedHashMap;
import java.util.Map;
import org.deeplearning4j.earlystopping.EarlyStoppingConfiguration;
import org.deeplearning4j.earlystopping.EarlyStoppingResult;
import org.deeplearning4j.earlystopping.termination.EpochTerminationCondition;
import org.deeplearning4j.nn.api.Model;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * Test double with DL4J's names and loop shape: epoch trigger, the training minibatches through the
 * network, end trigger, then every {@code evaluateEveryNEpochs} epochs the score calculator's pass
 * over held-out data and the epoch conditions; {@code totalEpochs} counted as DL4J M2.1 counts it.
 */
public abstract class BaseEarlyStoppingTrainer<T extends Model> {
  protected T model;
  protected final EarlyStoppingConfiguration<T> esConfig;
  private final DataSetIterator train;

  protected BaseEarlyStoppingTrainer(
      EarlyStoppingConfiguration<T> esConfig, T model, DataSetIterator train) {
    this.esConfig = esConfig;
    this.model = model;
    this.train = train;
  }

  protected abstract void fit(DataSet ds);

  public EarlyStoppingResult<T> fit() {
    return fit(false);
  }

  protected EarlyStoppingResult<T> fit(boolean pretrain) {
    Map<Integer, Double> scoreVsEpoch = new LinkedHashMap<>();
    boolean minimize = esConfig.getScoreCalculator().minimizeScore();
    int best = -1;
    for (int epoch = 0; ; epoch++) {
      triggerEpochListeners(true, model, epoch);
      for (int i = 0; i < train.batches(); i++) {
        fit(new DataSet() {});
      }
      triggerEpochListeners(false, model, epoch);
      if (epoch % esConfig.getEvaluateEveryNEpochs() != 0) {
        continue;
      }
      double score = esConfig.getScoreCalculator().calculateScore(model);
      scoreVsEpoch.put(epoch, score);
      if (best < 0
          || (minimize ? score < scoreVsEpoch.get(best) : score > scoreVsEpoch.get(best))) {
        best = epoch;
      }
      for (EpochTerminationCondition c : esConfig.getEpochTerminationConditions()) {
        if (c.terminate(epoch, score, minimize)) {
          return new EarlyStoppingResult<>(
              EarlyStoppingResult.TerminationReason.EpochTerminationCondition,
              c.toString(),
              scoreVsEpoch,
              best,
              0.0, // DL4J M2.1 leaves the best model's score unset
              epoch + 1);
        }
      }
    }
  }

  protected void triggerEpochListeners(boolean epochStart, Model model, int epochNum) {}
}
