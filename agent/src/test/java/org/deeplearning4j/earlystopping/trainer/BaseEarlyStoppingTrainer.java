package org.deeplearning4j.earlystopping.trainer;

import java.util.LinkedHashMap;
import java.util.Map;
import org.deeplearning4j.earlystopping.EarlyStoppingResult;
import org.deeplearning4j.nn.api.Model;
import org.nd4j.linalg.dataset.api.DataSet;

/**
 * Test double with DL4J's name and loop shape: epoch trigger, minibatches through the network, end
 * trigger, then scoring; stops after {@code maxEpochs} or, when the scripted validation score gets
 * worse, early.
 */
public abstract class BaseEarlyStoppingTrainer<T extends Model> {
  protected T model;
  private final int batches;
  private final int maxEpochs;
  private final double[] validationScores;

  protected BaseEarlyStoppingTrainer(T model, int batches, int maxEpochs, double... scores) {
    this.model = model;
    this.batches = batches;
    this.maxEpochs = maxEpochs;
    this.validationScores = scores;
  }

  protected abstract void fit(DataSet ds);

  public EarlyStoppingResult<T> fit() {
    return fit(false);
  }

  protected EarlyStoppingResult<T> fit(boolean pretrain) {
    Map<Integer, Double> scoreVsEpoch = new LinkedHashMap<>();
    int best = 0;
    for (int epoch = 0; ; epoch++) {
      triggerEpochListeners(true, model, epoch);
      for (int i = 0; i < batches; i++) {
        fit(new DataSet() {});
      }
      triggerEpochListeners(false, model, epoch);
      double score = validationScores[epoch];
      scoreVsEpoch.put(epoch, score);
      if (score < validationScores[best]) {
        best = epoch;
      }
      if (epoch + 1 >= maxEpochs) {
        return new EarlyStoppingResult<>(
            EarlyStoppingResult.TerminationReason.EpochTerminationCondition,
            "MaxEpochsTerminationCondition(" + maxEpochs + ")",
            scoreVsEpoch,
            best,
            validationScores[best]);
      }
      if (epoch > 0 && score > validationScores[epoch - 1]) {
        return new EarlyStoppingResult<>(
            EarlyStoppingResult.TerminationReason.EpochTerminationCondition,
            "ScoreImprovementEpochTerminationCondition(maxEpochsWithNoImprovement=0)",
            scoreVsEpoch,
            best,
            validationScores[best]);
      }
    }
  }

  protected void triggerEpochListeners(boolean epochStart, Model model, int epochNum) {}
}
