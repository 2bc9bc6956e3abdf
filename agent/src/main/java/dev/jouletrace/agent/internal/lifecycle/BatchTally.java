package dev.jouletrace.agent.internal.lifecycle;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * A model's per-batch counts since it was first seen: batches, optimizer steps, worker batches,
 * validation batches, samples and losses. Lock-free and allocation-free, because batches may come
 * from several threads (ParallelWrapper workers) and every batch passes here; a window's figures
 * are the difference between two {@link Mark}s.
 */
final class BatchTally {
  final AtomicLong batches = new AtomicLong();
  final AtomicLong steps = new AtomicLong();
  final AtomicLong workerBatches = new AtomicLong();
  final AtomicLong workerSamples = new AtomicLong();
  final AtomicLong validationBatches = new AtomicLong();
  final AtomicLong samples = new AtomicLong();
  private final DoubleAdder lossSum = new DoubleAdder();
  private final AtomicLong lossCount = new AtomicLong();
  private volatile double lastLoss = Double.NaN;

  void addLoss(double loss) {
    lossSum.add(loss);
    lossCount.incrementAndGet();
    lastLoss = loss;
  }

  /** The counts now, to measure a window from. */
  Mark mark() {
    return new Mark(this);
  }

  /** The counts at one instant. */
  static final class Mark {
    final long batches;
    final long steps;
    final long workerBatches;
    final long workerSamples;
    final long samples;
    final long lossCount;
    final double lossSum;

    private Mark(BatchTally t) {
      this.batches = t.batches.get();
      this.steps = t.steps.get();
      this.workerBatches = t.workerBatches.get();
      this.workerSamples = t.workerSamples.get();
      this.samples = t.samples.get();
      this.lossCount = t.lossCount.get();
      this.lossSum = t.lossSum.sum();
    }

    /** Batches counted since this mark. */
    long batchesSince(BatchTally t) {
      return t.batches.get() - batches;
    }

    /** Mean of the batch losses since this mark, or NaN when none was reported. */
    double meanLossSince(BatchTally t) {
      long n = t.lossCount.get() - lossCount;
      return n > 0 ? (t.lossSum.sum() - lossSum) / n : Double.NaN;
    }

    /** The last batch loss, if any was reported since this mark; else NaN. */
    double lastLossSince(BatchTally t) {
      return t.lossCount.get() > lossCount ? t.lastLoss : Double.NaN;
    }

    /**
     * Training batches of the window: worker batches where there were any (ParallelWrapper), else
     * the batches seen, else optimizer steps (DJL loops without trainBatch); 0 when none.
     */
    long trainingBatchesSince(BatchTally t) {
      long workers = t.workerBatches.get() - workerBatches;
      if (workers > 0) {
        return workers;
      }
      long counted = t.batches.get() - batches;
      return counted > 0 ? counted : Math.max(0, t.steps.get() - steps);
    }

    /**
     * Rows trained in the window, or -1 where batch sizes were not seen: the workers' rows where
     * there were workers (each worker trains a replica of the model), else the batches' rows.
     */
    long samplesSince(BatchTally t) {
      long workers = t.workerSamples.get() - workerSamples;
      if (workers > 0) {
        return workers;
      }
      long rows = t.samples.get() - samples;
      return rows > 0 ? rows : -1;
    }
  }
}
