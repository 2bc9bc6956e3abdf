package dev.jouletrace.accounting.forecast;

import dev.jouletrace.accounting.forecast.EpochObservation.Quantity;

/**
 * Running count, sum, mean and spread of a run's finished epochs for each quantity a forecast
 * covers; constant size however many epochs (Welford's update, numerically stable).
 */
final class ObservedEpochs {
  private int count;
  private final double[] sum = new double[Quantity.values().length];
  private final double[] mean = new double[Quantity.values().length];
  private final double[] squares = new double[Quantity.values().length];

  /** Adds one finished epoch. */
  public void add(EpochObservation epoch) {
    count++;
    for (Quantity q : Quantity.values()) {
      int i = q.ordinal();
      double x = epoch.get(q);
      sum[i] += x;
      double delta = x - mean[i];
      mean[i] += delta / count;
      squares[i] += delta * (x - mean[i]);
    }
  }

  public int count() {
    return count;
  }

  double sum(Quantity q) {
    return sum[q.ordinal()];
  }

  double mean(Quantity q) {
    return count == 0 ? 0 : sum[q.ordinal()] / count;
  }

  /** Sample standard deviation; 0 with fewer than two epochs. */
  double deviation(Quantity q) {
    return count < 2 ? 0 : Math.sqrt(Math.max(0, squares[q.ordinal()]) / (count - 1));
  }

  /** Totals of the epochs seen so far. */
  public EpochObservation totals() {
    return EpochObservation.of(sum(Quantity.ENERGY), sum(Quantity.CO2), sum(Quantity.DURATION));
  }
}
