package dev.jouletrace.accounting.carbon;

import java.util.Objects;

/** Power usage effectiveness: facility energy over IT energy, with where the figure comes from. */
public final class Pue {
  /**
   * Industry average used when nothing better is known: Uptime Institute Global Data Center Survey
   * 2024 (1.56), as shipped by Green Algorithms in data/latest/defaults_PUE.csv.
   */
  public static final Pue INDUSTRY_AVERAGE =
      Pue.of(1.56, "Uptime Institute Global Data Center Survey 2024 (industry average)");

  private final double value;
  private final String source;

  private Pue(double value, String source) {
    if (!(value >= 1.0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException("PUE must be a finite number >= 1.0: " + value);
    }
    this.value = value;
    this.source = Objects.requireNonNull(source, "source");
  }

  public static Pue of(double value, String source) {
    return new Pue(value, source);
  }

  public double value() {
    return value;
  }

  public String source() {
    return source;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Pue && ((Pue) o).value == value && ((Pue) o).source.equals(source);
  }

  @Override
  public int hashCode() {
    return Objects.hash(value, source);
  }

  @Override
  public String toString() {
    return value + " (" + source + ")";
  }
}
