package dev.jouletrace.accounting.forecast;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The forecasts made during a run, one per finished epoch, and at the end how wrong each was;
 * immutable: {@link #afterEpoch} returns a new history.
 */
public final class ForecastHistory {
  private final RunForecaster forecaster;
  private final int plannedEpochs;
  private final List<EpochObservation> epochs;
  private final List<Forecast> forecasts;

  private ForecastHistory(
      RunForecaster forecaster,
      int plannedEpochs,
      List<EpochObservation> epochs,
      List<Forecast> forecasts) {
    this.forecaster = forecaster;
    this.plannedEpochs = plannedEpochs;
    this.epochs = Collections.unmodifiableList(epochs);
    this.forecasts = Collections.unmodifiableList(forecasts);
  }

  /**
   * @param plannedEpochs the epochs the run is set up for; 0 or less when unknown
   */
  public static ForecastHistory start(RunForecaster forecaster, int plannedEpochs) {
    return new ForecastHistory(
        forecaster, plannedEpochs, Collections.emptyList(), Collections.emptyList());
  }

  /** Adds a finished epoch and, when one can be made, the forecast that follows from it. */
  public ForecastHistory afterEpoch(EpochObservation epoch) {
    List<EpochObservation> nextEpochs = new ArrayList<>(epochs);
    nextEpochs.add(epoch);
    List<Forecast> nextForecasts = new ArrayList<>(forecasts);
    forecaster.forecast(nextEpochs, plannedEpochs).ifPresent(nextForecasts::add);
    return new ForecastHistory(forecaster, plannedEpochs, nextEpochs, nextForecasts);
  }

  public List<EpochObservation> epochs() {
    return epochs;
  }

  public List<Forecast> forecasts() {
    return forecasts;
  }

  /** The most recent forecast, if any was made. */
  public Optional<Forecast> latest() {
    return forecasts.isEmpty()
        ? Optional.empty()
        : Optional.of(forecasts.get(forecasts.size() - 1));
  }

  /** Totals of the epochs seen so far. */
  public EpochObservation totals() {
    double joules = 0;
    double grams = 0;
    double seconds = 0;
    for (EpochObservation epoch : epochs) {
      joules += epoch.energyJoules();
      grams += epoch.co2Grams();
      seconds += epoch.durationSeconds();
    }
    return EpochObservation.of(joules, grams, seconds);
  }

  /**
   * Each forecast against the totals of every epoch seen; call when the run ends (an early stop
   * makes the forecasts wrong by design: they assumed the planned count).
   */
  public List<ForecastError> errors() {
    EpochObservation actual = totals();
    List<ForecastError> errors = new ArrayList<>();
    for (Forecast forecast : forecasts) {
      errors.add(ForecastError.of(forecast, actual));
    }
    return errors;
  }
}
