package dev.jouletrace.agent.internal.lifecycle;

import dev.jouletrace.accounting.DomainEnergy;
import dev.jouletrace.accounting.carbon.EnergySlice;
import dev.jouletrace.agent.bootstrap.TrainingEvents;
import dev.jouletrace.agent.internal.AgentLog;
import dev.jouletrace.agent.internal.lifecycle.ModelState.RunKind;
import dev.jouletrace.agent.internal.meter.EnergyMeter;
import dev.jouletrace.agent.internal.meter.HourMarks;
import dev.jouletrace.agent.internal.meter.MeterReading;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Turns advice events into runs and epochs, per model. At a boundary it reads the meter once,
 * changes state and hands the measurement to the {@link RunSink}; per batch it only counts. Every
 * entry point swallows its own failures.
 *
 * <p>A run is a run-level call ({@link RunKind#CALL}); else a DJL trainer's lifetime ({@link
 * RunKind#LIFETIME}); else the epochs of a model with no run call ({@link RunKind#IMPLICIT}), which
 * ends at the model's next run call, when the model is idle longer than the idle timeout, when it
 * is garbage collected, or at JVM exit. Epochs of a run are indexed from 0 without gaps.
 */
public final class TrainingLifecycle implements TrainingEvents {
  static final String COMPLETED = "completed";
  static final String EARLY_STOPPED = "early_stopped";
  static final String FAILED = "failed";
  static final String INTERRUPTED = "interrupted";

  private final EnergyMeter meter;
  private final SharedEnergy sharedEnergy;
  private final RunSink sink;
  private final Map<String, FrameworkPolicy> policies;
  private final ListenerInjector listenerInjector;
  private final boolean attachedLate;
  private final long idleTimeoutNanos;
  private volatile BatchSpans batchSpans = BatchSpans.OFF;
  private volatile HourMarks hourMarks;
  private final AtomicInteger runCounter = new AtomicInteger();
  private final ModelRegistry<ModelState> models;

  public TrainingLifecycle(
      EnergyMeter meter,
      RunSink sink,
      Map<String, FrameworkPolicy> policies,
      ListenerInjector listenerInjector,
      boolean attachedLate) {
    this(meter, sink, policies, listenerInjector, attachedLate, Duration.ZERO);
  }

  /**
   * @param policies per framework name; unknown frameworks get no progress figures
   * @param attachedLate whether the agent was loaded into a JVM already running: runs first seen
   *     through an epoch are then marked as picked up late
   * @param idleTimeout how long a run without an end call (implicit, trainer lifetime) may go
   *     without a batch before {@link #sweep} ends it; zero for never
   */
  public TrainingLifecycle(
      EnergyMeter meter,
      RunSink sink,
      Map<String, FrameworkPolicy> policies,
      ListenerInjector listenerInjector,
      boolean attachedLate,
      Duration idleTimeout) {
    this(
        meter,
        sink,
        policies,
        listenerInjector,
        attachedLate,
        idleTimeout,
        SharedEnergy.ThreadCpuClock.jvm());
  }

  TrainingLifecycle(
      EnergyMeter meter,
      RunSink sink,
      Map<String, FrameworkPolicy> policies,
      ListenerInjector listenerInjector,
      boolean attachedLate,
      Duration idleTimeout,
      SharedEnergy.ThreadCpuClock threadCpu) {
    this.meter = meter;
    this.sharedEnergy = new SharedEnergy(meter, threadCpu);
    this.sink = sink;
    this.policies = Map.copyOf(policies);
    this.listenerInjector = listenerInjector;
    this.attachedLate = attachedLate;
    this.idleTimeoutNanos = idleTimeout.toNanos();
    this.models = new ModelRegistry<>(this::newState, this::collected);
  }

  /** Splits epochs at clock hours for hourly intensity series; without it, one slice each. */
  public void splitAtHours(HourMarks marks) {
    this.hourMarks = marks;
  }

  /** Which batches to measure on their own; off unless configured. */
  public void measureBatches(BatchSpans which) {
    this.batchSpans = which;
  }

  private ModelState newState(String framework, Object model) {
    return new ModelState(
        framework, model, policies.getOrDefault(framework, FrameworkPolicy.DEFAULT));
  }

  // ---- runs

  @Override
  public boolean runEnter(String framework, Object model, int plannedEpochs) {
    try {
      ModelState s = models.get(framework, model);
      synchronized (s) {
        if (s.runOpen && s.runKind == RunKind.CALL) {
          return false;
        }
        if (s.runOpen) {
          // a loop of epoch calls, or a trainer's hand-written loop, is followed by a run call
          endRun(s, normalEnd(s), null, Instant.now());
        }
        openRun(s, plannedEpochs, RunKind.CALL, Instant.now());
        return true;
      }
    } catch (Throwable t) {
      AgentLog.internalError("run start", t);
      return false;
    }
  }

  @Override
  public void runExit(Object model, Object result, Throwable thrown) {
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
        RunOutcome outcome = result == null ? null : s.policy.progress.outcome(result);
        if (thrown == null && outcome != null && outcome.status != null) {
          status = outcome.status;
        } else if (status.equals(COMPLETED) && s.earlyStopped) {
          status = EARLY_STOPPED;
        }
        endRun(s, status, outcome, Instant.now());
      }
    } catch (Throwable t) {
      AgentLog.internalError("run end", t);
    }
  }

  @Override
  public void trainingEnded(Object model) {
    try {
      ModelState s = models.find(model);
      if (s != null) {
        lifetimeEnded(s);
      }
    } catch (Throwable t) {
      AgentLog.internalError("training end", t);
    }
  }

  /** The end of a trainer's lifetime ends the run it made; a run call's run ends with the call. */
  private void lifetimeEnded(ModelState s) {
    synchronized (s) {
      s.createdAt = null;
      if (s.runOpen && s.runKind != RunKind.CALL) {
        endRun(s, normalEnd(s), null, Instant.now());
      }
    }
  }

  // ---- epochs

  @Override
  public boolean epochEnter(String framework, Object model) {
    try {
      ModelState s = models.get(framework, model);
      synchronized (s) {
        if (s.epochOpen) {
          AgentLog.debug("nested epoch call ignored for " + framework);
          return false;
        }
        openEpoch(s, model, false);
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
          closeEpoch(s, model, statusOf(thrown).equals(FAILED) ? FAILED : COMPLETED);
        }
      }
    } catch (Throwable t) {
      AgentLog.internalError("epoch end", t);
    }
  }

  @Override
  public void epochCounted(String framework, Object model) {
    try {
      ModelState s = models.get(framework, model);
      synchronized (s) {
        if (s.epochOpen) {
          // inside an epoch call (DL4J fit(iterator) counts its own epoch): that call ends it.
          // A DJL loop that never dispatches onEpoch: a new pass over a dataset, outside
          // validation and after some batches, ends the epoch.
          if (s.epochLazy
              && !s.onEpochSeen
              && s.validationStart == null
              && s.batches.get() + s.steps.get() > s.batchesAtStart + s.stepsAtStart) {
            closeEpoch(s, model, COMPLETED);
          }
          return;
        }
        MeterReading start = s.pendingStart;
        if (attachedLate && !s.boundarySeen) {
          // attached in the middle of this epoch: only its end is a boundary to count from
          s.boundarySeen = true;
          s.pendingStart = null;
          return;
        }
        s.boundarySeen = true;
        if (start == null || s.batches.get() == s.pendingBatchesAtStart) {
          return; // no batch since the last boundary: no epoch
        }
        // a hand-written minibatch loop: the batches since the last boundary were one epoch
        s.pendingStart = null;
        if (!s.runOpen) {
          openRun(s, -1, RunKind.IMPLICIT, start.time());
        }
        beginEpoch(s, model, start, null);
        s.batchesAtStart = s.pendingBatchesAtStart;
        s.samplesAtStart = s.pendingSamplesAtStart;
        closeEpoch(s, model, COMPLETED);
      }
    } catch (Throwable t) {
      AgentLog.internalError("epoch count", t);
    }
  }

  // ---- batches: no allocation, no I/O except a meter read at an epoch's first batch

  @Override
  public void batch(String framework, Object model) {
    try {
      ModelState s = models.get(framework, model);
      s.batches.incrementAndGet();
      s.lastActivityNanos = System.nanoTime();
      if (!s.epochOpen) {
        firstBatchOutsideEpoch(s, model, true);
      }
      if (batchSpans != BatchSpans.OFF && s.epochOpen) {
        batchStarted(s);
      }
    } catch (Throwable t) {
      AgentLog.internalError("batch", t);
    }
  }

  /** Opt-in: a meter read at the start of a batch measured on its own. */
  private void batchStarted(ModelState s) {
    synchronized (s) {
      long index = s.batches.get() - s.batchesAtStart - 1;
      if (s.epochOpen && s.batchStart == null && batchSpans.measures(index)) {
        s.batchIndex = index;
        s.batchStart = meter.read();
      }
    }
  }

  @Override
  public void step(String framework, Object model) {
    try {
      ModelState s = models.get(framework, model);
      s.steps.incrementAndGet();
      s.lastActivityNanos = System.nanoTime();
      if (!s.epochOpen && s.policy.batchOpensEpoch) {
        firstBatchOutsideEpoch(s, model, false);
      }
    } catch (Throwable t) {
      AgentLog.internalError("step", t);
    }
  }

  /**
   * DJL has no epoch-begin event: the first batch (or step) opens the epoch. Elsewhere the first
   * batch outside an epoch is noted, in case the loop later counts an epoch itself.
   */
  private void firstBatchOutsideEpoch(ModelState s, Object model, boolean isBatch) {
    if (s.policy.batchOpensEpoch) {
      if (attachedLate && !s.probed) {
        return; // a DJL trainer made before the attach: its epoch ends are invisible
      }
      synchronized (s) {
        if (!s.epochOpen) {
          openEpoch(s, model, true);
          // the batch that opened the epoch belongs to it
          if (isBatch) {
            s.batchesAtStart--;
          } else {
            s.stepsAtStart--;
          }
        }
      }
    } else if (s.pendingStart == null) {
      synchronized (s) {
        if (!s.epochOpen && s.pendingStart == null) {
          s.pendingBatchesAtStart = s.batches.get() - 1;
          s.pendingSamplesAtStart = s.samples.get();
          s.resetLosses();
          s.pendingStart = meter.read();
        }
      }
    }
  }

  @Override
  public void batchEnd(Object model, Object batch) {
    try {
      ModelState s = models.find(model);
      if (s == null) {
        return;
      }
      int rows = s.policy.progress.batchSamples(model, batch);
      if (rows > 0) {
        s.samples.addAndGet(rows);
      }
      double loss = s.policy.progress.batchLoss(model);
      if (!Double.isNaN(loss)) {
        synchronized (s) {
          s.lossSum += loss;
          s.lossCount++;
          s.lastLoss = loss;
        }
      }
      if (s.batchStart != null) {
        batchMeasured(s, loss);
      }
    } catch (Throwable t) {
      AgentLog.internalError("batch end", t);
    }
  }

  private void batchMeasured(ModelState s, double loss) {
    synchronized (s) {
      MeterReading start = s.batchStart;
      if (start == null) {
        return;
      }
      s.batchStart = null;
      MeterReading end = meter.read();
      s.batchWindows.add(
          new BatchWindow(
              s.batchIndex,
              start.time(),
              end.time(),
              meter.between(start, end),
              Double.isNaN(loss) ? null : loss));
    }
  }

  @Override
  public void workerBatch(String framework, Object model) {
    try {
      ModelState s = models.get(framework, model);
      s.workerBatches.incrementAndGet();
      s.lastActivityNanos = System.nanoTime();
    } catch (Throwable t) {
      AgentLog.internalError("worker batch", t);
    }
  }

  // ---- validation

  @Override
  public boolean validationEnter(String framework, Object model) {
    try {
      ModelState s = models.get(framework, model);
      synchronized (s) {
        if (!s.epochOpen || s.validationStart != null) {
          return false;
        }
        s.validationBatchesAtStart = s.validationBatches.get();
        s.validationStart = meter.read();
        return true;
      }
    } catch (Throwable t) {
      AgentLog.internalError("validation start", t);
      return false;
    }
  }

  @Override
  public void validationExit(Object model, Throwable thrown) {
    try {
      ModelState s = models.find(model);
      if (s == null) {
        return;
      }
      synchronized (s) {
        MeterReading start = s.validationStart;
        if (start == null) {
          return;
        }
        s.validationStart = null;
        MeterReading end = meter.read();
        s.validations.add(
            new ValidationWindow(
                start.time(),
                end.time(),
                s.validationBatches.get() - s.validationBatchesAtStart,
                statusOf(thrown).equals(FAILED) ? FAILED : COMPLETED,
                meter.between(start, end)));
      }
    } catch (Throwable t) {
      AgentLog.internalError("validation end", t);
    }
  }

  @Override
  public void validationBatch(String framework, Object model) {
    try {
      models.get(framework, model).validationBatches.incrementAndGet();
    } catch (Throwable t) {
      AgentLog.internalError("validation batch", t);
    }
  }

  // ---- DJL trainer

  @Override
  public Object trainerCreated(Object trainer, Object listeners) {
    try {
      ModelState s = models.get("djl", trainer);
      synchronized (s) {
        s.createdAt = meter.read();
        s.probed = true;
      }
      return listenerInjector.inject(
          trainer,
          listeners,
          new ListenerInjector.ProbeCallbacks() {
            @Override
            public void onEpoch() {
              epochDispatched(s);
            }

            @Override
            public void onTrainingEnd() {
              // the probe holds the state itself: this works from the finalizer too, when the
              // trainer can no longer be looked up
              try {
                lifetimeEnded(s);
              } catch (Throwable t) {
                AgentLog.internalError("DJL training end", t);
              }
            }
          });
    } catch (Throwable t) {
      AgentLog.internalError("DJL trainer set-up", t);
      return listeners;
    }
  }

  private static void epochDispatched(ModelState s) {
    synchronized (s) {
      s.onEpochSeen = true;
      if (s.epochOpen) {
        s.epochEndPending = true;
      }
    }
  }

  @Override
  public void listenersNotified(Object trainer, Throwable thrown) {
    try {
      // called for every dispatch, once per batch too: the cached lookup allocates nothing
      ModelState s = models.find(trainer);
      if (s == null || !s.epochEndPending) {
        return;
      }
      synchronized (s) {
        if (s.epochEndPending) {
          s.epochEndPending = false;
          if (statusOf(thrown).equals(EARLY_STOPPED)) {
            s.earlyStopped = true;
          }
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

  // ---- ends without an event: idle, garbage collection, JVM exit

  /**
   * Ends runs without an end call whose model has had no batch for longer than the idle timeout
   * (the run ends at its last epoch's end), and runs whose model was garbage collected. Called
   * periodically from a background thread.
   */
  public void sweep() {
    try {
      long now = System.nanoTime();
      for (ModelState s : models.all()) {
        if (idleTimeoutNanos <= 0 || now - s.lastActivityNanos < idleTimeoutNanos) {
          continue;
        }
        synchronized (s) {
          if (s.runOpen
              && s.runKind != RunKind.CALL
              && !s.epochOpen
              && now - s.lastActivityNanos >= idleTimeoutNanos) {
            AgentLog.debug("run " + s.runNumber + " ended after being idle");
            s.pendingStart = null;
            endRun(s, normalEnd(s), null, s.lastEpochEnd != null ? s.lastEpochEnd : Instant.now());
          }
        }
      }
    } catch (Throwable t) {
      AgentLog.internalError("idle check", t);
    }
  }

  /** The model was garbage collected (a DJL trainer finalized without close, for one). */
  private void collected(ModelState s) {
    try {
      synchronized (s) {
        if (s.epochOpen) {
          closeEpoch(s, null, INTERRUPTED);
        }
        if (s.runOpen) {
          endRun(
              s,
              s.runKind == RunKind.CALL ? INTERRUPTED : normalEnd(s),
              null,
              s.lastEpochEnd != null ? s.lastEpochEnd : Instant.now());
        }
      }
    } catch (Throwable t) {
      AgentLog.internalError("collected model", t);
    }
  }

  /**
   * At JVM exit: epochs still open end as interrupted, and so do their runs and open run calls;
   * runs without an end call (user loops, trainers never closed) between epochs end normally, at
   * the end of their last epoch.
   */
  public void closeAll() {
    for (ModelState s : models.all()) {
      try {
        synchronized (s) {
          boolean interrupted = s.runKind == RunKind.CALL;
          Object model = s.model.get();
          if (s.epochOpen) {
            closeEpoch(s, model, INTERRUPTED);
            interrupted = true;
          } else if (s.runOpen
              && s.pendingStart != null
              && s.batches.get() > s.pendingBatchesAtStart) {
            // a minibatch loop stopped between its own epoch boundaries
            beginEpoch(s, model, s.pendingStart, null);
            s.batchesAtStart = s.pendingBatchesAtStart;
            s.samplesAtStart = s.pendingSamplesAtStart;
            closeEpoch(s, model, INTERRUPTED);
            interrupted = true;
          }
          if (s.runOpen) {
            // a run without an end call that was between epochs ended with its last epoch
            Instant end = interrupted || s.lastEpochEnd == null ? Instant.now() : s.lastEpochEnd;
            endRun(s, interrupted ? INTERRUPTED : normalEnd(s), null, end);
          }
        }
      } catch (Throwable t) {
        AgentLog.internalError("shutdown", t);
      }
    }
  }

  // ---- state changes, always under the state's monitor

  private void openRun(ModelState s, int plannedEpochs, RunKind kind, Instant start) {
    s.runNumber = runCounter.incrementAndGet();
    s.runOpen = true;
    s.runKind = kind;
    s.nextEpochIndex = 0;
    s.earlyStopped = false;
    s.lastEpochEnd = null;
    s.createdAt = null;
    s.lastActivityNanos = System.nanoTime();
    sink.runStarted(
        s.runNumber,
        s.framework,
        start,
        plannedEpochs,
        kind == RunKind.IMPLICIT,
        kind == RunKind.IMPLICIT && attachedLate);
  }

  private void endRun(ModelState s, String status, RunOutcome outcome, Instant end) {
    if (s.epochOpen) {
      String epochStatus = status.equals(FAILED) || status.equals(INTERRUPTED) ? status : COMPLETED;
      closeEpoch(s, s.model.get(), epochStatus);
    }
    s.runOpen = false;
    sink.runEnded(new RunEnd(s.runNumber, status, end, outcome));
  }

  private static String normalEnd(ModelState s) {
    return s.earlyStopped ? EARLY_STOPPED : COMPLETED;
  }

  /** Opens an epoch now, and the run around it if there is none. */
  private void openEpoch(ModelState s, Object model, boolean lazy) {
    if (!s.runOpen) {
      // a DJL trainer's first epoch outside EasyTrain.fit: the run began with the trainer
      MeterReading created = s.createdAt;
      if (created != null) {
        openRun(s, -1, RunKind.LIFETIME, created.time());
      } else {
        openRun(s, -1, RunKind.IMPLICIT, Instant.now());
      }
    }
    SharedEnergy.Share share = sharedEnergy.open();
    s.resetLosses();
    beginEpoch(s, model, share.start, share);
    s.epochLazy = lazy;
  }

  private void beginEpoch(
      ModelState s, Object model, MeterReading start, SharedEnergy.Share share) {
    s.boundarySeen = true;
    s.epochOpen = true;
    s.epochLazy = false;
    s.epochEndPending = false;
    s.pendingStart = null;
    s.epochIndex = s.nextEpochIndex++;
    s.batchesAtStart = s.batches.get();
    s.stepsAtStart = s.steps.get();
    s.workerBatchesAtStart = s.workerBatches.get();
    s.samplesAtStart = s.samples.get();
    s.frameworkBatchesAtStart = model == null ? -1 : s.policy.progress.batchesSoFar(model);
    s.validations = new ArrayList<>();
    s.validationStart = null;
    s.batchWindows = new ArrayList<>();
    s.batchStart = null;
    s.share = share;
    s.epochStart = start;
  }

  private void closeEpoch(ModelState s, Object model, String status) {
    SharedEnergy.Share share = s.share;
    MeterReading end = share != null ? sharedEnergy.close(share) : meter.read();
    s.epochOpen = false;
    s.share = null;
    s.lastActivityNanos = System.nanoTime();
    long batches = batchesOf(s, model);
    long samples = s.samples.get() - s.samplesAtStart;
    EpochMetrics metrics = EpochMetrics.NONE;
    if (model != null) {
      metrics = s.policy.progress.metrics(model);
    }
    if (s.lossCount > 0) {
      metrics = metrics.withBatchLosses(s.lossSum / s.lossCount, s.lastLoss);
    } else if (metrics.trainLoss != null && !s.policy.batchOpensEpoch) {
      metrics = metrics.withBatchLosses(metrics.trainLoss, metrics.trainLoss);
    }
    s.resetLosses();
    List<ValidationWindow> validations = s.validations;
    s.validations = new ArrayList<>();
    List<BatchWindow> batchWindows = s.batchWindows;
    s.batchWindows = new ArrayList<>();
    s.batchStart = null;
    s.lastEpochEnd = end.time();
    AgentLog.debug(
        s.framework
            + " run "
            + s.runNumber
            + " epoch "
            + s.epochIndex
            + " "
            + status
            + ": "
            + batches
            + " batches, "
            + samples
            + " samples, "
            + validations.size()
            + " validation windows"
            + (share != null && share.shared ? ", shared" : ""));
    List<DomainEnergy> energy =
        share != null
            ? meter.between(s.epochStart, end, share.processJoules)
            : meter.between(s.epochStart, end);
    HourMarks marks = hourMarks;
    List<EnergySlice> slices =
        marks == null
            ? List.of()
            : marks.slices(meter, s.epochStart, end, DomainEnergy.processTotal(energy));
    sink.epochMeasured(
        new EpochMeasurement(
            s.runNumber,
            s.framework,
            s.epochIndex,
            status,
            s.epochStart.time(),
            end.time(),
            batches,
            samples > 0 ? samples : -1,
            metrics,
            energy,
            validations,
            batchWindows,
            share != null && share.shared,
            slices));
  }

  /**
   * Worker batches where there were any (ParallelWrapper), else the batches seen, else optimizer
   * steps (DJL loops without trainBatch), else the framework's own iteration count.
   */
  private static long batchesOf(ModelState s, Object model) {
    long workers = s.workerBatches.get() - s.workerBatchesAtStart;
    if (workers > 0) {
      return workers;
    }
    long counted = s.batches.get() - s.batchesAtStart;
    if (counted > 0) {
      return counted;
    }
    long steps = s.steps.get() - s.stepsAtStart;
    if (steps > 0) {
      return steps;
    }
    if (model != null && s.frameworkBatchesAtStart >= 0) {
      long now = s.policy.progress.batchesSoFar(model);
      return now >= 0 ? Math.max(0, now - s.frameworkBatchesAtStart) : 0;
    }
    return 0;
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
    if (thrown instanceof InterruptedException) {
      return INTERRUPTED;
    }
    return FAILED;
  }
}
