package dev.jouletrace.probe;

/** How an energy figure was obtained; every figure Jouletrace reports carries one. */
public enum EnergyMethod {
  /** Read from a cumulative hardware energy counter (NVML total energy, RAPL, hwmon energy). */
  MEASURED("measured"),
  /** Power readings sampled by Jouletrace and integrated over time. */
  INTEGRATED("integrated"),
  /**
   * A documented model (CPU time × watts per core, power limit × utilisation): nothing was read.
   */
  ESTIMATED("estimated");

  private final String label;

  EnergyMethod(String label) {
    this.label = label;
  }

  /** The lower-case label used in spans and reports. */
  public String label() {
    return label;
  }

  /**
   * The less direct of two methods: a sum of a measured and an estimated figure is only as good as
   * the estimate.
   */
  public static EnergyMethod weakest(EnergyMethod a, EnergyMethod b) {
    return a.ordinal() >= b.ordinal() ? a : b;
  }
}
