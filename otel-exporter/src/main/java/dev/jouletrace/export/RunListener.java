package dev.jouletrace.export;

import dev.jouletrace.accounting.EpochRecord;
import dev.jouletrace.accounting.RunRecord;

/**
 * Receives finished figures, always on the one export thread, never on the training thread. Each
 * output (trace, report files, console) is one listener; one failing never stops the others.
 */
public interface RunListener {

  void runStarted(RunRecord run);

  /** {@code run} already contains {@code epoch}. */
  void epochFinished(RunRecord run, EpochRecord epoch);

  void runFinished(RunRecord run);

  /** Flush and release; called once at JVM exit, after every run has finished. */
  void close();
}
