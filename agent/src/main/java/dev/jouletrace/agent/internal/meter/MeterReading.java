package dev.jouletrace.agent.internal.meter;

import java.time.Instant;

/** Cumulative energy of every domain at one instant, as read at an epoch boundary. */
public final class MeterReading {
  final Instant time;
  final double[] deviceJoules;
  final double[] processJoules;

  MeterReading(Instant time, double[] deviceJoules, double[] processJoules) {
    this.time = time;
    this.deviceJoules = deviceJoules;
    this.processJoules = processJoules;
  }

  public Instant time() {
    return time;
  }

  /** The whole device's energy of domain {@code i} since its probe opened, in joules. */
  public double deviceJoules(int i) {
    return deviceJoules[i];
  }

  /** This JVM's share of domain {@code i} since its probe opened, in joules. */
  public double processJoules(int i) {
    return processJoules[i];
  }

  public int size() {
    return deviceJoules.length;
  }
}
