package dev.jouletrace.agent.internal.lifecycle;

/** Puts a probe listener first in a trainer's listener list; the probe reports dispatches. */
public interface ListenerInjector {

  /** What the probe reports; each call is cheap and never throws. */
  interface ProbeCallbacks {
    /** The trainer dispatched an epoch end. */
    void onEpoch();

    /** The trainer dispatched the end of training (again, possibly: DJL may send it twice). */
    void onTrainingEnd();
  }

  /**
   * @return the list to store in the trainer in place of {@code listeners}
   */
  Object inject(Object trainer, Object listeners, ProbeCallbacks callbacks);
}
