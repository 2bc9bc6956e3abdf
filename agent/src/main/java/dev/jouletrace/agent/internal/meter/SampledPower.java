package dev.jouletrace.agent.internal.meter;

import dev.jouletrace.export.page.PowerSeries;
import java.time.Instant;

/**
 * Feeds the report's power series from the sampler thread: one meter reading per tick, whose
 * process energy per domain the series turns into mean power over bounded intervals. Never on the
 * training thread.
 */
public final class SampledPower {
  private final PowerSeries series;

  public SampledPower(PowerSeries series) {
    this.series = series;
  }

  /** Called by the sampler after each tick. */
  public void tick(EnergyMeter meter, Instant now) {
    MeterReading reading = meter.readAt(now);
    series.add(reading.time, reading.processJoules);
  }
}
