package dev.jouletrace.accounting.efficiency;

/** The epoch early stopping would have kept, and by which measure. */
public final class BestEpoch {
  /** What "best" was judged by, in order of preference. */
  public enum Criterion {
    LOWEST_VALIDATION_LOSS,
    HIGHEST_VALIDATION_ACCURACY,
    LOWEST_TRAINING_LOSS
  }

  private final int epoch;
  private final int position;
  private final Criterion criterion;
  private final double value;

  BestEpoch(int epoch, int position, Criterion criterion, double value) {
    this.epoch = epoch;
    this.position = position;
    this.criterion = criterion;
    this.value = value;
  }

  /** The epoch's index as the framework reported it. */
  public int epoch() {
    return epoch;
  }

  /** Its position (0-based) in the list analysed. */
  public int position() {
    return position;
  }

  public Criterion criterion() {
    return criterion;
  }

  /** The loss or accuracy that made it best. */
  public double value() {
    return value;
  }
}
