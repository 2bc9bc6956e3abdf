package dev.jouletrace.probe.internal.cpu;

import java.io.IOException;

/**
 * This JVM's share of the busy CPU time over successive windows: Δ process CPU time ÷ Δ machine
 * busy CPU time, clamped to [0, 1] (the two clocks tick at different granularities, 10 ms for
 * /proc/stat, so a short window can read slightly above 1).
 *
 * <p>This is the busy-time share of PowerJoular and JoularJX (docs/PROBES.md §2.5): the JVM is
 * charged for idle power in proportion to its share of the busy time. (Scaphandre divides by all
 * CPU time, idle included, and so leaves idle power unattributed.) It ignores frequency, AVX and
 * memory-boundness (Kepler's power-attribution guide lists these limits). Not thread-safe: the
 * owning probe serialises calls.
 */
public final class CpuTimeShare {
  /** The label written into {@code EnergyDomain.attribution()}. */
  public static final String ATTRIBUTION = "process-cpu-time-share";

  private final CpuTimeSource source;
  private long lastProcessNanos;
  private long lastBusyNanos;
  private boolean anchored;
  private double share;

  public CpuTimeShare(CpuTimeSource source) {
    this.source = source;
    anchor();
  }

  /**
   * Ends the current window and returns the JVM's share of it; when the window saw no busy time (or
   * a clock could not be read) the previous share is kept, 0 before any window closed.
   */
  public double closeWindow() {
    if (!anchored) {
      anchor();
      return share;
    }
    long p = source.processCpuNanos();
    long b;
    try {
      b = source.busyCpuNanos();
    } catch (IOException e) {
      return share;
    }
    if (p < 0) {
      return share;
    }
    long dp = p - lastProcessNanos;
    long db = b - lastBusyNanos;
    if (db > 0 && dp >= 0) {
      share = Math.min(1.0, (double) dp / (double) db);
      lastProcessNanos = p;
      lastBusyNanos = b;
    } else if (db < 0 || dp < 0) {
      // A clock went backwards (procfs reset in a checkpoint/restore?): start a fresh window.
      lastProcessNanos = p;
      lastBusyNanos = b;
    }
    // db == 0: no tick elapsed yet; widen the window until one does.
    return share;
  }

  /** The share of the last closed window. */
  public double share() {
    return share;
  }

  private void anchor() {
    long p = source.processCpuNanos();
    try {
      long b = source.busyCpuNanos();
      if (p >= 0) {
        lastProcessNanos = p;
        lastBusyNanos = b;
        anchored = true;
      }
    } catch (IOException e) {
      anchored = false;
    }
  }
}
