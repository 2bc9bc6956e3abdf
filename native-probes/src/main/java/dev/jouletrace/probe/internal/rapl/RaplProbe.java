package dev.jouletrace.probe.internal.rapl;

import dev.jouletrace.probe.EnergyDomain;
import dev.jouletrace.probe.EnergyProbe;
import dev.jouletrace.probe.internal.cpu.CpuTimeShare;
import dev.jouletrace.probe.internal.cpu.CpuTimeSource;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * RAPL package (and DRAM, or psys) energy from powercap, with this JVM's CPU-time share.
 *
 * <p>Device joules are the counters' totals since open. Process joules are integrated by {@link
 * #sample()}: each sampler window adds Δdevice × (Δprocess CPU ÷ Δmachine busy CPU). Between two
 * samples {@link #read} extends the last window's share over the counter growth since the last
 * sample, never reporting less than it reported before.
 */
public final class RaplProbe implements EnergyProbe {
  // Division by the exact 1e6 rounds correctly; multiplying by the inexact 1e-6 would not.
  private static final double UJ_PER_JOULE = 1e6;

  private final List<EnergyDomain> domains;
  private final RaplCounter[] counters;
  private final CpuTimeShare share;
  private final CpuTimeSource cpu;
  private final Duration maxSamplePeriod;

  // Guarded by this.
  private final long[] totalAtSampleUj;
  private final double[] processJoules;
  private final double[] lastProcessRead;
  private int readFailures;
  private boolean closed;

  RaplProbe(
      List<EnergyDomain> domains,
      List<RaplCounter> counters,
      CpuTimeSource cpu,
      Duration maxSamplePeriod) {
    this.domains = Collections.unmodifiableList(new ArrayList<>(domains));
    this.counters = counters.toArray(new RaplCounter[0]);
    this.cpu = cpu;
    this.share = new CpuTimeShare(cpu);
    this.maxSamplePeriod = maxSamplePeriod;
    this.totalAtSampleUj = new long[this.counters.length];
    this.processJoules = new double[this.counters.length];
    this.lastProcessRead = new double[this.counters.length];
  }

  @Override
  public String name() {
    return "rapl";
  }

  @Override
  public List<EnergyDomain> domains() {
    return domains;
  }

  @Override
  public synchronized void read(double[] deviceJoules, double[] processJoules) {
    double s = share.share();
    for (int i = 0; i < counters.length; i++) {
      long total = advance(i);
      double process = this.processJoules[i] + (total - totalAtSampleUj[i]) / UJ_PER_JOULE * s;
      if (process < lastProcessRead[i]) {
        process = lastProcessRead[i];
      }
      lastProcessRead[i] = process;
      deviceJoules[i] = total / UJ_PER_JOULE;
      processJoules[i] = process;
    }
  }

  /** Files under {@code /sys} (or the process CPU clock): no driver call that can hang. */
  @Override
  public boolean readMayHang() {
    return false;
  }

  @Override
  public synchronized void sample() {
    for (int i = 0; i < counters.length; i++) {
      advance(i);
    }
    double s = share.closeWindow();
    for (int i = 0; i < counters.length; i++) {
      long total = counters[i].totalUj();
      processJoules[i] += (total - totalAtSampleUj[i]) / UJ_PER_JOULE * s;
      totalAtSampleUj[i] = total;
    }
  }

  private long advance(int i) {
    if (closed) {
      return counters[i].totalUj();
    }
    try {
      return counters[i].advance();
    } catch (IOException | RuntimeException e) {
      // Keep the last good total: a transient sysfs error must not surface on the training thread.
      readFailures++;
      return counters[i].totalUj();
    }
  }

  @Override
  public Duration maxSamplePeriod() {
    return maxSamplePeriod;
  }

  /** Wraps, resets and failed reads so far, for {@code doctor}. */
  public synchronized String counterHealth() {
    int wraps = 0;
    int resets = 0;
    for (RaplCounter c : counters) {
      wraps += c.wraps();
      resets += c.resets();
    }
    return wraps + " wraps, " + resets + " resets, " + readFailures + " failed reads";
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (RaplCounter c : counters) {
      c.close();
    }
    cpu.close();
  }
}
