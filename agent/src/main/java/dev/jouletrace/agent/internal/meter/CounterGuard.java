package dev.jouletrace.agent.internal.meter;

import dev.jouletrace.probe.DomainKind;
import dev.jouletrace.probe.EnergyDomain;
import dev.jouletrace.probe.EnergyMethod;
import java.util.Arrays;
import java.util.List;

/**
 * Turns the probes' raw cumulative values into the meter's counters, one per domain for the device
 * and one for this JVM, keeping out what no counter can give (docs/PROBES.md §6):
 *
 * <ul>
 *   <li>a failed read, NaN, infinite or negative value keeps the last good value; what the counter
 *       gathered meanwhile is counted at the next good read, if plausible;
 *   <li>a value below the last good one, or more energy than the domain can draw since then ({@link
 *       #maxWatts}), is held as a suspect and not counted: a next value that continues the last
 *       good one shows the suspect was a glitch; one that continues the suspect shows the counter
 *       restarted or shifted, and counting resumes from the suspect (the interval in between is
 *       dropped, never charged).
 * </ul>
 *
 * The meter's counters start at 0 at each domain's first good value. Used by one thread at a time
 * (the meter's reader, under its lock).
 */
final class CounterGuard {
  /**
   * Added to the time between two values when judging a jump: counters are updated in lumps (NVML
   * every 10–100 ms, docs/PROBES.md §1.2), so a short interval can see a whole lump.
   */
  static final double UPDATE_SLACK_SECONDS = 1.0;

  private final double[] maxWatts;
  private final Track device;
  private final Track process;
  private int faultDomain = -1;

  CounterGuard(List<EnergyDomain> domains) {
    maxWatts = new double[domains.size()];
    for (int i = 0; i < maxWatts.length; i++) {
      EnergyDomain d = domains.get(i);
      // an estimate is computed, never read from a counter that can jump
      maxWatts[i] =
          d.method() == EnergyMethod.ESTIMATED ? Double.POSITIVE_INFINITY : maxWatts(d.kind());
    }
    device = new Track(maxWatts.length);
    process = new Track(maxWatts.length);
  }

  /**
   * The most a domain of this kind can draw, in watts, with a wide margin: a CPU package 1000 W
   * (the largest server parts are rated 500 W), DRAM 500 W, a GPU board 2000 W (the largest boards
   * are rated 1000–1400 W), a platform (psys) 5000 W.
   */
  static double maxWatts(DomainKind kind) {
    switch (kind) {
      case CPU:
        return 1000;
      case DRAM:
        return 500;
      case GPU:
        return 2000;
      case PSYS:
      default:
        return 5000;
    }
  }

  /**
   * Replaces the raw values of domains {@code from} to {@code to} (exclusive), read at {@code
   * nanos}, by the meter's counters; returns the first fault found, or null.
   */
  ReadFault apply(double[] deviceRaw, double[] processRaw, int from, int to, long nanos) {
    ReadFault first = null;
    for (int i = from; i < to; i++) {
      ReadFault d = device.step(i, deviceRaw, nanos, maxWatts[i]);
      ReadFault p = process.step(i, processRaw, nanos, maxWatts[i]);
      if (first == null && (d != null || p != null)) {
        first = d != null ? d : p;
        faultDomain = i;
      }
    }
    return first;
  }

  /** Keeps domains {@code from} to {@code to} at their last good values (a probe not read). */
  void hold(double[] deviceOut, double[] processOut, int from, int to) {
    for (int i = from; i < to; i++) {
      deviceOut[i] = device.reported[i];
      processOut[i] = process.reported[i];
    }
  }

  /** The domain of the fault {@link #apply} last returned. */
  int faultDomain() {
    return faultDomain;
  }

  /** One counter per domain. */
  private static final class Track {
    final double[] raw;
    final long[] rawNanos;
    final double[] reported;
    final double[] suspect;
    final long[] suspectNanos;

    Track(int n) {
      raw = new double[n];
      Arrays.fill(raw, Double.NaN);
      rawNanos = new long[n];
      reported = new double[n];
      suspect = new double[n];
      Arrays.fill(suspect, Double.NaN);
      suspectNanos = new long[n];
    }

    ReadFault step(int i, double[] values, long nanos, double maxWatts) {
      double v = values[i];
      ReadFault fault = judge(i, v, nanos, maxWatts);
      values[i] = reported[i];
      return fault;
    }

    private ReadFault judge(int i, double v, long nanos, double maxWatts) {
      if (Double.isNaN(v) || Double.isInfinite(v) || v < 0) {
        return ReadFault.NOT_A_COUNTER;
      }
      if (Double.isNaN(raw[i])) {
        accept(i, v, nanos, 0);
        return null;
      }
      double delta = v - raw[i];
      if (delta >= 0 && delta <= allowance(maxWatts, nanos - rawNanos[i])) {
        accept(i, v, nanos, delta);
        return null;
      }
      if (!Double.isNaN(suspect[i])) {
        double sinceSuspect = v - suspect[i];
        if (sinceSuspect >= 0 && sinceSuspect <= allowance(maxWatts, nanos - suspectNanos[i])) {
          // the counter restarted or shifted at the suspect: the interval before it is dropped
          accept(i, v, nanos, sinceSuspect);
          return null;
        }
      }
      suspect[i] = v;
      suspectNanos[i] = nanos;
      return delta < 0 ? ReadFault.BACKWARDS : ReadFault.JUMP;
    }

    private void accept(int i, double v, long nanos, double counted) {
      reported[i] += counted;
      raw[i] = v;
      rawNanos[i] = nanos;
      suspect[i] = Double.NaN;
    }

    private static double allowance(double maxWatts, long nanos) {
      return maxWatts * (Math.max(0, nanos) / 1e9 + UPDATE_SLACK_SECONDS);
    }
  }
}
