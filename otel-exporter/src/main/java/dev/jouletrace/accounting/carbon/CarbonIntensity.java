package dev.jouletrace.accounting.carbon;

import java.util.Objects;

/**
 * Grams of CO2e per kWh drawn from a grid, with where the figure comes from: its source, data year,
 * the level it was resolved at and the zone it describes.
 */
public final class CarbonIntensity {
  private final double gramsPerKwh;
  private final String source;
  private final int year;
  private final IntensityLevel level;
  private final String zone;

  private CarbonIntensity(
      double gramsPerKwh, String source, int year, IntensityLevel level, String zone) {
    if (!(gramsPerKwh >= 0) || Double.isInfinite(gramsPerKwh)) {
      throw new IllegalArgumentException("intensity must be a finite number >= 0: " + gramsPerKwh);
    }
    this.gramsPerKwh = gramsPerKwh;
    this.source = Objects.requireNonNull(source, "source");
    this.year = year;
    this.level = Objects.requireNonNull(level, "level");
    this.zone = Objects.requireNonNull(zone, "zone");
  }

  /**
   * @param source who published the figure (and how it reached us), e.g. "Ember yearly electricity
   *     data"
   * @param year the data year the figure describes
   * @param zone what it describes: "world", "FR", "US-CA", "aws:eu-west-3", "user"
   */
  public static CarbonIntensity of(
      double gramsPerKwh, String source, int year, IntensityLevel level, String zone) {
    return new CarbonIntensity(gramsPerKwh, source, year, level, zone);
  }

  public double gramsPerKwh() {
    return gramsPerKwh;
  }

  public String source() {
    return source;
  }

  public int year() {
    return year;
  }

  public IntensityLevel level() {
    return level;
  }

  public String zone() {
    return zone;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof CarbonIntensity)) {
      return false;
    }
    CarbonIntensity that = (CarbonIntensity) o;
    return Double.compare(gramsPerKwh, that.gramsPerKwh) == 0
        && year == that.year
        && source.equals(that.source)
        && level == that.level
        && zone.equals(that.zone);
  }

  @Override
  public int hashCode() {
    return Objects.hash(gramsPerKwh, source, year, level, zone);
  }

  @Override
  public String toString() {
    // "world, world" says nothing twice: the zone alone when it names its level
    String where = zone.equals(level.label()) ? zone : zone + ", " + level.label();
    return gramsPerKwh + " g/kWh (" + where + ", " + source + " " + year + ")";
  }
}
