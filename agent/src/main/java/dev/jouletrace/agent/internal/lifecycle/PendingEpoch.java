package dev.jouletrace.agent.internal.lifecycle;

import dev.jouletrace.agent.internal.meter.MeterReading;

/**
 * Batches outside any epoch of a framework that opens epochs by calls (DL4J): noted from their
 * first batch, in case the loop later counts an epoch itself ({@code incrementEpochCount()}); the
 * epoch is then made back to that first batch.
 */
final class PendingEpoch {
  final MeterReading start;
  final BatchTally.Mark mark;

  PendingEpoch(MeterReading start, BatchTally.Mark mark) {
    this.start = start;
    this.mark = mark;
  }

  /** Whether a batch ran since the epoch began. */
  boolean hasBatches(BatchTally tally) {
    return mark.batchesSince(tally) > 0;
  }
}
