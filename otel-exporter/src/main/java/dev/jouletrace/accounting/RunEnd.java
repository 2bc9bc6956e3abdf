package dev.jouletrace.accounting;

import java.time.Instant;
import java.util.Objects;

/** How and when a run ended, with the framework's own account of it when there is one. */
public final class RunEnd {
  private final int number;
  private final RunStatus status;
  private final Instant end;
  private final FrameworkOutcome outcome;
  private final EnergyWindow betweenEpochs;

  /**
   * A run ended whose time between epochs was not measured (tests, records read back).
   *
   * @param outcome the framework's own account (DL4J early stopping), or null
   */
  public RunEnd(int number, RunStatus status, Instant end, FrameworkOutcome outcome) {
    this(number, status, end, outcome, EnergyWindow.none());
  }

  /**
   * @param outcome the framework's own account (DL4J early stopping), or null
   * @param betweenEpochs the energy charged to the run while none of its epochs was open: before
   *     the first, between them (scoring, checkpoints, data loading) and after the last
   */
  public RunEnd(
      int number,
      RunStatus status,
      Instant end,
      FrameworkOutcome outcome,
      EnergyWindow betweenEpochs) {
    this.number = number;
    this.status = Objects.requireNonNull(status);
    this.end = Objects.requireNonNull(end);
    this.outcome = outcome;
    this.betweenEpochs = Objects.requireNonNull(betweenEpochs);
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

  /** The energy charged to the run outside its epochs; no domains when it was not measured. */
  public EnergyWindow betweenEpochs() {
    return betweenEpochs;
  }

  /** DL4J early stopping: best epoch, validation scores, termination reason; else null. */
  public FrameworkOutcome outcome() {
    return outcome;
  }
}
