package dev.jouletrace.accounting.forecast;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The forecasts made during a run and, at the end, how wrong they were. A forecast follows every
 * finished epoch; the history keeps those made after 1 to {@value #KEPT_EARLY} epochs, after every
 * power of two epochs, and the latest, so its size stays small however long the run.
 */
public final class ForecastHistory {
  /** Every forecast up to this many epochs is kept; later ones only at powers of two. */
  static final int KEPT_EARLY = 16;

  private final RunForecaster forecaster;
  private final int plannedEpochs;
  private final ObservedEpochs observed = new ObservedEpochs();
  private final List<Forecast> kept = new ArrayList<>();
  private Forecast latest;

  private ForecastHistory(RunForecaster forecaster, int plannedEpochs) {
    this.forecaster = forecaster;
    this.plannedEpochs = plannedEpochs;
  }

  /**
   * @param plannedEpochs the epochs the run is set up for; 0 or less when unknown
   */
  public static ForecastHistory start(RunForecaster forecaster, int plannedEpochs) {
    return new ForecastHistory(forecaster, plannedEpochs);
  }

  /**
   * Adds a finished epoch and, when one can be made, the forecast that follows from it.
   *
   * @return the forecast made after this epoch, if any
   */
  public Optional<Forecast> record(EpochObservation epoch) {
    observed.add(epoch);
    Optional<Forecast> made = forecaster.forecast(observed, plannedEpochs);
    made.ifPresent(
        f -> {
          latest = f;
          int k = f.afterEpochs();
          if (k <= KEPT_EARLY || Integer.bitCount(k) == 1) {
            kept.add(f);
          }
        });
    return made;
  }

  /** The forecasts kept (see the class comment), oldest first, the latest always among them. */
  public List<Forecast> forecasts() {
    if (latest == null || (!kept.isEmpty() && kept.get(kept.size() - 1) == latest)) {
      return Collections.unmodifiableList(kept);
    }
    List<Forecast> all = new ArrayList<>(kept);
    all.add(latest);
    return Collections.unmodifiableList(all);
  }

  /** The most recent forecast, if any was made. */
  public Optional<Forecast> latest() {
    return Optional.ofNullable(latest);
  }

  /** Totals of the epochs seen so far. */
  public EpochObservation totals() {
    return observed.totals();
  }

  /** Epochs seen so far. */
  public int epochs() {
    return observed.count();
  }

  /** The epochs the run was set up for; 0 or less when unknown. */
  public int plannedEpochs() {
    return plannedEpochs;
  }

  /**
   * Each kept forecast against the totals of every epoch seen; meaningful when the run ends after
   * its planned epochs (an early stop makes the forecasts wrong by design).
   */
  public List<ForecastError> errors() {
    EpochObservation actual = totals();
    List<ForecastError> errors = new ArrayList<>();
    for (Forecast forecast : forecasts()) {
      errors.add(ForecastError.of(forecast, actual));
    }
    return errors;
  }
}
