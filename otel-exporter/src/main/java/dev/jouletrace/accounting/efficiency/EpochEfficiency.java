package dev.jouletrace.accounting.efficiency;

import java.util.OptionalDouble;

/**
 * How much one epoch achieved per unit of energy; a figure is empty when its inputs were not
 * reported (no sample count, no previous epoch, zero energy).
 */
public final class EpochEfficiency {
  private final int epoch;
  private final OptionalDouble samplesPerJoule;
  private final OptionalDouble joulesPerSample;
  private final OptionalDouble lossImprovementPerKilojoule;
  private final OptionalDouble accuracyGainPerKilojoule;

  private EpochEfficiency(
      int epoch,
      OptionalDouble samplesPerJoule,
      OptionalDouble joulesPerSample,
      OptionalDouble lossImprovementPerKilojoule,
      OptionalDouble accuracyGainPerKilojoule) {
    this.epoch = epoch;
    this.samplesPerJoule = samplesPerJoule;
    this.joulesPerSample = joulesPerSample;
    this.lossImprovementPerKilojoule = lossImprovementPerKilojoule;
    this.accuracyGainPerKilojoule = accuracyGainPerKilojoule;
  }

  /**
   * {@code samples / joules}, {@code joules / samples}, {@code (previous loss − loss) / kJ}
   * (validation loss when both epochs report it, else training loss) and {@code (accuracy −
   * previous accuracy) / kJ}.
   *
   * @param previous the epoch before in the same run, or null for the first
   */
  static EpochEfficiency of(EpochFigures previous, EpochFigures current) {
    double joules = current.energyJoules;
    double kilojoules = joules / 1000.0;
    OptionalDouble perJoule = OptionalDouble.empty();
    OptionalDouble perSample = OptionalDouble.empty();
    if (current.samples >= 0) {
      if (joules > 0) {
        perJoule = OptionalDouble.of(current.samples / joules);
      }
      if (current.samples > 0) {
        perSample = OptionalDouble.of(joules / current.samples);
      }
    }
    OptionalDouble lossGain = OptionalDouble.empty();
    OptionalDouble accuracyGain = OptionalDouble.empty();
    if (previous != null && kilojoules > 0) {
      if (reported(previous.validationLoss) && reported(current.validationLoss)) {
        lossGain =
            OptionalDouble.of((previous.validationLoss - current.validationLoss) / kilojoules);
      } else if (reported(previous.trainLoss) && reported(current.trainLoss)) {
        lossGain = OptionalDouble.of((previous.trainLoss - current.trainLoss) / kilojoules);
      }
      if (reported(previous.validationAccuracy) && reported(current.validationAccuracy)) {
        accuracyGain =
            OptionalDouble.of(
                (current.validationAccuracy - previous.validationAccuracy) / kilojoules);
      }
    }
    return new EpochEfficiency(current.epoch, perJoule, perSample, lossGain, accuracyGain);
  }

  static boolean reported(double value) {
    return !Double.isNaN(value);
  }

  public int epoch() {
    return epoch;
  }

  public OptionalDouble samplesPerJoule() {
    return samplesPerJoule;
  }

  public OptionalDouble joulesPerSample() {
    return joulesPerSample;
  }

  /** Positive when the loss went down. */
  public OptionalDouble lossImprovementPerKilojoule() {
    return lossImprovementPerKilojoule;
  }

  public OptionalDouble accuracyGainPerKilojoule() {
    return accuracyGainPerKilojoule;
  }
}
