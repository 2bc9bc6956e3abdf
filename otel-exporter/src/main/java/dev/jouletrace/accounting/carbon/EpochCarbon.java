package dev.jouletrace.accounting.carbon;

import java.util.Objects;

/** One epoch's emissions: operational (energy × intensity × PUE) plus embodied, and their sum. */
public final class EpochCarbon {
  private final double energyJoules;
  private final CarbonIntensity intensity;
  private final Pue pue;
  private final double operationalGrams;
  private final EmbodiedEstimate embodied;

  EpochCarbon(double energyJoules, CarbonIntensity intensity, Pue pue, EmbodiedEstimate embodied) {
    this.energyJoules = energyJoules;
    this.intensity = Objects.requireNonNull(intensity, "intensity");
    this.pue = Objects.requireNonNull(pue, "pue");
    this.embodied = Objects.requireNonNull(embodied, "embodied");
    this.operationalGrams = OperationalCarbon.grams(energyJoules, intensity, pue);
  }

  /**
   * An epoch's emissions from figures already known: what a carbon model computes, given directly
   * (tests, re-rendering a report from its files).
   */
  public static EpochCarbon of(
      double energyJoules, CarbonIntensity intensity, Pue pue, double embodiedGrams) {
    return new EpochCarbon(
        energyJoules, intensity, pue, new EmbodiedEstimate(java.util.List.of(), embodiedGrams));
  }

  public double energyJoules() {
    return energyJoules;
  }

  public CarbonIntensity intensity() {
    return intensity;
  }

  public Pue pue() {
    return pue;
  }

  public double operationalGrams() {
    return operationalGrams;
  }

  public double embodiedGrams() {
    return embodied.grams();
  }

  public EmbodiedEstimate embodied() {
    return embodied;
  }

  /** operational + embodied. */
  public double totalGrams() {
    return operationalGrams + embodied.grams();
  }
}
