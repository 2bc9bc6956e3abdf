package dev.jouletrace.agent.internal.lifecycle;

import dev.jouletrace.agent.internal.meter.EnergyMeter;
import dev.jouletrace.agent.internal.meter.MeterReading;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;

/**
 * Charges the JVM's energy to the epochs open at the time. The time line is cut at every epoch
 * boundary of any model; the energy of each piece goes to the epochs open during it: all of it to a
 * lone epoch, and where epochs of different models overlap, split by the CPU time each epoch's
 * training thread used in the piece (equally when a thread's CPU time cannot be read). Such epochs
 * are flagged shared. The meter is read inside the lock, so pieces never overlap.
 */
final class SharedEnergy {
  /** CPU time a thread has used, in nanoseconds, or -1 when it cannot be read. */
  interface ThreadCpuClock {
    long cpuNanos(long threadId);

    /** The JVM's own per-thread CPU clock, where it has one. */
    static ThreadCpuClock jvm() {
      ThreadMXBean bean = threadBean();
      return bean == null ? id -> -1 : bean::getThreadCpuTime;
    }
  }

  private final EnergyMeter meter;
  private final ThreadCpuClock threads;
  private final List<Share> open = new ArrayList<>();
  private MeterReading last;

  /** The energy charged so far to one open epoch. */
  static final class Share {
    /** The meter at the epoch's start. */
    final MeterReading start;

    final long threadId;
    final double[] processJoules;
    long cpuNanosAtPieceStart = -1;
    boolean shared;

    Share(MeterReading start, long threadId, int domains) {
      this.start = start;
      this.threadId = threadId;
      this.processJoules = new double[domains];
    }
  }

  SharedEnergy(EnergyMeter meter, ThreadCpuClock threads) {
    this.meter = meter;
    this.threads = threads;
  }

  /** Opens a share for an epoch run by the current thread, starting now. */
  synchronized Share open() {
    Share share = new Share(cut(), Thread.currentThread().getId(), meter.domains().size());
    open.add(share);
    baselineCpu();
    return share;
  }

  /** Closes the share; returns the reading at the epoch's end. */
  synchronized MeterReading close(Share share) {
    MeterReading now = cut();
    open.remove(share);
    baselineCpu();
    return now;
  }

  /** Charges the piece since the last cut to the open shares. */
  private MeterReading cut() {
    MeterReading now = meter.read();
    if (last != null && !open.isEmpty()) {
      if (open.size() == 1) {
        meter.addProcessEnergy(last, now, 1.0, open.get(0).processJoules);
      } else {
        double[] weights = cpuWeights();
        for (int i = 0; i < open.size(); i++) {
          Share s = open.get(i);
          s.shared = true;
          meter.addProcessEnergy(last, now, weights[i], s.processJoules);
        }
      }
    }
    last = now;
    return now;
  }

  private double[] cpuWeights() {
    double[] w = new double[open.size()];
    double sum = 0;
    boolean known = true;
    for (int i = 0; i < open.size() && known; i++) {
      Share s = open.get(i);
      long cpu = threads.cpuNanos(s.threadId);
      if (cpu < 0 || s.cpuNanosAtPieceStart < 0) {
        known = false;
      } else {
        w[i] = Math.max(0, cpu - s.cpuNanosAtPieceStart);
        sum += w[i];
      }
    }
    for (int i = 0; i < w.length; i++) {
      w[i] = known && sum > 0 ? w[i] / sum : 1.0 / w.length;
    }
    return w;
  }

  /** CPU times are needed only while epochs overlap, so they are read only then. */
  private void baselineCpu() {
    if (open.size() < 2) {
      return;
    }
    for (Share s : open) {
      s.cpuNanosAtPieceStart = threads.cpuNanos(s.threadId);
    }
  }

  private static ThreadMXBean threadBean() {
    try {
      ThreadMXBean bean = ManagementFactory.getThreadMXBean();
      return bean.isThreadCpuTimeSupported() && bean.isThreadCpuTimeEnabled() ? bean : null;
    } catch (RuntimeException | LinkageError e) {
      return null;
    }
  }
}
