package dev.jouletrace.accounting;

import dev.jouletrace.accounting.carbon.EpochCarbon;
import dev.jouletrace.accounting.carbon.OperationalCarbon;
import dev.jouletrace.accounting.efficiency.EpochEfficiency;
import dev.jouletrace.accounting.forecast.Forecast;
import java.util.Objects;
import java.util.Optional;

/**
 * One epoch as accounted: the measured record with what accounting derived from it once, on the
 * export thread: its carbon, its efficiency within the run, and the forecast made after it.
 */
public final class EpochAccount {
  private final EpochRecord record;
  private final EpochCarbon carbon;
  private final EpochEfficiency efficiency;
  private final Forecast forecast;

  EpochAccount(
      EpochRecord record, EpochCarbon carbon, EpochEfficiency efficiency, Forecast forecast) {
    this.record = Objects.requireNonNull(record);
    this.carbon = Objects.requireNonNull(carbon);
    this.efficiency = Objects.requireNonNull(efficiency);
    this.forecast = forecast;
  }

  public EpochRecord record() {
    return record;
  }

  public EpochCarbon carbon() {
    return carbon;
  }

  public EpochEfficiency efficiency() {
    return efficiency;
  }

  /** The run's totals forecast after this epoch, when one could be made. */
  public Optional<Forecast> forecast() {
    return Optional.ofNullable(forecast);
  }

  /** Operational CO2e of a validation pass or batch inside this epoch, at the epoch's intensity. */
  public double co2Grams(SubWindow window) {
    return OperationalCarbon.grams(window.energyJoules(), carbon.intensity(), carbon.pue());
  }
}
