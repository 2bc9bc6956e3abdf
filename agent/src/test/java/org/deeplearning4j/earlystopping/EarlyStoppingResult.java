package org.deeplearning4j.earlystopping;

import java.util.Map;

/** Test double with DL4J's name and getters. */
public class EarlyStoppingResult<T> {
  public enum TerminationReason {
    Error,
    IterationTerminationCondition,
    EpochTerminationCondition
  }

  private final TerminationReason terminationReason;
  private final String terminationDetails;
  private final Map<Integer, Double> scoreVsEpoch;
  private final int bestModelEpoch;
  private final double bestModelScore;
  private final int totalEpochs;

  public EarlyStoppingResult(
      TerminationReason terminationReason,
      String terminationDetails,
      Map<Integer, Double> scoreVsEpoch,
      int bestModelEpoch,
      double bestModelScore,
      int totalEpochs) {
    this.terminationReason = terminationReason;
    this.terminationDetails = terminationDetails;
    this.scoreVsEpoch = scoreVsEpoch;
    this.bestModelEpoch = bestModelEpoch;
    this.bestModelScore = bestModelScore;
    this.totalEpochs = totalEpochs;
  }

  public TerminationReason getTerminationReason() {
    return terminationReason;
  }

  public String getTerminationDetails() {
    return terminationDetails;
  }

  public Map<Integer, Double> getScoreVsEpoch() {
    return scoreVsEpoch;
  }

  public int getBestModelEpoch() {
    return bestModelEpoch;
  }

  public double getBestModelScore() {
    return bestModelScore;
  }

  public int getTotalEpochs() {
    return totalEpochs;
  }
}
