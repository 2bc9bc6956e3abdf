package dev.jouletrace.agent.internal.lifecycle;

import java.time.Instant;

/** Where the lifecycle hands off run boundaries and measured epochs; must return at once. */
public interface RunSink {

  void runStarted(
      int runNumber,
      String framework,
      Instant start,
      int plannedEpochs,
      boolean implicit,
      boolean attachedLate);

  void epochMeasured(EpochMeasurement epoch);

  void runEnded(int runNumber, String status, Instant end);

  /**
   * What the lifecycle calls when a run ends; carries the framework's own account (DL4J early
   * stopping) when there is one. Sinks that do not use it keep the three-argument form.
   */
  default void runEnded(RunEnd end) {
    runEnded(end.runNumber, end.status, end.end);
  }
}
