package dev.jouletrace.agent.internal.lifecycle;

import dev.jouletrace.accounting.RunStatus;
import dev.jouletrace.accounting.WindowStatus;

/** How the way a call ended (returned, or what it threw) maps to a run's or a window's status. */
final class EndStatus {
  private EndStatus() {}

  /** A normal early stop leaves by an exception (DJL EarlyStoppedException). */
  static RunStatus ofRun(Throwable thrown) {
    if (thrown == null) {
      return RunStatus.COMPLETED;
    }
    if (isEarlyStop(thrown)) {
      return RunStatus.EARLY_STOPPED;
    }
    if (thrown instanceof InterruptedException) {
      return RunStatus.INTERRUPTED;
    }
    return RunStatus.FAILED;
  }

  /** An epoch or validation call ends failed or completed: only a run stops early. */
  static WindowStatus ofWindow(Throwable thrown) {
    return ofRun(thrown) == RunStatus.FAILED ? WindowStatus.FAILED : WindowStatus.COMPLETED;
  }

  static boolean isEarlyStop(Throwable thrown) {
    for (Class<?> c = thrown.getClass(); c != null; c = c.getSuperclass()) {
      if (c.getSimpleName().equals("EarlyStoppedException")) {
        return true;
      }
    }
    return false;
  }
}
