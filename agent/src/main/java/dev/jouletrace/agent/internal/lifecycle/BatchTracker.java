package dev.jouletrace.agent.internal.lifecycle;

import dev.jouletrace.accounting.SubWindow;
import dev.jouletrace.agent.internal.AgentLog;
import dev.jouletrace.agent.internal.meter.EnergyMeter;
import dev.jouletrace.agent.internal.meter.MeterReading;

/**
 * The per-batch path: counts batches, steps and samples, notes where an epoch begins, and measures
 * the batches asked for on their own. No allocation and no I/O except a meter read at an epoch's
 * first batch and at a measured batch.
 */
final class BatchTracker {
  private final ModelRegistry<ModelState> models;
  private final EnergyMeter meter;
  private final RunTransitions transitions;
  private final boolean attachedLate;
  private volatile BatchSpans batchSpans = BatchSpans.OFF;

  BatchTracker(
      ModelRegistry<ModelState> models,
      EnergyMeter meter,
      RunTransitions transitions,
      boolean attachedLate) {
    this.models = models;
    this.meter = meter;
    this.transitions = transitions;
    this.attachedLate = attachedLate;
  }

  /** Which batches to measure on their own; off unless configured. */
  void measure(BatchSpans which) {
    this.batchSpans = which;
  }

  void batch(String framework, Object model) {
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

  void step(String framework, Object model) {
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
          transitions.openEpoch(s, model, true);
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
          s.markLossStart();
          s.pendingStart = meter.read();
        }
      }
    }
  }

  void batchEnd(Object model, Object batch) {
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
        s.addLoss(loss);
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
          SubWindow.batch(s.batchIndex, start.time(), end.time(), loss, meter.window(start, end)));
    }
  }

  void workerBatch(String framework, Object model) {
    try {
      ModelState s = models.get(framework, model);
      s.workerBatches.incrementAndGet();
      s.lastActivityNanos = System.nanoTime();
    } catch (Throwable t) {
      AgentLog.internalError("worker batch", t);
    }
  }
}
