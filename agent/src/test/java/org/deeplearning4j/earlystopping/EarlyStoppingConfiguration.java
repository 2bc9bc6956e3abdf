package org.deeplearning4j.earlystopping;

import java.util.List;
import org.deeplearning4j.earlystopping.scorecalc.ScoreCalculator;
import org.deeplearning4j.earlystopping.termination.EpochTerminationCondition;
import org.deeplearning4j.nn.api.Model;

/** Test double with DL4J's name and the getters its Lombok annotations generate. */
public class EarlyStoppingConfiguration<T extends Model> {
  private final List<EpochTerminationCondition> epochTerminationConditions;
  private final int evaluateEveryNEpochs;
  private final ScoreCalculator<T> scoreCalculator;

  /** Raw calculator, as DL4J's builder takes it: its calculators are typed on {@code Model}. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public EarlyStoppingConfiguration(
      ScoreCalculator scoreCalculator,
      int evaluateEveryNEpochs,
      EpochTerminationCondition... epochTerminationConditions) {
    this.scoreCalculator = scoreCalculator;
    this.evaluateEveryNEpochs = evaluateEveryNEpochs;
    this.epochTerminationConditions = List.of(epochTerminationConditions);
  }

  public List<EpochTerminationCondition> getEpochTerminationConditions() {
    return epochTerminationConditions;
  }

  public int getEvaluateEveryNEpochs() {
    return evaluateEveryNEpochs;
  }

  public ScoreCalculator<T> getScoreCalculator() {
    return scoreCalculator;
  }
}
