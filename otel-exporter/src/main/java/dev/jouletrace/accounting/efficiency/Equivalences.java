package dev.jouletrace.accounting.efficiency;

/** Everyday equivalents of an amount of CO2e, for people reading a report. */
public final class Equivalences {
  /**
   * 107.5 gCO2/km: average new passenger car in the EU, EEA 2020 (as shipped by Carbontracker,
   * carbontracker/emissions/conversion/co2eq.csv).
   */
  public static final double CAR_GRAMS_PER_KM = 107.5;

  /**
   * 121,643 smartphone charges per tonne of CO2e: Cloud Carbon Footprint UI (ccf @b7a049c7), after
   * the US EPA Greenhouse Gas Equivalencies Calculator; about 8.22 g per charge.
   */
  public static final double SMARTPHONE_CHARGES_PER_TONNE = 121_643.0;

  private Equivalences() {}

  /** Kilometres driven in an average new EU car that emit {@code co2Grams}. */
  public static double carKilometres(double co2Grams) {
    return co2Grams / CAR_GRAMS_PER_KM;
  }

  /** Smartphone full charges that emit {@code co2Grams}. */
  public static double smartphoneCharges(double co2Grams) {
    return co2Grams / 1_000_000.0 * SMARTPHONE_CHARGES_PER_TONNE;
  }
}
