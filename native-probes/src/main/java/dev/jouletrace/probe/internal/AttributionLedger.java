package dev.jouletrace.probe.internal;

/**
 * Integrates the process share of device energy window by window: at each sampler window close,
 * process += Δdevice × share of that window. Between closes, {@link #processAt} extends the last
 * share over the device growth since the close; reported process figures never decrease. Not
 * thread-safe: the owning probe holds its lock.
 */
public final class AttributionLedger {
  private final double[] deviceAtClose;
  private final double[] process;
  private final double[] share;
  private final double[] lastReported;

  public AttributionLedger(int domains) {
    deviceAtClose = new double[domains];
    process = new double[domains];
    share = new double[domains];
    lastReported = new double[domains];
  }

  /** Starts domain {@code i} at device energy {@code deviceJoules} (usually 0). */
  public void start(int i, double deviceJoules) {
    deviceAtClose[i] = deviceJoules;
  }

  /** Closes the window of domain {@code i}, in which the process share was {@code windowShare}. */
  public void close(int i, double deviceJoules, double windowShare) {
    process[i] += (deviceJoules - deviceAtClose[i]) * windowShare;
    deviceAtClose[i] = deviceJoules;
    share[i] = windowShare;
  }

  /** The process's energy for domain {@code i} given the device energy now. */
  public double processAt(int i, double deviceJoules) {
    double p = process[i] + (deviceJoules - deviceAtClose[i]) * share[i];
    if (p < lastReported[i]) {
      p = lastReported[i];
    }
    lastReported[i] = p;
    return p;
  }

  public double share(int i) {
    return share[i];
  }
}
