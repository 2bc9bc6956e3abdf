package org.deeplearning4j.earlystopping.scorecalc;

import org.deeplearning4j.nn.graph.ComputationGraph;

/** Test double with DL4J's name: the held-out loss of a graph, scripted one figure per call. */
public class DataSetLossCalculatorCG implements ScoreCalculator<ComputationGraph> {
  private final double[] scripted;
  private int calls;

  public DataSetLossCalculatorCG(double... scripted) {
    this.scripted = scripted;
  }

  @Override
  public double calculateScore(ComputationGraph network) {
    return scripted[calls++];
  }

  @Override
  public boolean minimizeScore() {
    return true;
  }
}
