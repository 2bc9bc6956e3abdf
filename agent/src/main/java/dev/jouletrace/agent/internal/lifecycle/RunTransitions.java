package dev.jouletrace.agent.internal.lifecycle;

import dev.jouletrace.accounting.RunEnd;
import dev.jouletrace.accounting.RunStart;
import dev.jouletrace.accounting.RunStatus;
import dev.jouletrace.accounting.WindowStatus;
import dev.jouletrace.agent.internal.lifecycle.ModelState.RunKind;
import dev.jouletrace.agent.internal.meter.MeterReading;
import java.time.Instant;
import java.util.ArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Opens and ends a model's runs and epochs; every method runs under the state's monitor. */
final class RunTransitions {
  private final SharedEnergy sharedEnergy;
  private final EpochCloser epochCloser;
  private final RunSink sink;
  private final boolean attachedLate;
  private final AtomicInteger runCounter = new AtomicInteger();

  RunTransitions(
      SharedEnergy sharedEnergy, EpochCloser epochCloser, RunSink sink, boolean attachedLate) {
    this.sharedEnergy = sharedEnergy;
    this.epochCloser = epochCloser;
    this.sink = sink;
    this.attachedLate = attachedLate;
  }

  void openRun(ModelState s, int plannedEpochs, RunKind kind, Instant start) {
    s.runNumber = runCounter.incrementAndGet();
    s.runOpen = true;
    s.runKind = kind;
    s.nextEpochIndex = 0;
    s.earlyStopped = false;
    s.lastEpochEnd = null;
    s.createdAt = null;
    s.lastActivityNanos = System.nanoTime();
    sink.runStarted(
        new RunStart(
            s.runNumber,
            s.framework,
            start,
            plannedEpochs,
            kind == RunKind.IMPLICIT,
            kind == RunKind.IMPLICIT && attachedLate));
  }

  void endRun(ModelState s, RunStatus status, RunOutcome outcome, Instant end) {
    if (s.epochOpen) {
      closeEpoch(s, s.model.get(), WindowStatus.closedBy(status));
    }
    s.runOpen = false;
    sink.runEnded(new RunEnd(s.runNumber, status, end, outcome == null ? null : outcome.account));
  }

  static RunStatus normalEnd(ModelState s) {
    return s.earlyStopped ? RunStatus.EARLY_STOPPED : RunStatus.COMPLETED;
  }

  /** Opens an epoch now, and the run around it if there is none. */
  void openEpoch(ModelState s, Object model, boolean lazy) {
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
    s.markLossStart();
    beginEpoch(s, model, share.start, share);
    s.epochLazy = lazy;
  }

  /**
   * A minibatch loop's batches since its pending start were one epoch: opens it back at {@code
   * start} and closes it now.
   */
  void closePendingEpoch(ModelState s, Object model, MeterReading start, WindowStatus status) {
    beginEpoch(s, model, start, null);
    s.batchesAtStart = s.pendingBatchesAtStart;
    s.samplesAtStart = s.pendingSamplesAtStart;
    closeEpoch(s, model, status);
  }

  void closeEpoch(ModelState s, Object model, WindowStatus status) {
    epochCloser.close(s, model, status);
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
}
