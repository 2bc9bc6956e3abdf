package dev.jouletrace.agent.internal.lifecycle;

import java.util.Map;

/**
 * What a framework says about how a run ended (DL4J {@code EarlyStoppingResult}): a status and,
 * when known, the best epoch and the validation scores.
 */
public final class RunOutcome {
  /** {@code completed}, {@code early_stopped}, {@code failed}; null to keep the call's status. */
  public final String status;

  /** Index of the best epoch (the framework's own count), or null. */
  public final Integer bestEpoch;

  /** Validation score of the best epoch, or null. */
  public final Double bestScore;

  /** The framework's own words on why training stopped, or null. */
  public final String reason;

  /** Validation score per epoch index (the framework's count), possibly empty. */
  public final Map<Integer, Double> validationScores;

  public RunOutcome(
      String status,
      Integer bestEpoch,
      Double bestScore,
      String reason,
      Map<Integer, Double> validationScores) {
    this.status = status;
    this.bestEpoch = bestEpoch;
    this.bestScore = bestScore;
    this.reason = reason;
    this.validationScores = Map.copyOf(validationScores);
  }
}
