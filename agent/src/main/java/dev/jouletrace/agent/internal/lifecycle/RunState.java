package dev.jouletrace.agent.internal.lifecycle;

import dev.jouletrace.accounting.RunStatus;
import dev.jouletrace.accounting.SpanIds;
import java.time.Instant;

/** A model's open run: which run of the JVM, how it began, and where its epochs stand. */
final class RunState {
  /** How a run began, which decides how it can end. */
  enum Kind {
    /** A run-level call; it ends when the call returns. */
    CALL,
    /** A DJL trainer's lifetime: constructor to {@code close()} (or finalizer). */
    LIFETIME,
    /** Epochs with no run-level call: ends at the next run, idle, collection or JVM exit. */
    IMPLICIT
  }

  final int number;
  final Kind kind;

  /**
   * The run's epochs end only when the next begins or the run ends (DL4J early stopping: the
   * scoring after each epoch's training belongs to it, and whether the last one counts is known
   * only from how the run ended).
   */
  final boolean lazyEpochEnds;

  private int completedEpochs;

  /** The run's own share of the energy, taken while none of its epochs is open. */
  final SharedEnergy.RunShare share;

  private int nextEpochIndex;
  private boolean earlyStopped;
  private Instant lastEpochEnd;

  /** The run span's trace and span id, chosen now so that a Spark driver can publish them. */
  final SpanIds ids;

  RunState(int number, Kind kind, SharedEnergy.RunShare share, boolean lazyEpochEnds, SpanIds ids) {
    this.ids = ids;
    this.number = number;
    this.kind = kind;
    this.share = share;
    this.lazyEpochEnds = lazyEpochEnds;
  }

  /** Epochs of the run that completed. */
  int completedEpochs() {
    return completedEpochs;
  }

  /** The index of the epoch about to open: 0-based, without gaps. */
  int takeEpochIndex() {
    return nextEpochIndex++;
  }

  void epochEnded(Instant end, boolean completed) {
    lastEpochEnd = end;
    completedEpochs += completed ? 1 : 0;
  }

  /** When the last epoch ended, or null before the first. */
  Instant lastEpochEnd() {
    return lastEpochEnd;
  }

  /** The framework said it stopped early (DJL: an EarlyStoppedException left an epoch's end). */
  void stoppedEarly() {
    earlyStopped = true;
  }

  /** How the run ends when nothing went wrong. */
  RunStatus normalEnd() {
    return earlyStopped ? RunStatus.EARLY_STOPPED : RunStatus.COMPLETED;
  }

  /** Where a run without an end call ends: its last epoch's end, or now. */
  Instant naturalEnd() {
    return lastEpochEnd != null ? lastEpochEnd : Instant.now();
  }
}
