package dev.jouletrace.accounting.forecast;

/** A forecast run total with its low and high bounds (same unit as the quantity). */
public final class ForecastInterval {
  private final double low;
  private final double point;
  private final double high;

  ForecastInterval(double low, double point, double high) {
    this.low = low;
    this.point = point;
    this.high = high;
  }

  public double low() {
    return low;
  }

  public double point() {
    return point;
  }

  public double high() {
    return high;
  }

  public boolean contains(double value) {
    return value >= low && value <= high;
  }

  @Override
  public String toString() {
    return point + " [" + low + ", " + high + "]";
  }
}
