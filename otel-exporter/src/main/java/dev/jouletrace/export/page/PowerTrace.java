package dev.jouletrace.export.page;

import dev.jouletrace.export.Decimals;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Mean power per domain over consecutive intervals, as {@code power.csv} holds it: a header {@code
 * start,end,<domain id>…} and one row per interval (ISO instants, watts charged to the JVM).
 */
public final class PowerTrace {
  /** The file in the report folder. */
  public static final String FILE = "power.csv";

  private final List<String> domainIds;
  private final List<Interval> intervals;

  PowerTrace(List<String> domainIds, List<Interval> intervals) {
    this.domainIds = List.copyOf(domainIds);
    this.intervals = List.copyOf(intervals);
  }

  static PowerTrace empty() {
    return new PowerTrace(List.of(), List.of());
  }

  /** One interval: its bounds (epoch milliseconds) and the mean power of each domain (W). */
  static final class Interval {
    final long startMillis;
    final long endMillis;
    final double[] watts;

    Interval(long startMillis, long endMillis, double[] watts) {
      this.startMillis = startMillis;
      this.endMillis = endMillis;
      this.watts = watts;
    }
  }

  List<String> domainIds() {
    return domainIds;
  }

  List<Interval> intervals() {
    return intervals;
  }

  boolean isEmpty() {
    return intervals.isEmpty();
  }

  /** The intervals that overlap {@code [from, to]} (epoch milliseconds). */
  PowerTrace within(long from, long to) {
    List<Interval> in = new ArrayList<>();
    for (Interval i : intervals) {
      if (i.endMillis > from && i.startMillis < to) {
        in.add(i);
      }
    }
    return new PowerTrace(domainIds, in);
  }

  /**
   * At most {@code max} intervals: consecutive ones merged in equal groups, each merged interval's
   * power the time-weighted mean (so its energy is kept).
   */
  PowerTrace downsample(int max) {
    if (intervals.size() <= max) {
      return this;
    }
    int group = (intervals.size() + max - 1) / max;
    List<Interval> out = new ArrayList<>();
    for (int i = 0; i < intervals.size(); i += group) {
      int end = Math.min(intervals.size(), i + group);
      double[] joules = new double[domainIds.size()];
      double seconds = 0;
      for (int k = i; k < end; k++) {
        Interval v = intervals.get(k);
        double s = (v.endMillis - v.startMillis) / 1e3;
        seconds += s;
        for (int d = 0; d < joules.length; d++) {
          joules[d] += v.watts[d] * s;
        }
      }
      for (int d = 0; d < joules.length; d++) {
        joules[d] = seconds > 0 ? joules[d] / seconds : 0;
      }
      out.add(new Interval(intervals.get(i).startMillis, intervals.get(end - 1).endMillis, joules));
    }
    return new PowerTrace(domainIds, out);
  }

  /** The {@code power.csv} text. */
  public String toCsv() {
    StringBuilder s = new StringBuilder(64 + intervals.size() * (48 + 12 * domainIds.size()));
    s.append("start,end");
    for (String id : domainIds) {
      s.append(',').append(id.replace(',', '_')).append("_w");
    }
    s.append('\n');
    for (Interval i : intervals) {
      s.append(Instant.ofEpochMilli(i.startMillis))
          .append(',')
          .append(Instant.ofEpochMilli(i.endMillis));
      for (double w : i.watts) {
        Decimals.append(s.append(','), w, 3);
      }
      s.append('\n');
    }
    return s.toString();
  }

  /** Reads {@code power.csv} text; rows that cannot be read (a torn last line) are left out. */
  static PowerTrace parseCsv(String csv) {
    String[] lines = csv.split("\n");
    if (lines.length == 0 || !lines[0].startsWith("start,end")) {
      return empty();
    }
    String[] header = lines[0].trim().split(",");
    List<String> ids = new ArrayList<>();
    for (int c = 2; c < header.length; c++) {
      String h = header[c];
      ids.add(h.endsWith("_w") ? h.substring(0, h.length() - 2) : h);
    }
    List<Interval> list = new ArrayList<>();
    for (int l = 1; l < lines.length; l++) {
      String[] f = lines[l].trim().split(",");
      if (f.length != header.length) {
        continue;
      }
      try {
        double[] watts = new double[ids.size()];
        for (int d = 0; d < watts.length; d++) {
          watts[d] = Double.parseDouble(f[d + 2]);
        }
        list.add(
            new Interval(
                Instant.parse(f[0]).toEpochMilli(), Instant.parse(f[1]).toEpochMilli(), watts));
      } catch (RuntimeException e) {
        // a row cut short by a crash is not a reading
      }
    }
    return new PowerTrace(ids, list);
  }
}
