package dev.jouletrace.agent.internal.lifecycle;

import dev.jouletrace.agent.internal.meter.EnergyMeter;
import dev.jouletrace.agent.internal.meter.MeterReading;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;

/**
 * Charges the JVM's energy to what is training at the time. The time line is cut at every boundary
 * of any model (an epoch opening or closing, a run starting or ending); the energy of each piece
 * goes to the shares open during it: all of it to a lone share, and where several overlap, split by
 * the CPU time each one's thread used in the piece (equally when a thread's CPU time cannot be
 * read). An epoch has a share while it is open; a run has one of its own while none of its epochs
 * is open, so that the time between epochs (scoring, checkpoints, data loading) belongs to its run
 * and a run's energy is the counters' difference over it. Epochs that overlap another model's epoch
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

  /** The energy charged so far to one epoch, or to a run between its epochs. */
  static class Share {
    /** The meter when the share was opened. */
    final MeterReading start;

    final long threadId;
    final double[] processJoules;
    final double[] deviceJoules;
    long cpuNanosAtPieceStart = -1;

    /** An epoch share overlapped another model's epoch. */
    boolean shared;

    /** Why a piece charged to this share is not what the counters gave, or null (the latest). */
    String fault;

    Share(MeterReading start, long threadId, int domains) {
      this.start = start;
      this.threadId = threadId;
      this.processJoules = new double[domains];
      this.deviceJoules = new double[domains];
    }

    boolean isEpoch() {
      return true;
    }
  }

  /**
   * A run's own share: charged while none of its epochs is open. What it took before its latest
   * epoch opened is committed; what it took since is only the run's if the run ends now, not when
   * it ends back at its last epoch's end (an idle run).
   */
  static final class RunShare extends Share {
    final double[] committedProcess;
    final double[] committedDevice;

    RunShare(MeterReading start, long threadId, int domains) {
      super(start, threadId, domains);
      this.committedProcess = new double[domains];
      this.committedDevice = new double[domains];
    }

    @Override
    boolean isEpoch() {
      return false;
    }

    private void commit() {
      System.arraycopy(processJoules, 0, committedProcess, 0, processJoules.length);
      System.arraycopy(deviceJoules, 0, committedDevice, 0, deviceJoules.length);
    }
  }

  SharedEnergy(EnergyMeter meter, ThreadCpuClock threads) {
    this.meter = meter;
    this.threads = threads;
  }

  /**
   * Opens a share for an epoch run by the current thread, starting now; the run's own share, if
   * given, pauses while the epoch is open (what it took so far is committed).
   */
  synchronized Share openEpoch(RunShare run) {
    MeterReading now = cut();
    if (run != null) {
      remove(run);
      run.commit();
    }
    Share share = new Share(now, Thread.currentThread().getId(), meter.domains().size());
    add(share);
    return share;
  }

  /**
   * Closes an epoch's share; the run's own share, if given, takes the time between epochs again.
   * Returns the reading at the epoch's end.
   */
  synchronized MeterReading closeEpoch(Share share, RunShare run) {
    MeterReading now = cut();
    remove(share);
    if (run != null && !open.contains(run)) {
      add(run);
    }
    return now;
  }

  /**
   * An epoch share that did not become an epoch (batches a late attach caught mid-epoch): what it
   * took goes to the run, which takes the time again.
   */
  synchronized void giveBack(Share share, RunShare run) {
    cut();
    remove(share);
    if (run != null) {
      for (int i = 0; i < share.processJoules.length; i++) {
        run.processJoules[i] += share.processJoules[i];
        run.deviceJoules[i] += share.deviceJoules[i];
      }
      run.commit();
      if (!open.contains(run)) {
        add(run);
      }
    }
  }

  /** Opens a run's own share, starting now, taken by the current thread. */
  synchronized RunShare openRun() {
    RunShare share = new RunShare(cut(), Thread.currentThread().getId(), meter.domains().size());
    add(share);
    return share;
  }

  /**
   * A run's own share that starts paused: the run opens with an epoch (or a window of batches),
   * whose share is opened next, so the meter is read once for both.
   */
  RunShare pausedRun() {
    return new RunShare(null, Thread.currentThread().getId(), meter.domains().size());
  }

  /**
   * The run ended: its share is closed. Returns the reading at the end; with {@code atLastEpoch}
   * what it took after its last epoch is given back (the run ends back then), otherwise it is kept.
   */
  synchronized MeterReading closeRun(RunShare share, boolean atLastEpoch) {
    MeterReading now = cut();
    remove(share);
    if (atLastEpoch) {
      System.arraycopy(
          share.committedProcess, 0, share.processJoules, 0, share.processJoules.length);
      System.arraycopy(share.committedDevice, 0, share.deviceJoules, 0, share.deviceJoules.length);
    }
    return now;
  }

  private void add(Share share) {
    open.add(share);
    baselineCpu();
  }

  private void remove(Share share) {
    open.remove(share);
    baselineCpu();
  }

  /** Charges the piece since the last cut to the open shares. */
  private MeterReading cut() {
    MeterReading now = meter.read();
    String fault = last == null ? null : EnergyMeter.fault(last, now);
    if (fault != null) {
      for (Share s : open) {
        s.fault = fault;
      }
    }
    if (last != null && !open.isEmpty()) {
      if (open.size() == 1) {
        Share s = open.get(0);
        meter.addProcessEnergy(last, now, 1.0, s.processJoules);
        meter.addDeviceEnergy(last, now, s.deviceJoules);
      } else {
        double[] weights = cpuWeights();
        int epochs = 0;
        for (Share s : open) {
          epochs += s.isEpoch() ? 1 : 0;
        }
        for (int i = 0; i < open.size(); i++) {
          Share s = open.get(i);
          s.shared |= s.isEpoch() && epochs > 1;
          meter.addProcessEnergy(last, now, weights[i], s.processJoules);
          meter.addDeviceEnergy(last, now, s.deviceJoules);
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
    if (known && sum > 0) {
      for (int i = 0; i < w.length; i++) {
        w[i] /= sum;
      }
      return w;
    }
    // without CPU times, the epochs open split the piece equally; a run between its epochs takes
    // a part only when no epoch is open (its thread may well be idle)
    int epochs = 0;
    for (Share s : open) {
      epochs += s.isEpoch() ? 1 : 0;
    }
    for (int i = 0; i < w.length; i++) {
      Share s = open.get(i);
      w[i] = epochs == 0 ? 1.0 / w.length : s.isEpoch() ? 1.0 / epochs : 0;
    }
    return w;
  }

  /** CPU times are needed only while shares overlap, so they are read only then. */
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
