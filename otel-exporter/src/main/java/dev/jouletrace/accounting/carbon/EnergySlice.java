package dev.jouletrace.accounting.carbon;

import java.time.Instant;
import java.util.Objects;

/** Energy drawn over a time interval, assumed spread evenly over it; weights hourly intensities. */
public final class EnergySlice {
  private final Instant start;
  private final Instant end;
  private final double energyJoules;

  private EnergySlice(Instant start, Instant end, double energyJoules) {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (end.isBefore(start)) {
      throw new IllegalArgumentException("slice ends before it starts: " + start + " > " + end);
    }
    if (!(energyJoules >= 0) || Double.isInfinite(energyJoules)) {
      throw new IllegalArgumentException("energy must be a finite number >= 0: " + energyJoules);
    }
    this.start = start;
    this.end = end;
    this.energyJoules = energyJoules;
  }

  public static EnergySlice of(Instant start, Instant end, double energyJoules) {
    return new EnergySlice(start, end, energyJoules);
  }

  public Instant start() {
    return start;
  }

  public Instant end() {
    return end;
  }

  public double energyJoules() {
    return energyJoules;
  }
}
