package dev.jouletrace.accounting.forecast;

/** What one finished epoch cost: energy, CO2e and wall-clock duration. */
public final class EpochObservation {
  private final double energyJoules;
  private final double co2Grams;
  private final double durationSeconds;

  private EpochObservation(double energyJoules, double co2Grams, double durationSeconds) {
    check(energyJoules, "energy");
    check(co2Grams, "CO2");
    check(durationSeconds, "duration");
    this.energyJoules = energyJoules;
    this.co2Grams = co2Grams;
    this.durationSeconds = durationSeconds;
  }

  private static void check(double value, String what) {
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(what + " must be a finite number >= 0: " + value);
    }
  }

  public static EpochObservation of(double energyJoules, double co2Grams, double durationSeconds) {
    return new EpochObservation(energyJoules, co2Grams, durationSeconds);
  }

  public double energyJoules() {
    return energyJoules;
  }

  public double co2Grams() {
    return co2Grams;
  }

  public double durationSeconds() {
    return durationSeconds;
  }

  double get(Quantity quantity) {
    switch (quantity) {
      case ENERGY:
        return energyJoules;
      case CO2:
        return co2Grams;
      case DURATION:
        return durationSeconds;
      default:
        throw new AssertionError(quantity);
    }
  }

  /** The three quantities a forecast covers. */
  enum Quantity {
    ENERGY,
    CO2,
    DURATION
  }
}
