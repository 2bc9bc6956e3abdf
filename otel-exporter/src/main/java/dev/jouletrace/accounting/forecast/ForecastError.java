package dev.jouletrace.accounting.forecast;

/**
 * How far one forecast was from the run's actual totals: relative error (forecast − actual) /
 * actual per quantity, and whether the actual fell inside the interval.
 */
public final class ForecastError {
  private final int afterEpochs;
  private final double energyRelativeError;
  private final double co2RelativeError;
  private final double durationRelativeError;
  private final boolean energyWithinInterval;
  private final boolean co2WithinInterval;
  private final boolean durationWithinInterval;

  private ForecastError(Forecast forecast, EpochObservation actual) {
    this.afterEpochs = forecast.afterEpochs();
    this.energyRelativeError = relative(forecast.energyJoules().point(), actual.energyJoules());
    this.co2RelativeError = relative(forecast.co2Grams().point(), actual.co2Grams());
    this.durationRelativeError =
        relative(forecast.durationSeconds().point(), actual.durationSeconds());
    this.energyWithinInterval = forecast.energyJoules().contains(actual.energyJoules());
    this.co2WithinInterval = forecast.co2Grams().contains(actual.co2Grams());
    this.durationWithinInterval = forecast.durationSeconds().contains(actual.durationSeconds());
  }

  /** Compares a forecast with the totals of the finished run. */
  public static ForecastError of(Forecast forecast, EpochObservation actualTotals) {
    return new ForecastError(forecast, actualTotals);
  }

  /** NaN when the actual total is 0 (nothing to be relative to). */
  static double relative(double forecast, double actual) {
    return actual == 0 ? Double.NaN : (forecast - actual) / actual;
  }

  public int afterEpochs() {
    return afterEpochs;
  }

  public double energyRelativeError() {
    return energyRelativeError;
  }

  public double co2RelativeError() {
    return co2RelativeError;
  }

  public double durationRelativeError() {
    return durationRelativeError;
  }

  public boolean energyWithinInterval() {
    return energyWithinInterval;
  }

  public boolean co2WithinInterval() {
    return co2WithinInterval;
  }

  public boolean durationWithinInterval() {
    return durationWithinInterval;
  }
}
