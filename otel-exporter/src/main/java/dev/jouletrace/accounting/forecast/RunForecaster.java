package dev.jouletrace.accounting.forecast;

import dev.jouletrace.accounting.forecast.EpochObservation.Quantity;
import java.util.List;
import java.util.Optional;

/**
 * Forecasts a run's total energy, CO2e and duration from its first epochs once the planned epoch
 * count is known; pure: the same epochs give the same forecast.
 */
public final class RunForecaster {
  /** Forecast from the first finished epoch on, as Carbontracker's default does. */
  public static final int DEFAULT_MIN_EPOCHS = 1;

  /**
   * ±25% around the one-epoch projection: with a single epoch there is no spread to measure; the
   * band is our judgement (a first epoch often carries warm-up: JIT, caches, data loading).
   */
  public static final double DEFAULT_SINGLE_EPOCH_BAND = 0.25;

  private final int minEpochs;
  private final double singleEpochBand;

  public RunForecaster(int minEpochs, double singleEpochBand) {
    if (minEpochs < 1) {
      throw new IllegalArgumentException("minEpochs must be >= 1: " + minEpochs);
    }
    if (!(singleEpochBand >= 0 && singleEpochBand < 1)) {
      throw new IllegalArgumentException("band must be in [0, 1): " + singleEpochBand);
    }
    this.minEpochs = minEpochs;
    this.singleEpochBand = singleEpochBand;
  }

  public static RunForecaster defaults() {
    return new RunForecaster(DEFAULT_MIN_EPOCHS, DEFAULT_SINGLE_EPOCH_BAND);
  }

  /** As {@link #forecast(ObservedEpochs, int)}, from a list of finished epochs. */
  public Optional<Forecast> forecast(List<EpochObservation> finished, int plannedEpochs) {
    ObservedEpochs observed = new ObservedEpochs();
    finished.forEach(observed::add);
    return forecast(observed, plannedEpochs);
  }

  /**
   * The forecast after {@code finished.count()} epochs of {@code plannedEpochs}; empty before
   * {@code minEpochs} epochs, when the plan is unknown ({@code <= 0}) or already reached.
   *
   * <p>With k finished epochs, r = N − k left, sum S, mean m and sample deviation s: point = S +
   * r·m; for k ≥ 2 the bounds are point ± t(0.975, k−1)·s·√(r + r²/k), the 95% prediction interval
   * for the sum of r further epochs like the observed ones; for k = 1 they are S + r·m·(1 ± band).
   * The low bound never drops below S.
   */
  public Optional<Forecast> forecast(ObservedEpochs finished, int plannedEpochs) {
    int k = finished.count();
    if (k < minEpochs || plannedEpochs <= k) {
      return Optional.empty();
    }
    int remaining = plannedEpochs - k;
    String method =
        k == 1
            ? "single-epoch projection ±" + Math.round(singleEpochBand * 100) + "%"
            : "student-t 95% prediction interval";
    return Optional.of(
        new Forecast(
            k,
            plannedEpochs,
            interval(finished, Quantity.ENERGY, remaining),
            interval(finished, Quantity.CO2, remaining),
            interval(finished, Quantity.DURATION, remaining),
            method));
  }

  private ForecastInterval interval(ObservedEpochs finished, Quantity quantity, int remaining) {
    int k = finished.count();
    double sum = finished.sum(quantity);
    double mean = finished.mean(quantity);
    double point = sum + remaining * mean;
    double halfWidth;
    if (k == 1) {
      halfWidth = remaining * mean * singleEpochBand;
    } else {
      halfWidth =
          StudentT.quantile975(k - 1)
              * finished.deviation(quantity)
              * Math.sqrt(remaining + (double) remaining * remaining / k);
    }
    return new ForecastInterval(Math.max(sum, point - halfWidth), point, point + halfWidth);
  }
}
