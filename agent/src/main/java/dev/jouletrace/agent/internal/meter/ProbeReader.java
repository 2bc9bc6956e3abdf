package dev.jouletrace.agent.internal.meter;

import dev.jouletrace.probe.EnergyDomain;
import dev.jouletrace.probe.EnergyProbe;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Reads the probes on a daemon thread of its own, so that no training thread ever calls a probe: a
 * caller hands over a request and waits at most {@link #WAIT_NANOS} for the reading (docs/
 * PROBES.md §6). A read that does not answer in time gives the caller the last reading, labelled
 * late; while a read is already that late, callers do not wait at all. A probe whose read has not
 * answered for {@link #HUNG_NANOS} is abandoned: its thread is left behind (a daemon stuck in the
 * native call), a new reader thread reads the other probes, and the abandoned probe's domains keep
 * their last good values. Each probe's faults are said once per kind, except a read merely late,
 * which is only labelled.
 */
final class ProbeReader implements AutoCloseable {
  /** The longest a caller waits for a reading. */
  static final long WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

  /** A probe read in progress this long is abandoned. */
  static final long HUNG_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final List<EnergyProbe> probes;
  private final List<EnergyDomain> domains;
  private final int[] offsets;
  private final Consumer<String> problems;
  private final ConcurrentLinkedQueue<Request> queue = new ConcurrentLinkedQueue<>();
  private final Object lock = new Object();

  /** True when no probe's read can hang: every read is then made on the caller's thread. */
  private final boolean inline;

  /** Serialises the reads made on callers' threads (a training thread and the sampler). */
  private final Object inlineReads = new Object();

  // guarded by lock
  private final CounterGuard guard;
  private final boolean[] abandoned;
  private final List<Set<ReadFault>> said;
  private long faults;
  private String latestReason;
  private int workers;
  private boolean closed;

  private volatile Worker worker;

  ProbeReader(
      List<EnergyProbe> probes,
      List<EnergyDomain> domains,
      int[] offsets,
      Consumer<String> problems) {
    this.probes = probes;
    this.domains = domains;
    this.offsets = offsets;
    this.problems = problems;
    this.inline = probes.stream().noneMatch(EnergyProbe::readMayHang);
    this.guard = new CounterGuard(domains);
    this.abandoned = new boolean[probes.size()];
    this.said = new ArrayList<>();
    for (int i = 0; i < probes.size(); i++) {
      said.add(EnumSet.noneOf(ReadFault.class));
    }
  }

  /** A reading of every probe, stamped {@code at} (now when null), within the wait bound. */
  MeterReading read(Instant at) {
    if (inline) {
      // no probe can hang: read here, with no hand-off between threads (two thread switches that
      // cost about 100 µs an epoch on 2 cores, docs/BENCHMARKS.md)
      synchronized (inlineReads) {
        MeterReading r = readProbes(null);
        return at != null ? r.at(at) : r;
      }
    }
    Worker w = worker();
    if (w == null) {
      return stalled(null, -1, 0, at);
    }
    long started = System.nanoTime();
    int busy = w.probe;
    if (busy >= 0 && started - w.since > WAIT_NANOS) {
      return stalled(w, busy, started - w.since, at);
    }
    Request r = new Request(Thread.currentThread(), at);
    queue.add(r);
    LockSupport.unpark(w);
    long deadline = started + WAIT_NANOS;
    while (r.state == Request.PENDING) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        break;
      }
      LockSupport.parkNanos(this, left);
    }
    if (r.giveUp()) {
      int probe = w.probe;
      return stalled(w, probe, probe >= 0 ? System.nanoTime() - w.since : 0, at);
    }
    return r.reading;
  }

  private Worker worker() {
    Worker w = worker;
    if (w != null) {
      return w;
    }
    synchronized (lock) {
      if (worker == null && !closed) {
        startWorker();
      }
      return worker;
    }
  }

  /** Starts a new reader thread, the current one from now on; called under the lock. */
  private void startWorker() {
    Worker w = new Worker(++workers);
    worker = w; // before it runs: it reads while it is the current one
    w.start();
  }

  /**
   * No fresh reading within the wait: the last values, labelled; a probe stuck longer than {@link
   * #HUNG_NANOS} is abandoned.
   */
  private MeterReading stalled(Worker w, int probe, long busyNanos, Instant at) {
    synchronized (lock) {
      ReadFault fault = ReadFault.LATE;
      if (probe >= 0 && busyNanos > HUNG_NANOS) {
        fault = ReadFault.HUNG;
        if (w == worker && !abandoned[probe]) {
          abandoned[probe] = true;
          worker = null;
          if (!closed) {
            startWorker();
          }
        }
      }
      String reason =
          probe >= 0
              ? reason(probe, fault, -1)
              : "the meter's reader did not answer within " + millis(WAIT_NANOS) + " ms";
      if (probe >= 0) {
        sayOnce(probe, fault, reason);
      }
      double[] device = new double[domains.size()];
      double[] process = new double[domains.size()];
      guard.hold(device, process, 0, domains.size());
      faults++;
      latestReason = reason;
      return new MeterReading(
          at != null ? at : Instant.now(), device, process, faults, true, reason);
    }
  }

  /**
   * Reads every probe not abandoned, on the reader thread {@code w} (null: on the caller's, when no
   * probe can hang); null when this reader was replaced.
   */
  private MeterReading readProbes(Worker w) {
    int n = domains.size();
    double[] device = new double[n];
    double[] process = new double[n];
    ReadFault[] failed = new ReadFault[probes.size()];
    boolean[] skipped = new boolean[probes.size()];
    for (int i = 0; i < probes.size(); i++) {
      boolean skip;
      synchronized (lock) {
        skip = abandoned[i];
      }
      skipped[i] = skip;
      if (skip) {
        continue;
      }
      EnergyProbe probe = probes.get(i);
      int size = end(i) - offsets[i];
      double[] d = new double[size];
      double[] p = new double[size];
      if (w != null) {
        w.since = System.nanoTime();
        w.probe = i;
      }
      try {
        probe.read(d, p);
      } catch (Throwable t) {
        // read() is specified not to throw; a broken probe must still not stop the meter
        failed[i] = ReadFault.FAILED;
        Arrays.fill(d, Double.NaN);
        Arrays.fill(p, Double.NaN);
      }
      if (w != null) {
        w.probe = -1;
      }
      System.arraycopy(d, 0, device, offsets[i], size);
      System.arraycopy(p, 0, process, offsets[i], size);
    }
    long now = System.nanoTime();
    synchronized (lock) {
      if (w != null && w != worker) {
        return null;
      }
      String reason = null;
      for (int i = 0; i < probes.size(); i++) {
        ReadFault fault;
        int domain = -1;
        if (skipped[i] || abandoned[i]) {
          guard.hold(device, process, offsets[i], end(i));
          fault = ReadFault.HUNG;
        } else {
          fault = guard.apply(device, process, offsets[i], end(i), now);
          domain = guard.faultDomain();
          if (failed[i] != null) {
            fault = failed[i];
          }
        }
        if (fault != null) {
          String r = reason(i, fault, fault == ReadFault.FAILED ? -1 : domain);
          sayOnce(i, fault, r);
          if (reason == null) {
            reason = r;
          }
        }
      }
      if (reason != null) {
        faults++;
        latestReason = reason;
      }
      MeterReading reading =
          new MeterReading(Instant.now(), device, process, faults, reason != null, latestReason);
      return reading;
    }
  }

  private int end(int probe) {
    return probe + 1 < offsets.length ? offsets[probe + 1] : domains.size();
  }

  private String reason(int probe, ReadFault fault, int domain) {
    return "probe "
        + probes.get(probe).name()
        + " "
        + (domain >= 0 ? domains.get(domain).id() + " " : "")
        + fault.words();
  }

  private void sayOnce(int probe, ReadFault fault, String reason) {
    // a read merely late (a busy machine can delay any thread) is labelled, not said
    if (fault == ReadFault.LATE || !said.get(probe).add(fault)) {
      return;
    }
    String what;
    switch (fault) {
      case HUNG:
        what =
            ": no answer for "
                + millis(HUNG_NANOS)
                + " ms, so it is no longer read (the thread stuck in it is left behind)"
                + " and its domains keep their last good values";
        break;
      default:
        what = ": the last good value is kept and nothing is charged for it";
        break;
    }
    problems.accept(
        reason + what + "; the figures affected are labelled estimated with this reason");
  }

  private static long millis(long nanos) {
    return TimeUnit.NANOSECONDS.toMillis(nanos);
  }

  /** Whether a probe was abandoned because its read hung. */
  boolean abandoned(int probe) {
    synchronized (lock) {
      return abandoned[probe];
    }
  }

  @Override
  public void close() {
    Worker w;
    synchronized (lock) {
      closed = true;
      w = worker;
      worker = null;
    }
    if (w != null) {
      LockSupport.unpark(w);
    }
  }

  /** One caller's wait for a reading. */
  private static final class Request {
    static final int PENDING = 0;
    static final int DONE = 1;
    static final int GIVEN_UP = 2;
    private static final AtomicIntegerFieldUpdater<Request> STATE =
        AtomicIntegerFieldUpdater.newUpdater(Request.class, "state");

    final Thread caller;
    final Instant at;
    volatile int state;
    MeterReading reading;

    Request(Thread caller, Instant at) {
      this.caller = caller;
      this.at = at;
    }

    void complete(MeterReading r) {
      reading = at != null ? r.at(at) : r;
      if (STATE.compareAndSet(this, PENDING, DONE)) {
        LockSupport.unpark(caller);
      }
    }

    /** True when the caller stops waiting before the reading came. */
    boolean giveUp() {
      return STATE.compareAndSet(this, PENDING, GIVEN_UP);
    }
  }

  /** The reader thread: serves every request queued before it starts reading. */
  private final class Worker extends Thread {
    /** The probe being read, or -1. */
    volatile int probe = -1;

    /** {@link System#nanoTime()} when that read began. */
    volatile long since;

    Worker(int number) {
      super("jouletrace-probe-reader-" + number);
      setDaemon(true);
    }

    @Override
    public void run() {
      List<Request> batch = new ArrayList<>();
      while (worker == this) {
        Request r = queue.poll();
        if (r == null) {
          LockSupport.park(this);
          continue;
        }
        batch.clear();
        do {
          batch.add(r);
          r = queue.poll();
        } while (r != null);
        MeterReading reading;
        try {
          reading = readProbes(this);
        } catch (RuntimeException e) {
          // a fault of the meter itself: these callers get the last values when their wait ends
          problems.accept("the meter's reader failed (" + e + "); readings keep their last values");
          continue;
        }
        if (reading == null) {
          return;
        }
        for (Request q : batch) {
          q.complete(reading);
        }
      }
    }
  }
}
