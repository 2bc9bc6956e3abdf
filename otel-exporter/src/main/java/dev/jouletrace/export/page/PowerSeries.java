package dev.jouletrace.export.page;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The power the sampler saw, per energy domain, in at most {@code capacity} intervals: each reading
 * of the cumulative counters closes an interval while the series is short, then neighbouring
 * intervals are merged pairwise (their mean power is their energy over their time), so memory and
 * the written {@code power.csv} stay bounded however long the JVM runs. Fed by the sampler thread,
 * read by the export thread; never touched by the training thread.
 */
public final class PowerSeries {
  /** Intervals kept: a day at 2 minutes each, an hour at 5 s each. */
  public static final int DEFAULT_CAPACITY = 720;

  private final List<String> domainIds;
  private final int capacity;
  private final long[] startMillis;
  private final long[] endMillis;
  private final double[][] joules;
  private int count;
  private long widthMillis;
  private long lastMillis = Long.MIN_VALUE;
  private double[] last;

  /**
   * @param domainIds the domains, in the order of the readings' values
   * @param capacity intervals kept at most; even and at least 2
   */
  public PowerSeries(List<String> domainIds, int capacity) {
    if (capacity < 2 || capacity % 2 != 0) {
      throw new IllegalArgumentException("capacity must be even and >= 2: " + capacity);
    }
    this.domainIds = List.copyOf(domainIds);
    this.capacity = capacity;
    this.startMillis = new long[capacity];
    this.endMillis = new long[capacity];
    this.joules = new double[capacity][domainIds.size()];
  }

  /**
   * Adds a reading of every domain's cumulative energy (J) taken at {@code time}. A counter that
   * went down (a reset) adds nothing to its domain for that interval.
   */
  public synchronized void add(Instant time, double[] cumulativeJoules) {
    long now = time.toEpochMilli();
    if (last == null || now <= lastMillis) {
      last = cumulativeJoules.clone();
      lastMillis = Math.max(now, lastMillis);
      return;
    }
    int open = count - 1;
    if (count == 0 || endMillis[open] - startMillis[open] >= widthMillis) {
      if (count == capacity) {
        halve();
      }
      open = count++;
      startMillis[open] = lastMillis;
      Arrays.fill(joules[open], 0);
    }
    endMillis[open] = now;
    for (int i = 0; i < domainIds.size() && i < cumulativeJoules.length; i++) {
      double d = cumulativeJoules[i] - last[i];
      joules[open][i] += d > 0 && !Double.isInfinite(d) ? d : 0;
      last[i] = cumulativeJoules[i];
    }
    lastMillis = now;
  }

  private void halve() {
    int n = 0;
    long widest = 0;
    for (int i = 0; i < count; i += 2) {
      startMillis[n] = startMillis[i];
      endMillis[n] = endMillis[Math.min(i + 1, count - 1)];
      for (int d = 0; d < domainIds.size(); d++) {
        joules[n][d] = joules[i][d] + (i + 1 < count ? joules[i + 1][d] : 0);
      }
      widest = Math.max(widest, endMillis[n] - startMillis[n]);
      n++;
    }
    count = n;
    widthMillis = Math.max(widthMillis * 2, widest);
  }

  /** The intervals so far, oldest first, as mean power per domain. */
  public synchronized PowerTrace trace() {
    List<PowerTrace.Interval> list = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      double seconds = (endMillis[i] - startMillis[i]) / 1e3;
      double[] watts = new double[domainIds.size()];
      for (int d = 0; d < watts.length; d++) {
        watts[d] = joules[i][d] / seconds;
      }
      list.add(new PowerTrace.Interval(startMillis[i], endMillis[i], watts));
    }
    return new PowerTrace(domainIds, list);
  }
}
