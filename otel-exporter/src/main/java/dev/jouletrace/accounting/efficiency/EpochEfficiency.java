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

  EpochEfficiency(
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
   */
  static EpochEfficiency of(EpochMetrics previous, EpochMetrics current) {
    double joules = current.energyJoules();
    double kilojoules = joules / 1000.0;
    OptionalDouble perJoule = OptionalDouble.empty();
    OptionalDouble perSample = OptionalDouble.empty();
    if (current.samples().isPresent()) {
      long samples = current.samples().getAsLong();
      if (joules > 0) {
        perJoule = OptionalDouble.of(samples / joules);
      }
      if (samples > 0) {
        perSample = OptionalDouble.of(joules / samples);
      }
    }
    OptionalDouble lossGain = OptionalDouble.empty();
    OptionalDouble accuracyGain = OptionalDouble.empty();
    if (previous != null && kilojoules > 0) {
      if (previous.validationLoss().isPresent() && current.validationLoss().isPresent()) {
        lossGain =
            OptionalDouble.of(
                (previous.validationLoss().getAsDouble() - current.validationLoss().getAsDouble())
                    / kilojoules);
      } else if (previous.trainingLoss().isPresent() && current.trainingLoss().isPresent()) {
        lossGain =
            OptionalDouble.of(
                (previous.trainingLoss().getAsDouble() - current.trainingLoss().getAsDouble())
                    / kilojoules);
      }
      if (previous.validationAccuracy().isPresent() && current.validationAccuracy().isPresent()) {
        accuracyGain =
            OptionalDouble.of(
                (current.validationAccuracy().getAsDouble()
                        - previous.validationAccuracy().getAsDouble())
                    / kilojoules);
      }
    }
    return new EpochEfficiency(current.epoch(), perJoule, perSample, lossGain, accuracyGain);
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
