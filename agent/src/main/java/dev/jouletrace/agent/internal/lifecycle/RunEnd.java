package dev.jouletrace.agent.internal.lifecycle;

import java.time.Instant;

/** How and when a run ended, with the framework's own account of it when there is one. */
public final class RunEnd {
  public final int runNumber;

  /** {@code completed}, {@code early_stopped}, {@code failed}, {@code interrupted}. */
  public final String status;

  public final Instant end;

  /** DL4J early stopping: best epoch, validation scores, termination reason; else null. */
  public final RunOutcome outcome;

  RunEnd(int runNumber, String status, Instant end, RunOutcome outcome) {
    this.runNumber = runNumber;
    this.status = status;
    this.end = end;
    this.outcome = outcome;
  }
}
