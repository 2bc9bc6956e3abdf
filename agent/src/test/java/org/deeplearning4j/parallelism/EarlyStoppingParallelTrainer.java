package org.deeplearning4j.parallelism;

import java.util.LinkedHashMap;
import java.util.Map;
import org.deeplearning4j.earlystopping.EarlyStoppingConfiguration;
import org.deeplearning4j.earlystopping.EarlyStoppingResult;
import org.deeplearning4j.earlystopping.termination.EpochTerminationCondition;
import org.deeplearning4j.nn.api.Model;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * Test double with DL4J's name, fields and loop: one {@code ParallelWrapper.fit} per epoch, then
 * the score calculator and the epoch conditions after every epoch.
 */
public class EarlyStoppingParallelTrainer<T extends Model> {
  protected T model;
  protected final EarlyStoppingConfiguration<T> esConfig;
  private final DataSetIterator train;
  private final ParallelWrapper wrapper;

  public EarlyStoppingParallelTrainer(
      EarlyStoppingConfiguration<T> esConfig, T model, DataSetIterator train, int workers) {
    this.esConfig = esConfig;
    this.model = model;
    this.train = train;
    this.wrapper = new ParallelWrapper(model, workers);
  }

  public EarlyStoppingResult<T> fit() {
    Map<Integer, Double> scoreVsEpoch = new LinkedHashMap<>();
    boolean minimize = esConfig.getScoreCalculator().minimizeScore();
    double bestScore = Double.MAX_VALUE;
    int best = 0;
    for (int epoch = 0; ; epoch++) {
      wrapper.fit(train);
      double score = esConfig.getScoreCalculator().calculateScore(model);
      // as DL4J M2.1 does: filed under the epoch before (docs/FRAMEWORKS.md §9)
      scoreVsEpoch.put(epoch - 1, score);
      if (score < bestScore) {
        bestScore = score;
        best = epoch;
      }
      for (EpochTerminationCondition c : esConfig.getEpochTerminationConditions()) {
        if (c.terminate(epoch, score, minimize)) {
          return new EarlyStoppingResult<>(
              EarlyStoppingResult.TerminationReason.EpochTerminationCondition,
              c.toString(),
              scoreVsEpoch,
              best,
              bestScore,
              epoch + 1);
        }
      }
    }
  }
}
