package dev.jouletrace.agent.internal.lifecycle;

import dev.jouletrace.accounting.SubWindow;
import dev.jouletrace.agent.internal.meter.MeterReading;
import java.lang.ref.WeakReference;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * Training state of one model (a DL4J network, a DJL trainer, a configured target's object): its
 * open run and epoch. Guarded by its own monitor, except the per-batch tallies (batches, samples,
 * losses), which are lock-free cumulative counters: batches may come from worker threads, and a
 * window's figures are the difference since its start.
 */
final class ModelState {
  /** How a run began, which decides how it can end. */
  enum RunKind {
    /** A run-level call; it ends when the call returns. */
    CALL,
    /** A DJL trainer's lifetime: constructor to {@code close()} (or finalizer). */
    LIFETIME,
    /** Epochs with no run-level call: ends at the next run, idle, collection or JVM exit. */
    IMPLICIT
  }

  final String framework;
  final FrameworkPolicy policy;

  /** Weak, so that the state never keeps the model alive. */
  final WeakReference<Object> model;

  final AtomicLong batches = new AtomicLong();
  final AtomicLong steps = new AtomicLong();
  final AtomicLong workerBatches = new AtomicLong();
  final AtomicLong validationBatches = new AtomicLong();

  /** Rows of the batches seen, where the framework shows batch sizes. */
  final AtomicLong samples = new AtomicLong();

  /** Last batch or boundary, for the idle timeout. */
  volatile long lastActivityNanos = System.nanoTime();

  // the open run, if any
  int runNumber;
  boolean runOpen;
  RunKind runKind;
  int nextEpochIndex;
  boolean earlyStopped;
  Instant lastEpochEnd;

  /** DJL: the trainer's construction, the start of a run made of its lifetime. */
  MeterReading createdAt;

  /** DJL: the probe listener is in the trainer's list (not so for trainers made before attach). */
  boolean probed;

  /** DJL: the trainer dispatched onEpoch at least once, so its epochs end there. */
  boolean onEpochSeen;

  /**
   * A run or epoch boundary of this model was seen, so batches since the last one are an epoch's
   * (after a late attach the first batches seen may be the middle of an epoch).
   */
  boolean boundarySeen;

  // the open epoch, if any
  volatile boolean epochOpen;
  boolean epochLazy;
  int epochIndex;
  MeterReading epochStart;
  long batchesAtStart;
  long stepsAtStart;
  long workerBatchesAtStart;
  long frameworkBatchesAtStart;
  long samplesAtStart;
  List<SubWindow> validations = new ArrayList<>();
  MeterReading validationStart;
  long validationBatchesAtStart;
  SharedEnergy.Share share;

  /** DL4J minibatch loops: the first batch after the last boundary, when no epoch is open. */
  volatile MeterReading pendingStart;

  long pendingBatchesAtStart;
  long pendingSamplesAtStart;

  // the batch being measured on its own, if any (jouletrace.batch.spans)
  MeterReading batchStart;
  long batchIndex;
  List<SubWindow> batchWindows = new ArrayList<>();

  // batch losses, cumulative; an epoch's are those since its (or its pending) start
  final DoubleAdder lossSum = new DoubleAdder();
  final AtomicLong lossCount = new AtomicLong();
  volatile double lastLoss = Double.NaN;
  double lossSumAtStart;
  long lossCountAtStart;

  /** DJL: onEpoch was dispatched; the epoch ends when the dispatch returns. */
  volatile boolean epochEndPending;

  ModelState(String framework, Object model, FrameworkPolicy policy) {
    this.framework = framework;
    this.model = new WeakReference<>(model);
    this.policy = policy;
  }

  /** Batch losses from now on belong to the epoch about to begin. */
  void markLossStart() {
    lossCountAtStart = lossCount.get();
    lossSumAtStart = lossSum.sum();
  }

  /** Called per batch, possibly from several threads: no lock, no allocation. */
  void addLoss(double loss) {
    lossSum.add(loss);
    lossCount.incrementAndGet();
    lastLoss = loss;
  }
}
