package org.deeplearning4j.earlystopping.scorecalc;

import org.deeplearning4j.earlystopping.scorecalc.base.BaseIEvaluationScoreCalculator;
import org.deeplearning4j.nn.api.Model;

/** Test double with DL4J's name: held-out accuracy, maximised; scripted, one figure per call. */
public class ClassificationScoreCalculator extends BaseIEvaluationScoreCalculator<Model> {
  private final double[] scripted;
  private int calls;

  public ClassificationScoreCalculator(double... scripted) {
    this.scripted = scripted;
  }

  @Override
  protected double finalScore(Model network) {
    return scripted[calls++];
  }

  @Override
  public boolean minimizeScore() {
    return false;
  }
}
