package dev.jouletrace.agent.internal.lifecycle;

/**
 * How one framework's events map onto runs and epochs: where its progress figures come from and
 * whether a batch outside any epoch opens one (DJL has no epoch-begin event).
 */
public final class FrameworkPolicy {
  final ProgressReader progress;
  final boolean batchOpensEpoch;

  public FrameworkPolicy(ProgressReader progress, boolean batchOpensEpoch) {
    this.progress = progress;
    this.batchOpensEpoch = batchOpensEpoch;
  }

  static final FrameworkPolicy DEFAULT = new FrameworkPolicy(ProgressReader.NONE, false);
}
