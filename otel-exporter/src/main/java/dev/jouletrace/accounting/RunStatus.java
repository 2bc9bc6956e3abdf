package dev.jouletrace.accounting;

import java.util.Locale;

/** How a training run stands or ended; its {@link #label()} is what spans and reports carry. */
public enum RunStatus {
  /** Still going on (only ever seen in a report written before the run ended). */
  RUNNING,
  /** Ran to its end: the planned epochs, or until the user's loop stopped calling. */
  COMPLETED,
  /** Stopped by an early-stopping rule (DJL {@code EarlyStoppedException}, DL4J conditions). */
  EARLY_STOPPED,
  /** The run-level call threw. */
  FAILED,
  /** The JVM exited, or the model was collected, in the middle of the run. */
  INTERRUPTED;

  private final String label = name().toLowerCase(Locale.ROOT);

  /** {@code completed}, {@code early_stopped}, ... */
  public String label() {
    return label;
  }

  /** Whether a span for this run is marked as an error. */
  public boolean isError() {
    return this == FAILED || this == INTERRUPTED;
  }
}
