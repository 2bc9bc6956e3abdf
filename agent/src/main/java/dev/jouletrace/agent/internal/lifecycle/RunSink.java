package dev.jouletrace.agent.internal.lifecycle;

import dev.jouletrace.accounting.EpochRecord;
import dev.jouletrace.accounting.ExecutorTask;
import dev.jouletrace.accounting.RunEnd;
import dev.jouletrace.accounting.RunStart;

/**
 * Where the lifecycle hands off run boundaries and measured epochs, on the training thread: every
 * method must return at once, without blocking or I/O.
 */
public interface RunSink {

  void runStarted(RunStart start);

  void epochMeasured(EpochRecord epoch);

  void runEnded(RunEnd end);

  /** A Spark task's window ended in this executor JVM ({@code docs/FRAMEWORKS.md §18}). */
  default void taskMeasured(ExecutorTask task) {}
}
