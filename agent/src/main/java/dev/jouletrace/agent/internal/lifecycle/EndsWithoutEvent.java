package dev.jouletrace.agent.internal.lifecycle;

import dev.jouletrace.accounting.RunStatus;
import dev.jouletrace.accounting.WindowStatus;
import dev.jouletrace.agent.internal.AgentLog;
import dev.jouletrace.agent.internal.lifecycle.ModelState.RunKind;
import java.time.Instant;

/** Ends runs that get no end event: after an idle timeout, when garbage collected, at JVM exit. */
final class EndsWithoutEvent {
  private final ModelRegistry<ModelState> models;
  private final RunTransitions transitions;
  private final long idleTimeoutNanos;

  EndsWithoutEvent(
      ModelRegistry<ModelState> models, RunTransitions transitions, long idleTimeoutNanos) {
    this.models = models;
    this.transitions = transitions;
    this.idleTimeoutNanos = idleTimeoutNanos;
  }

  /**
   * Ends runs without an end call whose model has had no batch for longer than the idle timeout
   * (the run ends at its last epoch's end), and runs whose model was garbage collected.
   */
  void sweep() {
    try {
      long now = System.nanoTime();
      for (ModelState s : models.all()) {
        if (idleTimeoutNanos <= 0 || now - s.lastActivityNanos < idleTimeoutNanos) {
          continue;
        }
        synchronized (s) {
          if (s.runOpen
              && s.runKind != RunKind.CALL
              && !s.epochOpen
              && now - s.lastActivityNanos >= idleTimeoutNanos) {
            AgentLog.debug("run " + s.runNumber + " ended after being idle");
            s.pendingStart = null;
            transitions.endRun(
                s,
                RunTransitions.normalEnd(s),
                null,
                s.lastEpochEnd != null ? s.lastEpochEnd : Instant.now());
          }
        }
      }
    } catch (Throwable t) {
      AgentLog.internalError("idle check", t);
    }
  }

  /** The model was garbage collected (a DJL trainer finalized without close, for one). */
  void collected(ModelState s) {
    try {
      synchronized (s) {
        if (s.epochOpen) {
          transitions.closeEpoch(s, null, WindowStatus.INTERRUPTED);
        }
        if (s.runOpen) {
          transitions.endRun(
              s,
              s.runKind == RunKind.CALL ? RunStatus.INTERRUPTED : RunTransitions.normalEnd(s),
              null,
              s.lastEpochEnd != null ? s.lastEpochEnd : Instant.now());
        }
      }
    } catch (Throwable t) {
      AgentLog.internalError("collected model", t);
    }
  }

  /**
   * At JVM exit: epochs still open end as interrupted, and so do their runs and open run calls;
   * runs without an end call (user loops, trainers never closed) between epochs end normally, at
   * the end of their last epoch.
   */
  void closeAll() {
    for (ModelState s : models.all()) {
      try {
        synchronized (s) {
          boolean interrupted = s.runKind == RunKind.CALL;
          Object model = s.model.get();
          if (s.epochOpen) {
            transitions.closeEpoch(s, model, WindowStatus.INTERRUPTED);
            interrupted = true;
          } else if (s.runOpen
              && s.pendingStart != null
              && s.batches.get() > s.pendingBatchesAtStart) {
            // a minibatch loop stopped between its own epoch boundaries
            transitions.closePendingEpoch(s, model, s.pendingStart, WindowStatus.INTERRUPTED);
            interrupted = true;
          }
          if (s.runOpen) {
            // a run without an end call that was between epochs ended with its last epoch
            Instant end = interrupted || s.lastEpochEnd == null ? Instant.now() : s.lastEpochEnd;
            transitions.endRun(
                s, interrupted ? RunStatus.INTERRUPTED : RunTransitions.normalEnd(s), null, end);
          }
        }
      } catch (Throwable t) {
        AgentLog.internalError("shutdown", t);
      }
    }
  }
}
