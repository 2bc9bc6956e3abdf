package org.deeplearning4j.earlystopping.scorecalc.base;

import org.deeplearning4j.earlystopping.scorecalc.ScoreCalculator;
import org.deeplearning4j.nn.api.Model;

/** Test double with DL4J's name: scores from an evaluation of the network on held-out data. */
public abstract class BaseIEvaluationScoreCalculator<T extends Model>
    implements ScoreCalculator<T> {
  @Override
  public double calculateScore(T network) {
    return finalScore(network);
  }

  protected abstract double finalScore(T network);
}
