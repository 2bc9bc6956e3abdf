package dev.jouletrace.agent.internal.meter;

import java.time.Instant;

/** Cumulative energy of every domain at one instant, as read at an epoch boundary. */
public final class MeterReading {
  final Instant time;
  final double[] deviceJoules;
  final double[] processJoules;

  /** Readings with a fault made by the meter up to this one, this one included. */
  final long faults;

  /** Whether a domain of this reading keeps an older value (docs/PROBES.md §6). */
  final boolean faulty;

  /** Why this reading is faulty, else the reason of the meter's latest fault, else null. */
  final String reason;

  MeterReading(
      Instant time,
      double[] deviceJoules,
      double[] processJoules,
      long faults,
      boolean faulty,
      String reason) {
    this.time = time;
    this.deviceJoules = deviceJoules;
    this.processJoules = processJoules;
    this.faults = faults;
    this.faulty = faulty;
    this.reason = reason;
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

  /** The same values, stamped {@code at}. */
  MeterReading at(Instant at) {
    return new MeterReading(at, deviceJoules, processJoules, faults, faulty, reason);
  }
}
