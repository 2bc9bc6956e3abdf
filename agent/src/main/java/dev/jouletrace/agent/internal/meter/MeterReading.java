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
}
