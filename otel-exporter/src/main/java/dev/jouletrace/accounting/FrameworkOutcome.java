package dev.jouletrace.accounting;

import java.util.Map;

/**
 * How the framework itself says a run ended (DL4J {@code EarlyStoppingResult}): its best epoch, the
 * best validation score, why it stopped, and the validation score of each epoch.
 */
public final class FrameworkOutcome {
  private final Integer bestEpoch;
  private final Double bestScore;
  private final String reason;
  private final Map<Integer, Double> validationScores;

  public FrameworkOutcome(
      Integer bestEpoch, Double bestScore, String reason, Map<Integer, Double> validationScores) {
    this.bestEpoch = bestEpoch;
    this.bestScore = bestScore;
    this.reason = reason;
    this.validationScores = Map.copyOf(validationScores);
  }

  /** The framework's best epoch (its own count), or null. */
  public Integer bestEpoch() {
    return bestEpoch;
  }

  public Double bestScore() {
    return bestScore;
  }

  /** Why training stopped, in the framework's words; or null. */
  public String reason() {
    return reason;
  }

  public Map<Integer, Double> validationScores() {
    return validationScores;
  }
}
