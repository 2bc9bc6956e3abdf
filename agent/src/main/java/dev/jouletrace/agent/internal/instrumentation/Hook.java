package dev.jouletrace.agent.internal.instrumentation;

/** What a target method does in training, and which shared advice implements that. */
public enum Hook {
  /** A run-level call on the model, epochs in the second argument. */
  RUN_ON_THIS("advice.RunAdvice$OnThis"),
  /** A run-level static call, the model first and epochs second. */
  RUN_ON_FIRST_ARGUMENT("advice.RunAdvice$OnFirstArgument"),
  /** A run-level call on the model, epochs unknown. */
  RUN_UNPLANNED_ON_THIS("advice.RunAdvice$UnplannedOnThis"),
  /** A run-level static call, the model first, epochs unknown. */
  RUN_UNPLANNED_ON_FIRST_ARGUMENT("advice.RunAdvice$UnplannedOnFirstArgument"),
  /** A run-level static call without a reference argument: the class is the model. */
  RUN_UNPLANNED_ON_CLASS("advice.RunAdvice$UnplannedOnClass"),
  /** DL4J early stopping: the network in field {@code model}, the result returned. */
  RUN_EARLY_STOPPING("advice.RunAdvice$EarlyStopping"),
  /** An epoch-level call on the model. */
  EPOCH_ON_THIS("advice.EpochAdvice"),
  /** An epoch-level static call, the model first. */
  EPOCH_ON_FIRST_ARGUMENT("advice.EpochAdvice$OnFirstArgument"),
  /** An epoch-level static call without a reference argument: the class is the model. */
  EPOCH_ON_CLASS("advice.EpochAdvice$OnClass"),
  /** An epoch-level call of a wrapper whose field {@code model} holds the model. */
  EPOCH_ON_MODEL_FIELD("advice.EpochAdvice$OnModelField"),
  /** A callback announcing an epoch's beginning, the model first (SameDiff listeners). */
  EPOCH_BEGINS_ON_FIRST_ARGUMENT("advice.EpochAdvice$BeginsOnFirstArgument"),
  /** A callback announcing an epoch's end, the model first (SameDiff listeners). */
  EPOCH_ENDS_ON_FIRST_ARGUMENT("advice.EpochAdvice$EndsOnFirstArgument"),
  /** Epoch start or end as the first (boolean) argument, the model second. */
  EPOCH_TRIGGER("advice.EpochAdvice$Trigger"),
  /**
   * The model's epoch counter moved on, or (DJL {@code iterateDataset}) a pass over a dataset
   * begins: a boundary for hand-written loops that have no epoch call.
   */
  EPOCH_COUNTED("advice.EpochAdvice$Counted"),
  /** A training batch about to run, the model first. */
  BATCH_ON_FIRST_ARGUMENT("advice.BatchAdvice"),
  /** A training batch, the model first and the batch second (its size read at exit). */
  BATCH_WITH_BATCH_ARGUMENT("advice.BatchAdvice$WithBatch"),
  /** A training batch about to run on the model. */
  BATCH_ON_THIS("advice.BatchAdvice$OnThis"),
  /** A training batch, static without a reference argument: the class is the model. */
  BATCH_ON_CLASS("advice.BatchAdvice$OnClass"),
  /** An optimizer step on the model. */
  STEP_ON_THIS("advice.BatchAdvice$Step"),
  /** A solver step for the model in field {@code model}, its loss read at exit. */
  BATCH_SOLVER("advice.BatchAdvice$Solver"),
  /** A worker's batch for the model in field {@code originalModel}. */
  BATCH_WORKER("advice.BatchAdvice$Worker"),
  /** A validation pass, the model first. */
  VALIDATION_ON_FIRST_ARGUMENT("advice.ValidationAdvice"),
  /** A validation pass on the model. */
  VALIDATION_ON_THIS("advice.ValidationAdvice$OnThis"),
  /** A validation pass, static without a reference argument: the class is the model. */
  VALIDATION_ON_CLASS("advice.ValidationAdvice$OnClass"),
  /** A validation batch, the model first. */
  VALIDATION_BATCH_ON_FIRST_ARGUMENT("advice.ValidationAdvice$Batch"),
  /** DJL trainer constructed: inject the probe listener. */
  DJL_TRAINER_CREATED("advice.TrainerCreatedAdvice"),
  /** DJL listener dispatch finished. */
  DJL_LISTENERS_NOTIFIED("advice.ListenersNotifiedAdvice"),
  /** The model's training lifetime ended (DJL {@code Trainer.close()}). */
  TRAINING_ENDED_ON_THIS("advice.TrainingEndedAdvice");

  private final String adviceClass;

  Hook(String relativeAdviceClass) {
    this.adviceClass = Hook.class.getPackageName() + "." + relativeAdviceClass;
  }

  /** Binary name of the advice class, read as a class file and inlined, never loaded. */
  public String adviceClass() {
    return adviceClass;
  }
}
