package org.deeplearning4j.earlystopping.termination;

/** Test double with DL4J's name: stop at the first scored epoch that is not better. */
public class ScoreImprovementEpochTerminationCondition implements EpochTerminationCondition {
  private double best = Double.NaN;

  @Override
  public boolean terminate(int epochNum, double score, boolean minimize) {
    boolean better = Double.isNaN(best) || (minimize ? score < best : score > best);
    if (better) {
      best = score;
    }
    return !better;
  }

  @Override
  public String toString() {
    return "ScoreImprovementEpochTerminationCondition(maxEpochsWithNoImprovement=0)";
  }
}
