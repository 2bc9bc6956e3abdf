package org.deeplearning4j.earlystopping.scorecalc.base;

import org.deeplearning4j.earlystopping.scorecalc.ScoreCalculator;
import org.deeplearning4j.nn.api.Model;

/**
 * Test double with DL4J's name and shape: {@code calculateScore} passes over held-out minibatches
 * (here: computes each one's score on the network) and returns the subclass's final figure.
 */
public abstract class BaseScoreCalculator<T extends Model> implements ScoreCalculator<T> {
  private final int minibatches;

  protected BaseScoreCalculator(int minibatches) {
    this.minibatches = minibatches;
  }

  @Override
  public double calculateScore(T network) {
    double sum = 0;
    for (int i = 0; i < minibatches; i++) {
      sum += network.score();
    }
    return finalScore(sum, minibatches);
  }

  protected abstract double finalScore(double scoreSum, int minibatchCount);
}
