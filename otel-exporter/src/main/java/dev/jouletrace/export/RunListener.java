package dev.jouletrace.export;

import dev.jouletrace.accounting.EpochAccount;
import dev.jouletrace.accounting.ExecutorTask;
import dev.jouletrace.accounting.RunLedger;

/**
 * Receives accounted figures, always on the one export thread, never on the training thread. Each
 * output (trace, report files, console) is one listener; one failing never stops the others. Its
 * work per epoch must not grow with the number of epochs so far.
 */
public interface RunListener {

  void runStarted(RunLedger run);

  /** {@code run} already contains {@code epoch}. */
  void epochFinished(RunLedger run, EpochAccount epoch);

  void runFinished(RunLedger run);

  /**
   * A Spark task's training window ended in this executor JVM ({@code docs/FRAMEWORKS.md §18}):
   * only the trace writes it (a child of the driver's epoch span); the driver's report receives its
   * energy through Spark.
   */
  default void executorTaskFinished(ExecutorTask task) {}

  /**
   * Called on the export thread between events, at least every few tens of milliseconds: a chance
   * to flush buffers or render on a schedule. Must return quickly unless work is due.
   */
  default void idle(long nowNanos) {}

  /**
   * Flush and release; called once at JVM exit, after every run has finished.
   *
   * @param deadlineNanos {@link System#nanoTime()} by which the listener must have returned
   */
  void close(long deadlineNanos);
}
