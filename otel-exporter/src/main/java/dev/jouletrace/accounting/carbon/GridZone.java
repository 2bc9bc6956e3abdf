package dev.jouletrace.accounting.carbon;

import java.util.Objects;

/** One row of the embedded intensity dataset: a grid zone's yearly average and its provenance. */
final class GridZone {
  private final String code;
  private final IntensityLevel level;
  private final double gramsPerKwh;
  private final int year;
  private final String source;
  private final String note;

  GridZone(
      String code, IntensityLevel level, double gramsPerKwh, int year, String source, String note) {
    this.code = Objects.requireNonNull(code, "code");
    this.level = Objects.requireNonNull(level, "level");
    this.gramsPerKwh = gramsPerKwh;
    this.year = year;
    this.source = Objects.requireNonNull(source, "source");
    this.note = note == null ? "" : note;
  }

  /** "world", an ISO 3166-1 alpha-2 country ("FR") or country + '-' + grid region ("SE-SE3"). */
  public String code() {
    return code;
  }

  public IntensityLevel level() {
    return level;
  }

  public double gramsPerKwh() {
    return gramsPerKwh;
  }

  public int year() {
    return year;
  }

  public String source() {
    return source;
  }

  public String note() {
    return note;
  }

  /** The country part of the code: "SE" for "SE-SE3". */
  public String country() {
    int dash = code.indexOf('-');
    return dash < 0 ? code : code.substring(0, dash);
  }

  CarbonIntensity toIntensity() {
    return CarbonIntensity.of(gramsPerKwh, source, year, level, code);
  }

  @Override
  public String toString() {
    return code + " " + gramsPerKwh + " g/kWh (" + source + " " + year + ")";
  }
}
