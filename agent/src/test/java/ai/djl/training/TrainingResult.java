package ai.djl.training;

import java.util.Map;

/** Test double with DJL's name: the evaluations a trainer reports after an epoch. */
public class TrainingResult {
  public Map<String, Float> getEvaluations() {
    return Map.of();
  }
}
