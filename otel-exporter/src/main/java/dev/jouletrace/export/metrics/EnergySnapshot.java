package dev.jouletrace.export.metrics;

/**
 * One reading of the meter's cumulative counters, as the meter already keeps it: the energy of each
 * domain since its probe opened, the whole device's and this JVM's share, in joules.
 */
public final class EnergySnapshot {
  private final long epochNanos;
  private final double[] deviceJoules;
  private final double[] processJoules;

  /**
   * @param epochNanos when the reading was taken, nanoseconds since the epoch
   * @param deviceJoules per domain, in the meter's domain order (copied)
   * @param processJoules per domain, in the meter's domain order (copied)
   */
  public EnergySnapshot(long epochNanos, double[] deviceJoules, double[] processJoules) {
    this.epochNanos = epochNanos;
    this.deviceJoules = deviceJoules.clone();
    this.processJoules = processJoules.clone();
  }

  public long epochNanos() {
    return epochNanos;
  }

  public double deviceJoules(int domain) {
    return deviceJoules[domain];
  }

  public double processJoules(int domain) {
    return processJoules[domain];
  }

  public int size() {
    return deviceJoules.length;
  }
}
