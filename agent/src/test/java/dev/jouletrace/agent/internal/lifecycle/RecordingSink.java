package dev.jouletrace.agent.internal.lifecycle;

import dev.jouletrace.accounting.EpochRecord;
import dev.jouletrace.accounting.ExecutorTask;
import dev.jouletrace.accounting.RunEnd;
import dev.jouletrace.accounting.RunStart;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records what the lifecycle hands off, as readable lines plus the records. */
public final class RecordingSink implements RunSink {
  public final List<String> events = new CopyOnWriteArrayList<>();
  public final List<EpochRecord> epochs = new CopyOnWriteArrayList<>();
  public final List<RunEnd> ends = new CopyOnWriteArrayList<>();
  public final List<Instant> starts = new CopyOnWriteArrayList<>();
  public final List<RunStart> runStarts = new CopyOnWriteArrayList<>();
  public final List<ExecutorTask> tasks = new CopyOnWriteArrayList<>();

  @Override
  public void runStarted(RunStart start) {
    starts.add(start.start());
    runStarts.add(start);
    events.add(
        "run "
            + start.number()
            + " start "
            + start.framework()
            + " planned="
            + start.plannedEpochs()
            + (start.implicit() ? " implicit" : "")
            + (start.attachedLate() ? " late" : ""));
  }

  @Override
  public void epochMeasured(EpochRecord e) {
    epochs.add(e);
    events.add(
        "run "
            + e.runNumber()
            + " epoch "
            + e.index()
            + " "
            + e.status().label()
            + " batches="
            + e.batches());
  }

  @Override
  public void taskMeasured(ExecutorTask task) {
    tasks.add(task);
    events.add("task " + task.executorId() + " batches=" + task.batches());
  }

  @Override
  public void runEnded(RunEnd end) {
    ends.add(end);
    events.add("run " + end.number() + " end " + end.status().label());
  }
}
