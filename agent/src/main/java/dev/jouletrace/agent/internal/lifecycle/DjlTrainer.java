package dev.jouletrace.agent.internal.lifecycle;

import dev.jouletrace.agent.internal.meter.MeterReading;

/**
 * What only a DJL trainer has: its construction (the start of a run made of its lifetime), whether
 * the probe listener sits in its list, and the epoch end it announced.
 */
final class DjlTrainer {
  /** The trainer's construction, the start of a run made of its lifetime; null once used. */
  MeterReading createdAt;

  /**
   * The energy since the trainer's construction, the run's share should its lifetime be its run;
   * null once a run began.
   */
  SharedEnergy.RunShare lifetimeShare;

  /** The probe listener is in the trainer's list (not so for trainers made before an attach). */
  final boolean probed;

  /** The trainer dispatched onEpoch at least once, so its epochs end there. */
  boolean onEpochSeen;

  /** onEpoch was dispatched; the epoch ends when the dispatch returns. */
  volatile boolean epochEndPending;

  DjlTrainer(SharedEnergy.RunShare lifetimeShare, boolean probed) {
    this.lifetimeShare = lifetimeShare;
    this.createdAt = lifetimeShare.start;
    this.probed = probed;
  }
}
