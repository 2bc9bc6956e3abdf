package dev.jouletrace.agent.internal.meter;

import dev.jouletrace.accounting.carbon.EnergySlice;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Meter readings taken as each clock hour begins, so that an epoch spanning several hours can be
 * split into per-hour energy slices: an hourly carbon-intensity series then weighs each hour by the
 * energy actually drawn in it, not by its length. The sampler thread adds marks; a reading is at
 * most one sampler period late.
 */
public final class HourMarks {
  /** Three days of marks: longer epochs fall back to time weighting for their oldest hours. */
  private static final int CAPACITY = 72;

  private final Deque<MeterReading> marks = new ArrayDeque<>();
  private Instant currentHour;

  /** Called by the sampler after each tick; reads the meter only when a new hour has begun. */
  public void tick(EnergyMeter meter, Instant now) {
    Instant hour = now.truncatedTo(ChronoUnit.HOURS);
    synchronized (marks) {
      if (currentHour == null) {
        currentHour = hour;
        return;
      }
      if (!hour.isAfter(currentHour)) {
        return;
      }
      currentHour = hour;
    }
    MeterReading reading = meter.readAt(now);
    synchronized (marks) {
      marks.addLast(reading);
      if (marks.size() > CAPACITY) {
        marks.removeFirst();
      }
    }
  }

  /**
   * The window split at the hour marks inside it, each slice with its share of {@code
   * chargedJoules} in proportion to the process energy the meter saw in it. A single slice when no
   * hour began inside the window.
   */
  public List<EnergySlice> slices(
      EnergyMeter meter, MeterReading start, MeterReading end, double chargedJoules) {
    List<MeterReading> inside = new ArrayList<>();
    synchronized (marks) {
      for (MeterReading m : marks) {
        if (m.time.isAfter(start.time) && m.time.isBefore(end.time)) {
          inside.add(m);
        }
      }
    }
    List<EnergySlice> slices = new ArrayList<>(inside.size() + 1);
    if (inside.isEmpty()) {
      slices.add(EnergySlice.of(start.time, end.time, chargedJoules));
      return slices;
    }
    inside.add(end);
    double raw = meter.processTotal(start, end);
    MeterReading from = start;
    for (MeterReading to : inside) {
      double part =
          raw > 0
              ? chargedJoules * meter.processTotal(from, to) / raw
              : chargedJoules
                  * java.time.Duration.between(from.time, to.time).toNanos()
                  / java.time.Duration.between(start.time, end.time).toNanos();
      slices.add(EnergySlice.of(from.time, to.time, part));
      from = to;
    }
    return slices;
  }
}
