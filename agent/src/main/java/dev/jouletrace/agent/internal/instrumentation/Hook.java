package dev.jouletrace.agent.internal.instrumentation;

/** What a target method does in training, and which shared advice implements that. */
public enum Hook {
  /** A run-level call on the model, epochs in the second argument. */
  RUN_ON_THIS("advice.RunAdvice$OnThis"),
  /** A run-level static call, the model first and epochs second. */
  RUN_ON_FIRST_ARGUMENT("advice.RunAdvice$OnFirstArgument"),
  /** An epoch-level call on the model. */
  EPOCH_ON_THIS("advice.EpochAdvice"),
  /** A training batch about to run, the model first. */
  BATCH_ON_FIRST_ARGUMENT("advice.BatchAdvice"),
  /** DJL trainer constructed: inject the probe listener. */
  DJL_TRAINER_CREATED("advice.TrainerCreatedAdvice"),
  /** DJL listener dispatch finished. */
  DJL_LISTENERS_NOTIFIED("advice.ListenersNotifiedAdvice");

  private final String adviceClass;

  Hook(String relativeAdviceClass) {
    this.adviceClass = Hook.class.getPackageName() + "." + relativeAdviceClass;
  }

  /** Binary name of the advice class, read as a class file and inlined, never loaded. */
  public String adviceClass() {
    return adviceClass;
  }
}
