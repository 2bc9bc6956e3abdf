package org.deeplearning4j.earlystopping.scorecalc;

import org.deeplearning4j.earlystopping.scorecalc.base.BaseScoreCalculator;
import org.deeplearning4j.nn.api.Model;

/**
 * Test double with DL4J's name: the held-out loss, minimised. Its figures are scripted, one per
 * call, so tests know each epoch's score.
 */
public class DataSetLossCalculator extends BaseScoreCalculator<Model> {
  private final double[] scripted;
  private int calls;

  public DataSetLossCalculator(double... scripted) {
    super(2);
    this.scripted = scripted;
  }

  @Override
  protected double finalScore(double scoreSum, int minibatchCount) {
    return scripted[calls++];
  }

  @Override
  public boolean minimizeScore() {
    return true;
  }
}
