package dev.jouletrace.agent.internal.lifecycle;

/** The statuses a run, epoch or validation window ends with, and how an exception maps to one. */
final class EndStatus {
  static final String COMPLETED = "completed";
  static final String EARLY_STOPPED = "early_stopped";
  static final String FAILED = "failed";
  static final String INTERRUPTED = "interrupted";

  private EndStatus() {}

  /** A normal early stop leaves by an exception (DJL EarlyStoppedException). */
  static String of(Throwable thrown) {
    if (thrown == null) {
      return COMPLETED;
    }
    for (Class<?> c = thrown.getClass(); c != null; c = c.getSuperclass()) {
      if (c.getSimpleName().equals("EarlyStoppedException")) {
        return EARLY_STOPPED;
      }
    }
    if (thrown instanceof InterruptedException) {
      return INTERRUPTED;
    }
    return FAILED;
  }

  /** An epoch or validation call ends failed or completed: only a run stops early. */
  static String ofWindow(Throwable thrown) {
    return of(thrown).equals(FAILED) ? FAILED : COMPLETED;
  }
}
