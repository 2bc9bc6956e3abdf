package dev.jouletrace.agent.internal.lifecycle;

import java.util.Objects;

/**
 * How one framework's events map onto runs and epochs: where its progress figures come from, and
 * where its epochs begin.
 */
public final class FrameworkPolicy {
  /** Where a framework's epochs begin. */
  public enum EpochStart {
    /**
     * At an epoch call or trigger (DL4J {@code fit(iterator)}, early stopping's trigger, a
     * configured {@code epoch} target). Batches outside any epoch are noted, in case the loop
     * counts an epoch itself.
     */
    AT_EPOCH_CALL,
    /**
     * At the first batch or optimizer step after the last epoch's end: the framework has no
     * epoch-begin event (DJL), only an epoch-end dispatch.
     */
    AT_FIRST_BATCH
  }

  static final FrameworkPolicy DEFAULT =
      new FrameworkPolicy(ProgressReader.NONE, EpochStart.AT_EPOCH_CALL);

  final ProgressReader progress;
  final EpochStart epochStart;

  public FrameworkPolicy(ProgressReader progress, EpochStart epochStart) {
    this.progress = Objects.requireNonNull(progress);
    this.epochStart = Objects.requireNonNull(epochStart);
  }
}
