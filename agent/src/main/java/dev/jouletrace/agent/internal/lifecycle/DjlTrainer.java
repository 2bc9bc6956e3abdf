package dev.jouletrace.agent.internal.lifecycle;

import dev.jouletrace.agent.internal.meter.MeterReading;

/**
 * What only a DJL trainer has: its construction (the start of a run made of its lifetime), whether
 * the probe listener sits in its list, and the epoch end it announced.
 */
final class DjlTrainer {
  /** The trainer's construction, the start of a run made of its lifetime; null once used. */
  MeterReading createdAt;

  /** The probe listener is in the trainer's list (not so for trainers made before an attach). */
  final boolean probed;

  /** The trainer dispatched onEpoch at least once, so its epochs end there. */
  boolean onEpochSeen;

  /** onEpoch was dispatched; the epoch ends when the dispatch returns. */
  volatile boolean epochEndPending;

  DjlTrainer(MeterReading createdAt, boolean probed) {
    this.createdAt = createdAt;
    this.probed = probed;
  }
}
