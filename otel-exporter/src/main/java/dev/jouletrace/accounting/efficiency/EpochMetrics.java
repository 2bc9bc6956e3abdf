package dev.jouletrace.accounting.efficiency;

import java.util.OptionalDouble;
import java.util.OptionalLong;

/** What one epoch cost and achieved: energy, samples seen, and whichever losses/accuracy exist. */
public final class EpochMetrics {
  private final int epoch;
  private final double energyJoules;
  private final Long samples;
  private final Double trainingLoss;
  private final Double validationLoss;
  private final Double validationAccuracy;

  private EpochMetrics(
      int epoch,
      double energyJoules,
      Long samples,
      Double trainingLoss,
      Double validationLoss,
      Double validationAccuracy) {
    if (!(energyJoules >= 0) || Double.isInfinite(energyJoules)) {
      throw new IllegalArgumentException("energy must be a finite number >= 0: " + energyJoules);
    }
    if (samples != null && samples < 0) {
      throw new IllegalArgumentException("samples must be >= 0: " + samples);
    }
    this.epoch = epoch;
    this.energyJoules = energyJoules;
    this.samples = samples;
    this.trainingLoss = finiteOrNull(trainingLoss);
    this.validationLoss = finiteOrNull(validationLoss);
    this.validationAccuracy = finiteOrNull(validationAccuracy);
  }

  // A NaN loss (diverged training) is no basis for "best": treat it as not reported.
  private static Double finiteOrNull(Double value) {
    return value == null || value.isNaN() || value.isInfinite() ? null : value;
  }

  /**
   * @param epoch the epoch's index as the framework counts it
   */
  public static EpochMetrics of(int epoch, double energyJoules) {
    return new EpochMetrics(epoch, energyJoules, null, null, null, null);
  }

  public EpochMetrics withSamples(long samples) {
    return new EpochMetrics(
        epoch, energyJoules, samples, trainingLoss, validationLoss, validationAccuracy);
  }

  public EpochMetrics withTrainingLoss(double loss) {
    return new EpochMetrics(epoch, energyJoules, samples, loss, validationLoss, validationAccuracy);
  }

  public EpochMetrics withValidationLoss(double loss) {
    return new EpochMetrics(epoch, energyJoules, samples, trainingLoss, loss, validationAccuracy);
  }

  /** Accuracy as a fraction or a percentage; gains are reported in the same unit. */
  public EpochMetrics withValidationAccuracy(double accuracy) {
    return new EpochMetrics(epoch, energyJoules, samples, trainingLoss, validationLoss, accuracy);
  }

  public int epoch() {
    return epoch;
  }

  public double energyJoules() {
    return energyJoules;
  }

  public OptionalLong samples() {
    return samples == null ? OptionalLong.empty() : OptionalLong.of(samples);
  }

  public OptionalDouble trainingLoss() {
    return optional(trainingLoss);
  }

  public OptionalDouble validationLoss() {
    return optional(validationLoss);
  }

  public OptionalDouble validationAccuracy() {
    return optional(validationAccuracy);
  }

  private static OptionalDouble optional(Double value) {
    return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
  }
}
