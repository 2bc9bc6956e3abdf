package dev.jouletrace.agent.internal.pipeline;

import dev.jouletrace.accounting.EpochAccount;
import dev.jouletrace.accounting.EpochRecord;
import dev.jouletrace.accounting.ExecutorTask;
import dev.jouletrace.accounting.RunEnd;
import dev.jouletrace.accounting.RunLedger;
import dev.jouletrace.accounting.RunStart;
import dev.jouletrace.accounting.forecast.RunForecaster;
import dev.jouletrace.agent.internal.AgentLog;
import dev.jouletrace.agent.internal.lifecycle.ClusterLink;
import dev.jouletrace.agent.internal.lifecycle.RunSink;
import dev.jouletrace.export.RunListener;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The hand-off from the training thread to the one export thread, which accounts each epoch once
 * (carbon, efficiency, forecast) and passes it to every output. The training thread only puts the
 * measured record in a lock-free queue: it never blocks, never waits for the export side and never
 * shares a lock with it. The queue is bounded: an epoch that finds it full is dropped and counted,
 * and the loss is said once and written into the report; run boundaries are never dropped.
 */
public final class ExportPipeline implements RunSink {
  /** Epochs that may wait for the export thread; more than that are dropped and counted. */
  static final int CAPACITY = 16_384;

  /** How long the export thread sleeps when it has nothing to do. */
  static final long IDLE_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

  private final EpochAccounting accounting;
  private final RunForecaster forecaster;
  private final List<RunListener> listeners;
  private final ConcurrentLinkedQueue<Object> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger queued = new AtomicInteger();
  private final Map<Integer, AtomicLong> dropped = new ConcurrentHashMap<>();
  private final AtomicLong droppedTotal = new AtomicLong();
  private final Thread thread;
  private volatile boolean closing;
  private volatile boolean closed;
  private long deadlineNanos;

  // export thread only
  private final Map<Integer, RunLedger> runs = new HashMap<>();

  /** A Spark driver's executors' figures, added to its epochs before they are accounted. */
  private final ExecutorInbox executors = new ExecutorInbox();

  ExportPipeline(
      EpochAccounting accounting, RunForecaster forecaster, List<RunListener> listeners) {
    this.accounting = accounting;
    this.forecaster = forecaster;
    this.listeners = List.copyOf(listeners);
    this.thread = new Thread(this::loop, "jouletrace-export");
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public void runStarted(RunStart start) {
    offer(start);
  }

  @Override
  public void epochMeasured(EpochRecord epoch) {
    if (queued.get() >= CAPACITY || closed) {
      dropped.computeIfAbsent(epoch.runNumber(), n -> new AtomicLong()).incrementAndGet();
      if (droppedTotal.getAndIncrement() == 0) {
        AgentLog.warn(
            "the export side fell behind the training and dropped a finished epoch (run "
                + epoch.runNumber()
                + ", epoch "
                + epoch.index()
                + "); every epoch dropped is counted in report.json (epochs_lost)");
      }
      return;
    }
    offer(epoch);
  }

  @Override
  public void runEnded(RunEnd end) {
    offer(end);
  }

  @Override
  public void taskMeasured(ExecutorTask task) {
    // only its span waits for it (the driver has the figures through Spark): a full queue skips it
    if (queued.get() < CAPACITY) {
      offer(task);
    }
  }

  /**
   * Where a Spark driver's executors' figures come from, for the epochs of runs of {@code
   * framework}.
   */
  public void receiveExecutorFigures(ClusterLink link, String framework) {
    executors.connect(link, framework);
  }

  private void offer(Object event) {
    if (closed) {
      return;
    }
    queued.incrementAndGet();
    queue.offer(event);
  }

  /** Epochs dropped because the queue was full, over the JVM's life. */
  public long epochsDropped() {
    return droppedTotal.get();
  }

  private void loop() {
    try {
      while (true) {
        drain();
        if (closing && queue.isEmpty()) {
          break;
        }
        long now = System.nanoTime();
        for (RunListener l : listeners) {
          deliver(l, () -> l.idle(now));
        }
        if (!closing) {
          LockSupport.parkNanos(this, IDLE_NANOS);
        }
      }
      for (RunListener l : listeners) {
        deliver(l, () -> l.close(deadlineNanos));
      }
    } catch (Throwable t) {
      AgentLog.internalError("export", t);
    }
  }

  private void drain() {
    Object event;
    while ((event = queue.poll()) != null) {
      queued.decrementAndGet();
      try {
        handle(event);
      } catch (Throwable t) {
        AgentLog.internalError("export", t);
      }
      if (closing && System.nanoTime() - deadlineNanos > 0) {
        return;
      }
    }
  }

  private void handle(Object event) {
    if (event instanceof EpochRecord) {
      EpochRecord epoch = executors.attach((EpochRecord) event);
      RunLedger run = runs.get(epoch.runNumber());
      if (run == null) {
        return;
      }
      EpochAccount account = run.add(epoch, accounting.carbonOf(epoch));
      for (RunListener l : listeners) {
        deliver(l, () -> l.epochFinished(run, account));
      }
    } else if (event instanceof RunStart) {
      RunLedger run = new RunLedger((RunStart) event, forecaster);
      runs.put(run.number(), run);
      for (RunListener l : listeners) {
        deliver(l, () -> l.runStarted(run));
      }
    } else if (event instanceof ExecutorTask) {
      ExecutorTask task = (ExecutorTask) event;
      for (RunListener l : listeners) {
        deliver(l, () -> l.executorTaskFinished(task));
      }
    } else if (event instanceof RunEnd) {
      RunEnd end = (RunEnd) event;
      RunLedger run = runs.remove(end.number());
      if (run == null) {
        return;
      }
      AtomicLong lost = dropped.remove(end.number());
      for (long i = lost == null ? 0 : lost.get(); i > 0; i--) {
        run.epochLost();
      }
      run.finish(end, accounting.carbonBetween(run, end));
      for (RunListener l : listeners) {
        deliver(l, () -> l.runFinished(run));
      }
    }
  }

  private static void deliver(RunListener l, Runnable call) {
    try {
      call.run();
    } catch (Throwable t) {
      AgentLog.internalError(l.getClass().getSimpleName(), t);
    }
  }

  /**
   * Lets the export thread hand over every queued event and close the outputs, waiting until {@code
   * deadlineNanos} ({@link System#nanoTime()}) at the latest.
   *
   * @return true when everything was written in time
   */
  public boolean close(long deadlineNanos) {
    this.deadlineNanos = deadlineNanos;
    closing = true;
    LockSupport.unpark(thread);
    try {
      long wait = deadlineNanos - System.nanoTime();
      if (wait > 0) {
        thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(wait)));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    closed = true;
    if (thread.isAlive()) {
      AgentLog.warn(
          "the report could not be finished within jouletrace.exit.timeout_ms at exit ("
              + queued.get()
              + " events still queued); every epoch flushed before is in epochs.jsonl and"
              + " epochs.csv");
      return false;
    }
    return true;
  }
}
