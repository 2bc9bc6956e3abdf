package dev.jouletrace.accounting.carbon;

/** The operational-emissions formula: energy drawn × grid intensity × data-centre overhead. */
public final class OperationalCarbon {
  private static final double JOULES_PER_KWH = 3_600_000.0;

  private OperationalCarbon() {}

  /** {@code co2_g = energy_kWh × intensity_g_per_kWh × PUE}. */
  public static double grams(double energyJoules, CarbonIntensity intensity, Pue pue) {
    return energyJoules / JOULES_PER_KWH * intensity.gramsPerKwh() * pue.value();
  }
}
