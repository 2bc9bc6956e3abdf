package dev.jouletrace.agent.internal.lifecycle;

/** Puts a probe listener first in a trainer's listener list; the probe reports epoch dispatches. */
public interface ListenerInjector {

  /**
   * @param onEpoch called by the probe each time the trainer dispatches an epoch end
   * @return the list to store in the trainer in place of {@code listeners}
   */
  Object inject(Object trainer, Object listeners, Runnable onEpoch);
}
