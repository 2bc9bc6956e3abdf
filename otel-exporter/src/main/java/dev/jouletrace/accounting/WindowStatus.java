package dev.jouletrace.accounting;

import java.util.Locale;

/**
 * How a measured window inside a run ended: an epoch, a validation pass or a single batch: it
 * completed, threw, was cut off by the JVM's exit, or was cut short by early stopping.
 */
public enum WindowStatus {
  COMPLETED,
  /** The window's call threw. */
  FAILED,
  /** The JVM exited, or the run ended, while the window was open. */
  INTERRUPTED,
  /**
   * Cut short by an early-stopping condition checked inside it (DL4J's iteration termination
   * conditions): kept with its energy, but not a completed epoch.
   */
  EARLY_STOPPED;

  private final String label = name().toLowerCase(Locale.ROOT);

  /** {@code completed}, {@code failed}, {@code interrupted} or {@code early_stopped}. */
  public String label() {
    return label;
  }

  /** The status a window has when the run it belongs to ends with {@code run} while it is open. */
  public static WindowStatus closedBy(RunStatus run) {
    switch (run) {
      case FAILED:
        return FAILED;
      case INTERRUPTED:
        return INTERRUPTED;
      case EARLY_STOPPED:
        return EARLY_STOPPED;
      default:
        return COMPLETED;
    }
  }
}
