package dev.jouletrace.probe.internal;

/**
 * Energy from sampled power by the trapezoid rule, for devices without an energy counter (NVML GPUs
 * before Volta, amdgpu hwmon). Sample at 10 Hz or faster (docs/PROBES.md §5). A failed reading
 * drops the interval it falls in rather than guessing. Not thread-safe.
 */
public final class PowerIntegrator {
  private double joules;
  private double lastWatts;
  private long lastNanos;
  private boolean anchored;

  /** Adds a power reading taken at {@code nanos} (monotonic clock). */
  public void add(double watts, long nanos) {
    if (anchored && nanos > lastNanos) {
      joules += (lastWatts + watts) / 2.0 * (nanos - lastNanos) / 1e9;
    }
    lastWatts = watts;
    lastNanos = nanos;
    anchored = true;
  }

  /** A reading failed: the next good one starts a new interval. */
  public void gap() {
    anchored = false;
  }

  /** Integrated energy up to the last reading. */
  public double joules() {
    return joules;
  }

  /**
   * Energy up to {@code nanos}, holding the last power since the last reading; lets an epoch
   * boundary between two samples see the energy of the partial interval.
   */
  public double joulesAt(long nanos) {
    if (!anchored || nanos <= lastNanos) {
      return joules;
    }
    return joules + lastWatts * (nanos - lastNanos) / 1e9;
  }

  public double lastWatts() {
    return lastWatts;
  }
}
