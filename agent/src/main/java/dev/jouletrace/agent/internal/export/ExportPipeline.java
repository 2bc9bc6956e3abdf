package dev.jouletrace.agent.internal.export;

import dev.jouletrace.accounting.EpochRecord;
import dev.jouletrace.accounting.FrameworkOutcome;
import dev.jouletrace.accounting.RunRecord;
import dev.jouletrace.accounting.forecast.RunForecaster;
import dev.jouletrace.agent.internal.AgentLog;
import dev.jouletrace.agent.internal.lifecycle.EpochMeasurement;
import dev.jouletrace.agent.internal.lifecycle.RunEnd;
import dev.jouletrace.agent.internal.lifecycle.RunOutcome;
import dev.jouletrace.agent.internal.lifecycle.RunSink;
import dev.jouletrace.export.RunListener;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The hand-off from the training thread: events are queued and, on one daemon thread, accounted
 * (carbon) and passed to every output. One output failing never stops the others.
 */
public final class ExportPipeline implements RunSink {
  private final EpochAccounting accounting;
  private final RunForecaster forecaster;
  private final List<RunListener> listeners;
  private final ExecutorService thread;
  private final Map<Integer, RunRecord> runs = new HashMap<>();

  ExportPipeline(
      EpochAccounting accounting, RunForecaster forecaster, List<RunListener> listeners) {
    this.accounting = accounting;
    this.forecaster = forecaster;
    this.listeners = List.copyOf(listeners);
    this.thread =
        new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.MILLISECONDS,
            new LinkedBlockingQueue<>(),
            r -> {
              Thread t = new Thread(r, "jouletrace-export");
              t.setDaemon(true);
              return t;
            });
  }

  @Override
  public void runStarted(
      int runNumber,
      String framework,
      Instant start,
      int plannedEpochs,
      boolean implicit,
      boolean attachedLate) {
    submit(
        () -> {
          RunRecord run =
              RunRecord.started(
                  runNumber, framework, start, plannedEpochs, implicit, attachedLate, forecaster);
          runs.put(runNumber, run);
          for (RunListener l : listeners) {
            deliver(l, () -> l.runStarted(run));
          }
        });
  }

  @Override
  public void epochMeasured(EpochMeasurement epoch) {
    submit(
        () -> {
          RunRecord run = runs.get(epoch.runNumber);
          if (run == null) {
            return;
          }
          EpochRecord record = accounting.account(epoch);
          RunRecord updated = run.withEpoch(record);
          runs.put(epoch.runNumber, updated);
          for (RunListener l : listeners) {
            deliver(l, () -> l.epochFinished(updated, record));
          }
        });
  }

  @Override
  public void runEnded(int runNumber, String status, Instant end) {
    runEnded(runNumber, status, end, null);
  }

  @Override
  public void runEnded(RunEnd end) {
    RunOutcome o = end.outcome;
    FrameworkOutcome outcome =
        o == null
            ? null
            : new FrameworkOutcome(o.bestEpoch, o.bestScore, o.reason, o.validationScores);
    runEnded(end.runNumber, end.status, end.end, outcome);
  }

  private void runEnded(int runNumber, String status, Instant end, FrameworkOutcome outcome) {
    submit(
        () -> {
          RunRecord run = runs.remove(runNumber);
          if (run == null) {
            return;
          }
          RunRecord finished = run.finished(status, end, outcome);
          for (RunListener l : listeners) {
            deliver(l, () -> l.runFinished(finished));
          }
        });
  }

  private void submit(Runnable task) {
    try {
      thread.execute(task);
    } catch (RejectedExecutionException e) {
      AgentLog.warn("an event arrived after shutdown and was dropped");
    }
  }

  private static void deliver(RunListener l, Runnable call) {
    try {
      call.run();
    } catch (Throwable t) {
      AgentLog.internalError(l.getClass().getSimpleName(), t);
    }
  }

  /** Drains every queued event, then closes the outputs; waits at most {@code timeoutMillis}. */
  public void close(long timeoutMillis) {
    thread.shutdown();
    try {
      if (!thread.awaitTermination(timeoutMillis, TimeUnit.MILLISECONDS)) {
        AgentLog.warn("the report could not be finished within " + timeoutMillis + " ms at exit");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (RunListener l : listeners) {
      deliver(l, l::close);
    }
  }
}
