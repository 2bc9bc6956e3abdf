package dev.jouletrace.accounting.forecast;

import java.util.Objects;

/** The run totals forecast after some epochs: energy, CO2e and duration, each with an interval. */
public final class Forecast {
  private final int afterEpochs;
  private final int plannedEpochs;
  private final ForecastInterval energyJoules;
  private final ForecastInterval co2Grams;
  private final ForecastInterval durationSeconds;
  private final String method;

  Forecast(
      int afterEpochs,
      int plannedEpochs,
      ForecastInterval energyJoules,
      ForecastInterval co2Grams,
      ForecastInterval durationSeconds,
      String method) {
    this.afterEpochs = afterEpochs;
    this.plannedEpochs = plannedEpochs;
    this.energyJoules = Objects.requireNonNull(energyJoules);
    this.co2Grams = Objects.requireNonNull(co2Grams);
    this.durationSeconds = Objects.requireNonNull(durationSeconds);
    this.method = Objects.requireNonNull(method);
  }

  /** How many epochs had finished when the forecast was made. */
  public int afterEpochs() {
    return afterEpochs;
  }

  public int plannedEpochs() {
    return plannedEpochs;
  }

  public ForecastInterval energyJoules() {
    return energyJoules;
  }

  public ForecastInterval co2Grams() {
    return co2Grams;
  }

  public ForecastInterval durationSeconds() {
    return durationSeconds;
  }

  /** How the interval was built, e.g. "student-t 95% prediction interval". */
  public String method() {
    return method;
  }
}
