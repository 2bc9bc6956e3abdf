package dev.jouletrace.probe.internal.rapl;

import dev.jouletrace.probe.internal.sysfs.CounterFile;
import java.io.IOException;
import java.util.function.LongSupplier;

/**
 * Turns the raw, wrapping {@code energy_uj} of one zone into a monotonic total since open.
 *
 * <p>Delta = cur − prev if cur ≥ prev, else cur − prev + {@code max_energy_range_uj} (the rule of
 * CodeCarbon, JoularJX and Kepler). A decrease is accepted as a wrap only if the corrected delta is
 * energy the zone could have drawn since the previous reading at the highest plausible power;
 * anything larger is a reset (zone reset, counter reinitialised) and that interval is skipped, as
 * JoularJX does. Without the time bound half of all resets would read as a wrap and add up to half
 * the range (about 131 kJ on a typical package) of phantom energy. Not thread-safe.
 */
final class RaplCounter {
  private final CounterFile file;
  private final long maxEnergyRangeUj;
  private final LongSupplier nanoClock;
  // µJ per ns at the highest plausible power: W = J/s = 1e6 µJ / 1e9 ns.
  private final double maxUjPerNano;
  private long previousUj;
  private long previousNanos;
  private long totalUj;
  private int wraps;
  private int resets;

  RaplCounter(CounterFile file, long maxEnergyRangeUj, LongSupplier nanoClock, double highestWatts)
      throws IOException {
    this.file = file;
    this.maxEnergyRangeUj = maxEnergyRangeUj;
    this.nanoClock = nanoClock;
    this.maxUjPerNano = highestWatts / 1000.0;
    this.previousNanos = nanoClock.getAsLong();
    this.previousUj = file.readLong();
  }

  /** Reads the counter and returns the total since open, in µJ. */
  long advance() throws IOException {
    long now = nanoClock.getAsLong();
    fold(file.readLong(), now);
    return totalUj;
  }

  void fold(long currentUj, long nowNanos) {
    long delta = currentUj - previousUj;
    if (delta < 0) {
      long wrapped = delta + maxEnergyRangeUj;
      double plausibleUj = Math.max(0, nowNanos - previousNanos) * maxUjPerNano;
      if (maxEnergyRangeUj > 0 && wrapped >= 0 && wrapped <= plausibleUj) {
        delta = wrapped;
        wraps++;
      } else {
        delta = 0;
        resets++;
      }
    }
    totalUj += delta;
    previousUj = currentUj;
    previousNanos = nowNanos;
  }

  long totalUj() {
    return totalUj;
  }

  int wraps() {
    return wraps;
  }

  int resets() {
    return resets;
  }

  void close() {
    file.close();
  }
}
