package dev.jouletrace.accounting;

import java.time.Instant;
import java.util.Objects;

/** How and when a run ended, with the framework's own account of it when there is one. */
public final class RunEnd {
  private final int number;
  private final RunStatus status;
  private final Instant end;
  private final FrameworkOutcome outcome;

  /**
   * @param outcome the framework's own account (DL4J early stopping), or null
   */
  public RunEnd(int number, RunStatus status, Instant end, FrameworkOutcome outcome) {
    this.number = number;
    this.status = Objects.requireNonNull(status);
    this.end = Objects.requireNonNull(end);
    this.outcome = outcome;
  }

  public int number() {
    return number;
  }

  public RunStatus status() {
    return status;
  }

  public Instant end() {
    return end;
  }

  /** DL4J early stopping: best epoch, validation scores, termination reason; else null. */
  public FrameworkOutcome outcome() {
    return outcome;
  }
}
