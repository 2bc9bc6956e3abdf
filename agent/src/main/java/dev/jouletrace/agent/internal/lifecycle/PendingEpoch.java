package dev.jouletrace.agent.internal.lifecycle;

import java.lang.ref.WeakReference;

/**
 * A window of batches outside any epoch call, which becomes an epoch when it ends: in a
 * hand-written minibatch loop, at the loop's own epoch count ({@code incrementEpochCount()}); in a
 * loop of minibatch fits, when the first data of the window is fitted again (the next pass over the
 * same data begins) or when the window has lasted {@code jouletrace.run.window_s}. Its energy is
 * charged from its first batch, like an epoch's.
 */
final class PendingEpoch {
  final SharedEnergy.Share share;
  final BatchTally.Mark mark;
  final long startNanos;

  /** Opened by a minibatch fit (a pass over data), not by a batch the loop counts itself. */
  final boolean byDataFit;

  private final WeakReference<Object> firstData;

  PendingEpoch(
      SharedEnergy.Share share, BatchTally.Mark mark, Object firstData, boolean byDataFit) {
    this.share = share;
    this.mark = mark;
    this.startNanos = System.nanoTime();
    this.byDataFit = byDataFit;
    this.firstData = firstData == null ? null : new WeakReference<>(firstData);
  }

  /** Whether a batch ran since the window began. */
  boolean hasBatches(BatchTally tally) {
    return mark.batchesSince(tally) > 0;
  }

  /** Whether {@code data} is the very object the window began with: the next pass begins. */
  boolean beganWith(Object data) {
    return data != null && firstData != null && firstData.get() == data;
  }

  /** Whether the window is older than {@code nanos} (0: windows never end by time). */
  boolean olderThan(long nanos, long nowNanos) {
    return nanos > 0 && nowNanos - startNanos >= nanos;
  }
}
