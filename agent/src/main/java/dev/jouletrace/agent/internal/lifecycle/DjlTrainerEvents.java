package dev.jouletrace.agent.internal.lifecycle;

import dev.jouletrace.accounting.WindowStatus;
import dev.jouletrace.agent.internal.AgentLog;
import dev.jouletrace.agent.internal.lifecycle.ModelState.RunKind;
import dev.jouletrace.agent.internal.meter.EnergyMeter;
import java.time.Instant;

/** A DJL trainer's lifetime and listener dispatches: where its runs begin and its epochs end. */
final class DjlTrainerEvents {
  private final ModelRegistry<ModelState> models;
  private final EnergyMeter meter;
  private final ListenerInjector listenerInjector;
  private final RunTransitions transitions;

  DjlTrainerEvents(
      ModelRegistry<ModelState> models,
      EnergyMeter meter,
      ListenerInjector listenerInjector,
      RunTransitions transitions) {
    this.models = models;
    this.meter = meter;
    this.listenerInjector = listenerInjector;
    this.transitions = transitions;
  }

  Object trainerCreated(Object trainer, Object listeners) {
    try {
      ModelState s = models.get("djl", trainer);
      synchronized (s) {
        s.createdAt = meter.read();
        s.probed = true;
      }
      return listenerInjector.inject(
          trainer,
          listeners,
          new ListenerInjector.ProbeCallbacks() {
            @Override
            public void onEpoch() {
              epochDispatched(s);
            }

            @Override
            public void onTrainingEnd() {
              // the probe holds the state itself: this works from the finalizer too, when the
              // trainer can no longer be looked up
              try {
                lifetimeEnded(s);
              } catch (Throwable t) {
                AgentLog.internalError("DJL training end", t);
              }
            }
          });
    } catch (Throwable t) {
      AgentLog.internalError("DJL trainer set-up", t);
      return listeners;
    }
  }

  private static void epochDispatched(ModelState s) {
    synchronized (s) {
      s.onEpochSeen = true;
      if (s.epochOpen) {
        s.epochEndPending = true;
      }
    }
  }

  void listenersNotified(Object trainer, Throwable thrown) {
    try {
      // called for every dispatch, once per batch too: the cached lookup allocates nothing
      ModelState s = models.find(trainer);
      if (s == null || !s.epochEndPending) {
        return;
      }
      synchronized (s) {
        if (s.epochEndPending) {
          s.epochEndPending = false;
          if (thrown != null && EndStatus.isEarlyStop(thrown)) {
            s.earlyStopped = true;
          }
          if (s.epochOpen) {
            // early stopping throws out of the dispatch; the epoch itself finished normally
            transitions.closeEpoch(s, trainer, WindowStatus.COMPLETED);
          }
        }
      }
    } catch (Throwable t) {
      AgentLog.internalError("DJL epoch end", t);
    }
  }

  void trainingEnded(Object model) {
    try {
      ModelState s = models.find(model);
      if (s != null) {
        lifetimeEnded(s);
      }
    } catch (Throwable t) {
      AgentLog.internalError("training end", t);
    }
  }

  /** The end of a trainer's lifetime ends the run it made; a run call's run ends with the call. */
  private void lifetimeEnded(ModelState s) {
    synchronized (s) {
      s.createdAt = null;
      if (s.runOpen && s.runKind != RunKind.CALL) {
        transitions.endRun(s, RunTransitions.normalEnd(s), null, Instant.now());
      }
    }
  }
}
