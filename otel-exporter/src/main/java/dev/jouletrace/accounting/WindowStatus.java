package dev.jouletrace.accounting;

import java.util.Locale;

/**
 * How a measured window inside a run ended: an epoch, a validation pass or a single batch. Only a
 * run stops early; a window either completed, threw, or was cut off.
 */
public enum WindowStatus {
  COMPLETED,
  /** The window's call threw. */
  FAILED,
  /** The JVM exited, or the run ended, while the window was open. */
  INTERRUPTED;

  private final String label = name().toLowerCase(Locale.ROOT);

  /** {@code completed}, {@code failed} or {@code interrupted}. */
  public String label() {
    return label;
  }

  /** The status a window has when the run it belongs to ends with {@code run} while it is open. */
  public static WindowStatus closedBy(RunStatus run) {
    return run == RunStatus.FAILED
        ? FAILED
        : run == RunStatus.INTERRUPTED ? INTERRUPTED : COMPLETED;
  }
}
