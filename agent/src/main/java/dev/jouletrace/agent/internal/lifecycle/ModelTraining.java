package dev.jouletrace.agent.internal.lifecycle;

import dev.jouletrace.accounting.EpochRecord;
import dev.jouletrace.accounting.RunEnd;
import dev.jouletrace.accounting.RunStart;
import dev.jouletrace.accounting.RunStatus;
import dev.jouletrace.accounting.SpanIds;
import dev.jouletrace.accounting.WindowStatus;
import dev.jouletrace.agent.internal.AgentLog;
import dev.jouletrace.agent.internal.meter.MeterReading;
import java.lang.ref.WeakReference;
import java.time.Instant;

/**
 * The training of one model (a DL4J network, a DJL trainer, a configured target's object): its open
 * run, its open epoch, its batch counts, and what only a DJL trainer has. Every change to that
 * state happens here, under this object's monitor; only the per-batch counts are lock-free.
 *
 * <p>A run is a run-level call ({@link RunState.Kind#CALL}); else a DJL trainer's lifetime; else
 * the epochs of a model with no run call ({@link RunState.Kind#IMPLICIT}), which ends at the
 * model's next run call, when the model is idle longer than the idle timeout, when it is garbage
 * collected, or at JVM exit. Epochs of a run are indexed from 0 without gaps.
 */
final class ModelTraining {
  final String framework;
  private final FrameworkPolicy policy;
  private final WeakReference<Object> model;
  private final LifecycleContext context;
  private final BatchTally tally = new BatchTally();

  /** Last batch or boundary, for the idle timeout. */
  private volatile long lastActivityNanos = System.nanoTime();

  private RunState run;

  /** Written under the monitor; read without it on the per-batch path. */
  private volatile EpochWindow epoch;

  private volatile PendingEpoch pending;
  private volatile DjlTrainer djl;

  /** The model is a replica a ParallelWrapper worker trains: its work counts for the original. */
  private volatile boolean replica;

  /**
   * The executor task window this model was first seen in (a network a Spark worker builds for one
   * task): its batches count for the task, and it makes no run of its own.
   */
  private volatile TaskWindow task;

  /** A minibatch fit of this model is in progress (its outermost call). */
  private boolean inDataFit;

  /**
   * A run or epoch boundary of this model was seen, so batches since the last one are an epoch's
   * (after a late attach the first batches seen may be the middle of an epoch).
   */
  private boolean boundarySeen;

  ModelTraining(String framework, Object model, FrameworkPolicy policy, LifecycleContext context) {
    this.framework = framework;
    this.model = new WeakReference<>(model);
    this.policy = policy;
    this.context = context;
  }

  // ---- run and epoch calls

  /** A run-level call began; false when a run call of this model is already open (nesting). */
  synchronized boolean runEnter(int plannedEpochs) {
    return runEnter(plannedEpochs, false);
  }

  /**
   * A run-level call began; false when a run call of this model is already open (nesting), or when
   * the call is made by a minibatch fit (SameDiff's {@code fit(DataSet)} goes through its {@code
   * fitHelper}: a minibatch, not a run).
   *
   * @param lazyEpochEnds whether the run's epochs end only when the next begins or the run ends
   */
  synchronized boolean runEnter(int plannedEpochs, boolean lazyEpochEnds) {
    if (inDataFit || (run != null && run.kind == RunState.Kind.CALL)) {
      return false;
    }
    if (run != null) {
      // a loop of epoch calls, or a trainer's hand-written loop, is followed by a run call
      endRun(run.normalEnd(), null, Instant.now());
    }
    openRun(plannedEpochs, RunState.Kind.CALL, Instant.now(), lazyEpochEnds);
    return true;
  }

  synchronized void runExit(Object result, Throwable thrown) {
    if (run == null) {
      return;
    }
    RunStatus status = EndStatus.ofRun(thrown);
    RunOutcome outcome = result == null ? null : policy.progress.outcome(result);
    if (thrown == null && outcome != null && outcome.status != null) {
      status = outcome.status;
    } else if (status == RunStatus.COMPLETED) {
      status = run.normalEnd();
    }
    endRun(status, outcome, Instant.now());
  }

  /** An epoch-level call began; false when an epoch is already open (nested calls). */
  synchronized boolean epochEnter(Object model) {
    if (epoch != null && epoch.endAnnounced()) {
      closeEpoch(model, WindowStatus.COMPLETED, true);
    }
    if (epoch != null) {
      AgentLog.debug("nested epoch call ignored for " + framework);
      return false;
    }
    openEpoch(model, false);
    return true;
  }

  synchronized void epochExit(Object model, Throwable thrown) {
    EpochWindow open = epoch;
    if (open == null) {
      return;
    }
    if (thrown == null && run.lazyEpochEnds) {
      open.announceEnd();
    } else {
      closeEpoch(model, EndStatus.ofWindow(thrown), true);
    }
  }

  /** An epoch-end callback with the framework's own summary of the epoch (SameDiff). */
  synchronized void epochExitWith(Object model, Object summary) {
    EpochWindow open = epoch;
    if (open != null) {
      open.summarised(policy.progress.summaryMetrics(summary));
      closeEpoch(model, WindowStatus.COMPLETED, true);
    }
  }

  /**
   * A training iteration was told to a listener (SameDiff tells each to every listener; one of them
   * counts): a batch, with the rows of its data.
   */
  void iterationStarted(Object model, Object listener, Object data) {
    if (!policy.progress.countsIterations(listener)) {
      return;
    }
    batch(model);
    int rows = policy.progress.dataRows(data);
    if (rows > 0) {
      tally.samples.addAndGet(rows);
    }
  }

  /**
   * The framework's epoch counter moved on (DL4J {@code incrementEpochCount()}), or a DJL pass over
   * a dataset began: the boundary of a hand-written loop.
   */
  synchronized void epochCounted(Object model) {
    EpochWindow open = epoch;
    if (open != null) {
      // inside an epoch call (DL4J fit(iterator) counts its own epoch): that call ends it.
      // A DJL loop that never dispatches onEpoch: a new pass over a dataset, outside validation
      // and after some batches, ends the epoch.
      DjlTrainer trainer = djl;
      if (open.openedByBatch
          && (trainer == null || !trainer.onEpochSeen)
          && !open.inValidation()
          && open.batchesSoFar(tally) > 0) {
        closeEpoch(model, WindowStatus.COMPLETED, false);
      }
      return;
    }
    PendingEpoch noted = pending;
    if (context.attachedLate && !boundarySeen) {
      // attached in the middle of this epoch: only its end is a boundary to count from
      boundarySeen = true;
      if (noted != null) {
        pending = null;
        context.sharedEnergy.giveBack(noted.share, run == null ? null : run.share);
      }
      return;
    }
    boundarySeen = true;
    if (noted == null || !noted.hasBatches(tally)) {
      return; // no batch since the last boundary: no epoch
    }
    // a hand-written minibatch loop: the batches since the last boundary were one epoch
    closePendingEpoch(model, noted, WindowStatus.COMPLETED);
  }

  /**
   * A minibatch fit began ({@code fit(DataSet)} and the like) outside any epoch: training without
   * epoch calls. The model's implicit run opens if there is none, and its batches are cut into
   * windows: a window ends when the data it began with is fitted again (a pass over the same data,
   * as in {@code for (...) net.fit(trainingSet)}), or when it has lasted the window time.
   *
   * @param data the data object fitted (a DataSet, an INDArray of features)
   * @return whether this call is the outermost fit the lifecycle follows; nested calls, fits inside
   *     an epoch call and fits of replicas are not
   */
  synchronized boolean dataFitEnter(Object model, Object data) {
    if (replica || epoch != null || inDataFit) {
      return false;
    }
    inDataFit = true;
    lastActivityNanos = System.nanoTime();
    PendingEpoch window = pending;
    if (window != null
        && window.byDataFit
        && window.hasBatches(tally)
        && (window.beganWith(data) || window.olderThan(context.windowNanos, lastActivityNanos))) {
      closePendingEpoch(model, window, WindowStatus.COMPLETED);
      window = null;
    }
    if (window == null) {
      openPending(data, true);
    }
    return true;
  }

  /** The outermost minibatch fit of {@link #dataFitEnter} returned or threw. */
  synchronized void dataFitExit() {
    inDataFit = false;
    lastActivityNanos = System.nanoTime();
  }

  // ---- batches: counted without a lock; a lock only where an epoch opens or a batch is measured

  /** One training batch is about to run. */
  void batch(Object model) {
    if (replica) {
      // a ParallelWrapper replica: its worker counted the batch for the original; a Spark task's
      // network: the task's window counts it (on the task's own thread)
      TaskWindow t = task;
      if (t != null) {
        t.batch();
      }
      return;
    }
    long now = System.nanoTime();
    lastActivityNanos = now;
    if (epoch == null) {
      firstBatchOutsideEpoch(model);
    } else {
      cutByTimeIfDue(model, now);
    }
    tally.batches.incrementAndGet();
    BatchSpans which = context.batchSpans;
    EpochWindow open = epoch;
    if (which != BatchSpans.OFF && open != null) {
      synchronized (this) {
        if (epoch == open) {
          open.maybeMeasureBatch(which, tally, context.meter);
        }
      }
    }
  }

  /** The batch of {@link #batch} finished: its rows and loss may be read now. */
  void batchEnd(Object model, Object batch) {
    int rows = policy.progress.batchSamples(model, batch);
    TaskWindow t = task;
    if (t != null) {
      if (rows > 0) {
        t.rows(rows);
      }
      return;
    }
    if (rows > 0) {
      tally.samples.addAndGet(rows);
    }
    double loss = policy.progress.batchLoss(model);
    if (!Double.isNaN(loss)) {
      tally.addLoss(loss);
    }
    EpochWindow open = epoch;
    if (open != null && open.measuringBatch()) {
      synchronized (this) {
        if (epoch == open) {
          open.endMeasuredBatch(context.meter, loss);
        }
      }
    }
  }

  /** An optimizer step; a batch where batches are unseen. */
  void step(Object model) {
    long now = System.nanoTime();
    lastActivityNanos = now;
    if (policy.epochStart == FrameworkPolicy.EpochStart.AT_FIRST_BATCH) {
      if (epoch == null) {
        firstBatchOutsideEpoch(model);
      } else {
        cutByTimeIfDue(model, now);
      }
    }
    tally.steps.incrementAndGet();
  }

  /**
   * A loop that opens epochs by batches and never ends one itself (a DJL loop that dispatches no
   * onEpoch and makes no pass through iterateDataset) is cut into windows of the window time.
   */
  private void cutByTimeIfDue(Object model, long now) {
    EpochWindow open = epoch;
    long window = context.windowNanos;
    if (open == null || !open.openedByBatch || window <= 0 || now - open.startNanos < window) {
      return;
    }
    DjlTrainer trainer = djl;
    if (trainer != null && trainer.onEpochSeen) {
      return;
    }
    synchronized (this) {
      if (epoch == open && !open.inValidation()) {
        closeEpoch(model, WindowStatus.COMPLETED, false);
        openEpoch(model, true);
      }
    }
  }

  /**
   * A batch of {@code rows} rows (or -1 when unknown) ran on a worker thread for this model (DL4J
   * ParallelWrapper), whose worker trains a replica of it.
   */
  void workerBatch(int rows) {
    lastActivityNanos = System.nanoTime();
    tally.workerBatches.incrementAndGet();
    if (rows > 0) {
      tally.workerSamples.addAndGet(rows);
    }
  }

  /** The epochs the owner of a run (an early-stopping trainer) is set up for, or -1. */
  int plannedEpochsOf(Object runOwner) {
    return policy.progress.plannedEpochs(runOwner);
  }

  /** Rows of a minibatch this model's framework hands a worker, or -1. */
  int dataRows(Object data) {
    return policy.progress.dataRows(data);
  }

  /** This model is a replica a ParallelWrapper worker trains for another model. */
  void markReplica() {
    replica = true;
  }

  /**
   * This model was made inside an executor's task window (a Spark worker's network for one task):
   * its batches are the task's, and it makes no run of its own.
   */
  void trainsFor(TaskWindow window) {
    task = window;
    replica = true;
  }

  /**
   * The open epoch's identity, for a Spark driver to publish to the epoch's tasks; null when no
   * epoch is open.
   */
  synchronized ClusterLink.EpochIds openEpochIds() {
    EpochWindow open = epoch;
    if (open == null || run == null) {
      return null;
    }
    return new ClusterLink.EpochIds(
        run.ids.traceIdHex(), new SpanIds(0, 0, open.spanId).spanIdHex(), run.number, open.index);
  }

  /**
   * DJL has no epoch-begin event: the first batch (or step) opens the epoch. Elsewhere the first
   * batch outside an epoch is noted, in case the loop later counts an epoch itself.
   */
  private void firstBatchOutsideEpoch(Object model) {
    if (policy.epochStart == FrameworkPolicy.EpochStart.AT_FIRST_BATCH) {
      DjlTrainer trainer = djl;
      if (context.attachedLate && (trainer == null || !trainer.probed)) {
        return; // a DJL trainer made before the attach: its epoch ends are invisible
      }
      synchronized (this) {
        if (epoch == null) {
          openEpoch(model, true);
        }
      }
    } else if (pending == null) {
      synchronized (this) {
        if (epoch == null && pending == null) {
          openPending(null, false);
        }
      }
    }
  }

  /**
   * Opens a window of batches outside any epoch, and the model's implicit run if it has none:
   * training has begun.
   */
  private void openPending(Object firstData, boolean byDataFit) {
    if (run == null) {
      openRun(-1, RunState.Kind.IMPLICIT, Instant.now());
    }
    pending =
        new PendingEpoch(
            context.sharedEnergy.openEpoch(run.share), tally.mark(), firstData, byDataFit);
  }

  // ---- validation passes inside an epoch

  synchronized boolean validationEnter() {
    EpochWindow open = epoch;
    if (open == null || open.inValidation()) {
      return false;
    }
    open.beginValidation(context.meter.read(), tally);
    return true;
  }

  synchronized void validationExit(Throwable thrown) {
    EpochWindow open = epoch;
    if (open != null) {
      open.endValidation(context.meter, tally, EndStatus.ofWindow(thrown));
    }
  }

  /** A score calculator's pass ended with the epoch's score (DL4J early stopping). */
  synchronized void validationScored(Object calculator, double score, Throwable thrown) {
    EpochWindow open = epoch;
    if (open == null) {
      return;
    }
    open.endValidation(context.meter, tally, EndStatus.ofWindow(thrown));
    if (thrown == null) {
      open.scored(score, policy.progress.minimizes(calculator));
    }
  }

  void validationBatch() {
    tally.validationBatches.incrementAndGet();
  }

  // ---- a DJL trainer's lifetime and listener dispatches

  /** A DJL trainer was made: its lifetime may be a run; its listeners get the probe first. */
  Object trainerCreated(Object trainer, Object listeners) {
    synchronized (this) {
      djl = new DjlTrainer(context.sharedEnergy.openRun(), true);
    }
    return context.listenerInjector.inject(
        trainer,
        listeners,
        new ListenerInjector.ProbeCallbacks() {
          @Override
          public void onEpoch() {
            epochDispatched();
          }

          @Override
          public void onTrainingEnd() {
            // the probe holds this object itself: this works from the finalizer too, when the
            // trainer can no longer be looked up
            try {
              lifetimeEnded();
            } catch (Throwable t) {
              AgentLog.internalError("DJL training end", t);
            }
          }
        });
  }

  private synchronized void epochDispatched() {
    DjlTrainer trainer = djl;
    if (trainer != null) {
      trainer.onEpochSeen = true;
      if (epoch != null) {
        trainer.epochEndPending = true;
      }
    }
  }

  /** A listener dispatch ended; the epoch ends here if the dispatch was onEpoch. */
  void listenersNotified(Object trainer, Throwable thrown) {
    // called for every dispatch, once per batch too: nothing but a volatile read unless pending
    DjlTrainer t = djl;
    if (t == null || !t.epochEndPending) {
      return;
    }
    synchronized (this) {
      if (!t.epochEndPending) {
        return;
      }
      t.epochEndPending = false;
      if (thrown != null && EndStatus.isEarlyStop(thrown) && run != null) {
        run.stoppedEarly();
      }
      if (epoch != null) {
        // early stopping throws out of the dispatch; the epoch itself finished normally
        closeEpoch(trainer, WindowStatus.COMPLETED, true);
      }
    }
  }

  /** The end of a trainer's lifetime ends the run it made; a run call's run ends with the call. */
  synchronized void lifetimeEnded() {
    dropLifetimeShare();
    if (run != null && run.kind != RunState.Kind.CALL) {
      endRun(run.normalEnd(), null, Instant.now());
    }
  }

  // ---- ends that come without an event

  /**
   * Ends a run without an end call whose model has had no batch for longer than the idle timeout;
   * the run ends at its last epoch's end.
   */
  void endIfIdle(long nowNanos) {
    long idle = context.idleTimeoutNanos;
    if (idle <= 0 || nowNanos - lastActivityNanos < idle) {
      return;
    }
    synchronized (this) {
      if (run != null
          && run.kind != RunState.Kind.CALL
          && epoch == null
          && !inDataFit
          && nowNanos - lastActivityNanos >= idle) {
        AgentLog.debug("run " + run.number + " ended after being idle");
        PendingEpoch window = pending;
        if (window != null && window.hasBatches(tally)) {
          closePendingEpoch(model.get(), window, WindowStatus.COMPLETED);
        }
        endRun(run.normalEnd(), null, run.naturalEnd());
      }
    }
  }

  /** The model was garbage collected (a DJL trainer finalized without close, for one). */
  synchronized void collected() {
    dropLifetimeShare();
    if (epoch != null) {
      closeEpoch(null, WindowStatus.INTERRUPTED, false);
    }
    PendingEpoch window = pending;
    if (window != null && run != null && window.hasBatches(tally)) {
      closePendingEpoch(null, window, WindowStatus.INTERRUPTED);
    }
    if (run != null) {
      endRun(
          run.kind == RunState.Kind.CALL ? RunStatus.INTERRUPTED : run.normalEnd(),
          null,
          run.naturalEnd());
    }
  }

  /**
   * At JVM exit: an open epoch ends as interrupted, and so do its run and an open run call; a run
   * without an end call (a user loop, a trainer never closed) between epochs ends normally, at the
   * end of its last epoch.
   */
  synchronized void closeAtExit() {
    if (run == null) {
      return;
    }
    boolean interrupted = run.kind == RunState.Kind.CALL;
    Object m = model.get();
    PendingEpoch noted = pending;
    if (epoch != null && epoch.endAnnounced()) {
      closeEpoch(m, WindowStatus.COMPLETED, true);
    } else if (epoch != null) {
      closeEpoch(m, WindowStatus.INTERRUPTED, !epoch.openedByBatch);
      interrupted = true;
    } else if (noted != null && noted.hasBatches(tally)) {
      if (noted.byDataFit && !inDataFit) {
        // minibatch fits, none in progress: the last window is complete
        closePendingEpoch(m, noted, WindowStatus.COMPLETED);
      } else {
        // a loop stopped between its own epoch boundaries, or in the middle of a fit
        closePendingEpoch(m, noted, WindowStatus.INTERRUPTED);
        interrupted = true;
      }
    }
    Instant end = interrupted || run.lastEpochEnd() == null ? Instant.now() : run.lastEpochEnd();
    endRun(interrupted ? RunStatus.INTERRUPTED : run.normalEnd(), null, end);
  }

  // ---- transitions

  private void openRun(int plannedEpochs, RunState.Kind kind, Instant start) {
    openRun(plannedEpochs, kind, start, false);
  }

  private void openRun(
      int plannedEpochs, RunState.Kind kind, Instant start, boolean lazyEpochEnds) {
    DjlTrainer trainer = djl;
    SharedEnergy.RunShare share = null;
    if (kind == RunState.Kind.LIFETIME && trainer != null) {
      // the trainer's lifetime is the run: the energy since its construction is the run's
      share = trainer.lifetimeShare;
      trainer.lifetimeShare = null;
      trainer.createdAt = null;
    } else {
      dropLifetimeShare();
    }
    if (share == null) {
      // a run opened by its first epoch or batch starts paused: that epoch's share opens next
      share =
          kind == RunState.Kind.CALL
              ? context.sharedEnergy.openRun()
              : context.sharedEnergy.pausedRun();
    }
    run = new RunState(context.nextRunNumber(), kind, share, lazyEpochEnds, SpanIdSource.newRun());
    lastActivityNanos = System.nanoTime();
    boolean implicit = kind == RunState.Kind.IMPLICIT;
    context.sink.runStarted(
        new RunStart(
            run.number,
            framework,
            start,
            plannedEpochs,
            implicit,
            implicit && context.attachedLate,
            run.ids));
  }

  private void endRun(RunStatus status, RunOutcome outcome, Instant asked) {
    Instant end = asked;
    EpochWindow open = epoch;
    if (open != null) {
      WindowStatus last = WindowStatus.closedBy(status);
      if (open.endAnnounced()) {
        // its training ended; whether it counts, the framework's own count says (DL4J does not
        // count an epoch whose last minibatch tripped an iteration condition)
        boolean counted =
            outcome == null || outcome.frameworkEpochs < 0
                ? status == RunStatus.COMPLETED || status == RunStatus.EARLY_STOPPED
                : run.completedEpochs() + 1 <= outcome.frameworkEpochs;
        last = counted ? WindowStatus.COMPLETED : last;
      }
      closeEpoch(model.get(), last, !open.openedByBatch);
      // the epoch the run's end closes ends with it, not after it
      end = later(end, run.lastEpochEnd());
    }
    PendingEpoch window = pending;
    if (window != null) {
      if (window.hasBatches(tally)) {
        closePendingEpoch(model.get(), window, WindowStatus.closedBy(status));
        end = later(end, run.lastEpochEnd());
      } else {
        pending = null;
        context.sharedEnergy.giveBack(window.share, run.share);
      }
    }
    RunState ended = run;
    run = null;
    // a run that ends back at its last epoch's end (idle, collected) does not keep what came after
    context.sharedEnergy.closeRun(ended.share, end.equals(ended.lastEpochEnd()));
    context.sink.runEnded(
        new RunEnd(
            ended.number,
            status,
            end,
            outcome == null ? null : outcome.account,
            context.meter.window(
                ended.share.deviceJoules, ended.share.processJoules, ended.share.fault)));
  }

  private static Instant later(Instant a, Instant b) {
    return b != null && b.isAfter(a) ? b : a;
  }

  /** A DJL trainer's lifetime will not be a run: its share since construction is dropped. */
  private void dropLifetimeShare() {
    DjlTrainer trainer = djl;
    if (trainer != null) {
      trainer.createdAt = null;
      if (trainer.lifetimeShare != null) {
        context.sharedEnergy.closeRun(trainer.lifetimeShare, false);
        trainer.lifetimeShare = null;
      }
    }
  }

  /** Opens an epoch now, and the run around it if there is none. */
  private void openEpoch(Object model, boolean openedByBatch) {
    PendingEpoch window = pending;
    if (window != null && run != null) {
      // batches outside epochs came first (minibatch fits): they were an epoch of their own
      if (window.hasBatches(tally)) {
        closePendingEpoch(model, window, WindowStatus.COMPLETED);
      } else {
        pending = null;
        context.sharedEnergy.giveBack(window.share, run.share);
      }
    }
    if (run == null) {
      // a DJL trainer's first epoch outside EasyTrain.fit: the run began with the trainer
      DjlTrainer trainer = djl;
      MeterReading created = trainer == null ? null : trainer.createdAt;
      if (created != null) {
        openRun(-1, RunState.Kind.LIFETIME, created.time());
      } else {
        openRun(-1, RunState.Kind.IMPLICIT, Instant.now());
      }
    }
    SharedEnergy.Share share = context.sharedEnergy.openEpoch(run.share);
    beginEpoch(model, share, tally.mark(), openedByBatch);
  }

  private void beginEpoch(
      Object model, SharedEnergy.Share share, BatchTally.Mark mark, boolean openedByBatch) {
    boundarySeen = true;
    pending = null;
    DjlTrainer trainer = djl;
    if (trainer != null) {
      trainer.epochEndPending = false;
    }
    epoch =
        new EpochWindow(
            run.takeEpochIndex(),
            share,
            mark,
            model == null ? -1 : policy.progress.batchesSoFar(model),
            openedByBatch);
  }

  /** A window of batches outside epoch calls ends: it was an epoch, from its first batch. */
  private void closePendingEpoch(Object model, PendingEpoch noted, WindowStatus status) {
    pending = null;
    beginEpoch(model, noted.share, noted.mark, false);
    closeEpoch(model, status, true);
  }

  /**
   * @param frameworkEnded whether the framework itself ended the epoch (its end-of-epoch figures
   *     are then this epoch's, not the previous one's)
   */
  private void closeEpoch(Object model, WindowStatus status, boolean frameworkEnded) {
    EpochWindow closing = epoch;
    epoch = null;
    lastActivityNanos = System.nanoTime();
    EpochRecord record =
        closing.close(
            context.meter,
            context.sharedEnergy,
            context.hourMarks,
            tally,
            run,
            framework,
            policy.progress,
            model,
            status,
            frameworkEnded);
    run.epochEnded(record.end(), status == WindowStatus.COMPLETED);
    context.sink.epochMeasured(record);
    if (AgentLog.debugEnabled()) {
      AgentLog.debug(
          framework
              + " run "
              + run.number
              + " epoch "
              + record.index()
              + " "
              + status.label()
              + ": "
              + record.batches()
              + " batches, "
              + record.samples()
              + " samples, "
              + record.validations().size()
              + " validation windows"
              + (record.shared() ? ", shared" : ""));
    }
  }
}
