package dev.jouletrace.agent.bootstrap;

/**
 * What the training lifecycle hears from the advice. Implemented inside the agent's isolated class
 * loader; declared here, on the bootstrap path, so inlined advice in any class loader can reach it
 * through {@link TrainingBridge}. Implementations never throw.
 */
public interface TrainingEvents {

  /**
   * A run-level call began (DL4J {@code fit(iterator, epochs)}, DJL {@code EasyTrain.fit}).
   *
   * @return whether this call opened the run; nested or repeated calls return false
   */
  boolean runEnter(String framework, Object model, int plannedEpochs);

  /** The run-level call that returned true from {@link #runEnter} ended, normally or not. */
  void runExit(Object model, Throwable thrown);

  /**
   * An epoch-level call began (DL4J {@code fit(iterator)}).
   *
   * @return whether this call opened the epoch; nested calls return false
   */
  boolean epochEnter(String framework, Object model);

  /** The epoch-level call that returned true from {@link #epochEnter} ended. */
  void epochExit(Object model, Throwable thrown);

  /** One training batch is about to run for the model's current epoch. */
  void batch(String framework, Object model);

  /**
   * A DJL {@code Trainer} was constructed.
   *
   * @return the listener list to store in the trainer, with Jouletrace's probe listener first
   */
  Object trainerCreated(Object trainer, Object listeners);

  /** A DJL {@code Trainer.notifyListeners} dispatch ended; an epoch ends here if it was onEpoch. */
  void listenersNotified(Object trainer, Throwable thrown);
}
