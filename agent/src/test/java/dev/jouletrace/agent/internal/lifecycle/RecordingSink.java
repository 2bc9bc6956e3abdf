package dev.jouletrace.agent.internal.lifecycle;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records what the lifecycle hands off, as readable lines plus the measurements. */
public final class RecordingSink implements RunSink {
  public final List<String> events = new CopyOnWriteArrayList<>();
  public final List<EpochMeasurement> epochs = new CopyOnWriteArrayList<>();
  public final List<RunEnd> ends = new CopyOnWriteArrayList<>();
  public final List<Instant> starts = new CopyOnWriteArrayList<>();

  @Override
  public void runStarted(
      int runNumber,
      String framework,
      Instant start,
      int plannedEpochs,
      boolean implicit,
      boolean attachedLate) {
    starts.add(start);
    events.add(
        "run "
            + runNumber
            + " start "
            + framework
            + " planned="
            + plannedEpochs
            + (implicit ? " implicit" : "")
            + (attachedLate ? " late" : ""));
  }

  @Override
  public void epochMeasured(EpochMeasurement e) {
    epochs.add(e);
    events.add(
        "run " + e.runNumber + " epoch " + e.index + " " + e.status + " batches=" + e.batches);
  }

  @Override
  public void runEnded(RunEnd end) {
    ends.add(end);
    RunSink.super.runEnded(end);
  }

  @Override
  public void runEnded(int runNumber, String status, Instant end) {
    events.add("run " + runNumber + " end " + status);
  }
}
