package dev.jouletrace.accounting.carbon;

/** How specific the carbon intensity that was used is; first match wins in this order. */
public enum IntensityLevel {
  /** A value the user gave ({@code jouletrace.carbon.intensity}). */
  EXPLICIT("explicit"),
  /** The latest figure from a live provider API the user enabled with a token. */
  LIVE("live"),
  /** An hourly time series the user gave, energy-weighted over the epoch. */
  TIMESERIES("timeseries"),
  /** A cloud provider's region. */
  CLOUD_REGION("cloud-region"),
  /** A sub-national grid (US state, Canadian province, Nordic bidding zone). */
  SUBNATIONAL("subnational"),
  /** A country's yearly average. */
  COUNTRY("country"),
  /** The world average: nothing more specific was configured or known. */
  WORLD("world");

  private final String label;

  IntensityLevel(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
