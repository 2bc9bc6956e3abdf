package dev.jouletrace.agent.internal.lifecycle;

import dev.jouletrace.accounting.RunStatus;
import dev.jouletrace.accounting.WindowStatus;
import dev.jouletrace.agent.internal.AgentLog;
import dev.jouletrace.agent.internal.lifecycle.ModelState.RunKind;
import dev.jouletrace.agent.internal.meter.MeterReading;
import java.time.Instant;

/** Run-level and epoch-level calls, and epochs a framework counts itself (DL4J minibatch loops). */
final class RunAndEpochCalls {
  private final ModelRegistry<ModelState> models;
  private final RunTransitions transitions;
  private final boolean attachedLate;

  RunAndEpochCalls(
      ModelRegistry<ModelState> models, RunTransitions transitions, boolean attachedLate) {
    this.models = models;
    this.transitions = transitions;
    this.attachedLate = attachedLate;
  }

  boolean runEnter(String framework, Object model, int plannedEpochs) {
    try {
      ModelState s = models.get(framework, model);
      synchronized (s) {
        if (s.runOpen && s.runKind == RunKind.CALL) {
          return false;
        }
        if (s.runOpen) {
          // a loop of epoch calls, or a trainer's hand-written loop, is followed by a run call
          transitions.endRun(s, RunTransitions.normalEnd(s), null, Instant.now());
        }
        transitions.openRun(s, plannedEpochs, RunKind.CALL, Instant.now());
        return true;
      }
    } catch (Throwable t) {
      AgentLog.internalError("run start", t);
      return false;
    }
  }

  void runExit(Object model, Object result, Throwable thrown) {
    try {
      ModelState s = models.find(model);
      if (s == null) {
        return;
      }
      synchronized (s) {
        if (!s.runOpen) {
          return;
        }
        RunStatus status = EndStatus.ofRun(thrown);
        RunOutcome outcome = result == null ? null : s.policy.progress.outcome(result);
        if (thrown == null && outcome != null && outcome.status != null) {
          status = outcome.status;
        } else if (status == RunStatus.COMPLETED && s.earlyStopped) {
          status = RunStatus.EARLY_STOPPED;
        }
        transitions.endRun(s, status, outcome, Instant.now());
      }
    } catch (Throwable t) {
      AgentLog.internalError("run end", t);
    }
  }

  boolean epochEnter(String framework, Object model) {
    try {
      ModelState s = models.get(framework, model);
      synchronized (s) {
        if (s.epochOpen) {
          AgentLog.debug("nested epoch call ignored for " + framework);
          return false;
        }
        transitions.openEpoch(s, model, false);
        return true;
      }
    } catch (Throwable t) {
      AgentLog.internalError("epoch start", t);
      return false;
    }
  }

  void epochExit(Object model, Throwable thrown) {
    try {
      ModelState s = models.find(model);
      if (s == null) {
        return;
      }
      synchronized (s) {
        if (s.epochOpen) {
          transitions.closeEpoch(s, model, EndStatus.ofWindow(thrown));
        }
      }
    } catch (Throwable t) {
      AgentLog.internalError("epoch end", t);
    }
  }

  void epochCounted(String framework, Object model) {
    try {
      ModelState s = models.get(framework, model);
      synchronized (s) {
        if (s.epochOpen) {
          // inside an epoch call (DL4J fit(iterator) counts its own epoch): that call ends it.
          // A DJL loop that never dispatches onEpoch: a new pass over a dataset, outside
          // validation and after some batches, ends the epoch.
          if (s.epochLazy
              && !s.onEpochSeen
              && s.validationStart == null
              && s.batches.get() + s.steps.get() > s.batchesAtStart + s.stepsAtStart) {
            transitions.closeEpoch(s, model, WindowStatus.COMPLETED);
          }
          return;
        }
        MeterReading start = s.pendingStart;
        if (attachedLate && !s.boundarySeen) {
          // attached in the middle of this epoch: only its end is a boundary to count from
          s.boundarySeen = true;
          s.pendingStart = null;
          return;
        }
        s.boundarySeen = true;
        if (start == null || s.batches.get() == s.pendingBatchesAtStart) {
          return; // no batch since the last boundary: no epoch
        }
        // a hand-written minibatch loop: the batches since the last boundary were one epoch
        s.pendingStart = null;
        if (!s.runOpen) {
          transitions.openRun(s, -1, RunKind.IMPLICIT, start.time());
        }
        transitions.closePendingEpoch(s, model, start, WindowStatus.COMPLETED);
      }
    } catch (Throwable t) {
      AgentLog.internalError("epoch count", t);
    }
  }
}
