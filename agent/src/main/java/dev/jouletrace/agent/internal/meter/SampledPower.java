package dev.jouletrace.agent.internal.meter;

import dev.jouletrace.export.page.PowerSeries;
import java.time.Duration;
import java.time.Instant;

/**
 * Feeds the report's power series from the sampler thread: a meter reading per tick (at most one
 * per {@link #MIN_PERIOD}, however short a probe needs the sampler's period), whose process energy
 * per domain the series turns into mean power over bounded intervals. Never on the training thread.
 */
public final class SampledPower {
  /** Readings closer than this add nothing to a chart and would only cost probe reads. */
  static final Duration MIN_PERIOD = Duration.ofMillis(100);

  private final PowerSeries series;
  private Instant last;

  public SampledPower(PowerSeries series) {
    this.series = series;
  }

  /** Called by the sampler after each tick. */
  public void tick(EnergyMeter meter, Instant now) {
    if (last != null && Duration.between(last, now).compareTo(MIN_PERIOD) < 0) {
      return;
    }
    last = now;
    MeterReading reading = meter.readAt(now);
    series.add(reading.time, reading.processJoules);
  }
}
