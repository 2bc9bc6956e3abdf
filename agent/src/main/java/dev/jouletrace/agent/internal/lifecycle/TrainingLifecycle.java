package dev.jouletrace.agent.internal.lifecycle;

import dev.jouletrace.agent.bootstrap.TrainingEvents;
import dev.jouletrace.agent.internal.AgentLog;
import dev.jouletrace.agent.internal.meter.EnergyMeter;
import dev.jouletrace.agent.internal.meter.MeterReading;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Turns advice events into runs and epochs, per model. At a boundary it reads the meter once,
 * changes state and hands the measurement to the {@link RunSink}; nothing else happens on the
 * training thread. Every entry point swallows its own failures.
 */
public final class TrainingLifecycle implements TrainingEvents {
  static final String COMPLETED = "completed";
  static final String EARLY_STOPPED = "early_stopped";
  static final String FAILED = "failed";
  static final String INTERRUPTED = "interrupted";

  private final EnergyMeter meter;
  private final RunSink sink;
  private final Map<String, FrameworkPolicy> policies;
  private final ListenerInjector listenerInjector;
  private final boolean attachedLate;
  private final AtomicInteger runCounter = new AtomicInteger();
  private final ModelRegistry<ModelState> models = new ModelRegistry<>();

  /**
   * @param policies per framework name; unknown frameworks get no progress figures
   * @param attachedLate whether the agent was loaded into a JVM already running: runs first seen
   *     through an epoch are then marked as picked up late
   */
  public TrainingLifecycle(
      EnergyMeter meter,
      RunSink sink,
      Map<String, FrameworkPolicy> policies,
      ListenerInjector listenerInjector,
      boolean attachedLate) {
    this.meter = meter;
    this.sink = sink;
    this.policies = Map.copyOf(policies);
    this.listenerInjector = listenerInjector;
    this.attachedLate = attachedLate;
  }

  @Override
  public boolean runEnter(String framework, Object model, int plannedEpochs) {
    try {
      ModelState s = state(framework, model);
      synchronized (s) {
        if (s.runOpen && !s.runImplicit) {
          return false;
        }
        if (s.runOpen) {
          // a user loop of epoch calls is followed by a run-level call: the loop's run is over
          closeRun(s, COMPLETED);
        }
        openRun(s, plannedEpochs, false);
        return true;
      }
    } catch (Throwable t) {
      AgentLog.internalError("run start", t);
      return false;
    }
  }

  @Override
  public void runExit(Object model, Throwable thrown) {
    try {
      ModelState s = models.find(model);
      if (s == null) {
        return;
      }
      synchronized (s) {
        if (!s.runOpen) {
          return;
        }
        String status = statusOf(thrown);
        if (s.epochOpen) {
          closeEpoch(s, model, status.equals(FAILED) ? FAILED : COMPLETED);
        }
        closeRun(s, status);
      }
    } catch (Throwable t) {
      AgentLog.internalError("run end", t);
    }
  }

  @Override
  public boolean epochEnter(String framework, Object model) {
    try {
      ModelState s = state(framework, model);
      synchronized (s) {
        if (s.epochOpen) {
          AgentLog.debug("nested epoch call ignored for " + framework);
          return false;
        }
        if (!s.runOpen) {
          openRun(s, -1, true);
        }
        openEpoch(s, model);
        return true;
      }
    } catch (Throwable t) {
      AgentLog.internalError("epoch start", t);
      return false;
    }
  }

  @Override
  public void epochExit(Object model, Throwable thrown) {
    try {
      ModelState s = models.find(model);
      if (s == null) {
        return;
      }
      synchronized (s) {
        if (s.epochOpen) {
          String status = statusOf(thrown);
          closeEpoch(s, model, status.equals(FAILED) ? FAILED : COMPLETED);
        }
      }
    } catch (Throwable t) {
      AgentLog.internalError("epoch end", t);
    }
  }

  @Override
  public void batch(String framework, Object model) {
    try {
      ModelState s = state(framework, model);
      s.batches.incrementAndGet();
      if (!s.epochOpen && policy(s).batchOpensEpoch) {
        synchronized (s) {
          if (!s.epochOpen) {
            if (!s.runOpen) {
              openRun(s, -1, true);
            }
            openEpoch(s, model);
            // the batch that opened the epoch belongs to it
            s.countedBatchesAtStart--;
          }
        }
      }
    } catch (Throwable t) {
      AgentLog.internalError("batch", t);
    }
  }

  @Override
  public Object trainerCreated(Object trainer, Object listeners) {
    try {
      ModelState s = state("djl", trainer);
      return listenerInjector.inject(trainer, listeners, () -> epochDispatched(s));
    } catch (Throwable t) {
      AgentLog.internalError("DJL trainer set-up", t);
      return listeners;
    }
  }

  private static void epochDispatched(ModelState s) {
    synchronized (s) {
      if (s.epochOpen) {
        s.epochEndPending = true;
      }
    }
  }

  @Override
  public void listenersNotified(Object trainer, Throwable thrown) {
    try {
      // called for every dispatch, once per batch too: the cached lookup allocates nothing
      ModelState s = state("djl", trainer);
      if (!s.epochEndPending) {
        return;
      }
      synchronized (s) {
        if (s.epochEndPending) {
          s.epochEndPending = false;
          if (s.epochOpen) {
            // early stopping throws out of the dispatch; the epoch itself finished normally
            closeEpoch(s, trainer, COMPLETED);
          }
        }
      }
    } catch (Throwable t) {
      AgentLog.internalError("DJL epoch end", t);
    }
  }

  /**
   * At JVM exit: epochs still open end as interrupted; open explicit runs end as interrupted, and
   * implicit runs (user loops, which have no end call) as completed.
   */
  public void closeAll() {
    for (ModelState s : models.all()) {
      try {
        synchronized (s) {
          if (s.epochOpen) {
            closeEpoch(s, s.model.get(), INTERRUPTED);
          }
          if (s.runOpen) {
            closeRun(s, s.runImplicit ? COMPLETED : INTERRUPTED);
          }
        }
      } catch (Throwable t) {
        AgentLog.internalError("shutdown", t);
      }
    }
  }

  private ModelState state(String framework, Object model) {
    return models.get(model, m -> new ModelState(framework, m));
  }

  private FrameworkPolicy policy(ModelState s) {
    return policies.getOrDefault(s.framework, FrameworkPolicy.DEFAULT);
  }

  private void openRun(ModelState s, int plannedEpochs, boolean implicit) {
    s.runNumber = runCounter.incrementAndGet();
    s.runOpen = true;
    s.runImplicit = implicit;
    s.nextEpochIndex = 0;
    MeterReading now = meter.read();
    sink.runStarted(
        s.runNumber, s.framework, now.time(), plannedEpochs, implicit, implicit && attachedLate);
  }

  private void closeRun(ModelState s, String status) {
    s.runOpen = false;
    sink.runEnded(s.runNumber, status, java.time.Instant.now());
  }

  private void openEpoch(ModelState s, Object model) {
    s.epochOpen = true;
    s.epochEndPending = false;
    s.epochIndex = s.nextEpochIndex++;
    s.countedBatchesAtStart = s.batches.get();
    s.frameworkBatchesAtStart = model == null ? -1 : policy(s).progress.batchesSoFar(model);
    s.epochStart = meter.read();
  }

  private void closeEpoch(ModelState s, Object model, String status) {
    MeterReading end = meter.read();
    s.epochOpen = false;
    long counted = s.batches.get() - s.countedBatchesAtStart;
    long batches = counted;
    EpochMetrics metrics = EpochMetrics.NONE;
    if (model != null) {
      ProgressReader progress = policy(s).progress;
      if (counted <= 0 && s.frameworkBatchesAtStart >= 0) {
        long now = progress.batchesSoFar(model);
        batches = now >= 0 ? now - s.frameworkBatchesAtStart : 0;
      }
      metrics = progress.metrics(model);
    }
    sink.epochMeasured(
        new EpochMeasurement(
            s.runNumber,
            s.framework,
            s.epochIndex,
            status,
            s.epochStart.time(),
            end.time(),
            Math.max(0, batches),
            metrics,
            meter.between(s.epochStart, end)));
  }

  /** A normal early stop leaves by an exception (DJL EarlyStoppedException). */
  static String statusOf(Throwable thrown) {
    if (thrown == null) {
      return COMPLETED;
    }
    for (Class<?> c = thrown.getClass(); c != null; c = c.getSuperclass()) {
      if (c.getSimpleName().equals("EarlyStoppedException")) {
        return EARLY_STOPPED;
      }
    }
    return FAILED;
  }
}
