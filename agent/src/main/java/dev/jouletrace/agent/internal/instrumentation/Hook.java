package dev.jouletrace.agent.internal.instrumentation;

import dev.jouletrace.agent.internal.instrumentation.advice.BatchAdvice;
import dev.jouletrace.agent.internal.instrumentation.advice.ClusterAdvice;
import dev.jouletrace.agent.internal.instrumentation.advice.DataFitAdvice;
import dev.jouletrace.agent.internal.instrumentation.advice.EpochAdvice;
import dev.jouletrace.agent.internal.instrumentation.advice.ListenersNotifiedAdvice;
import dev.jouletrace.agent.internal.instrumentation.advice.RunAdvice;
import dev.jouletrace.agent.internal.instrumentation.advice.TrainerCreatedAdvice;
import dev.jouletrace.agent.internal.instrumentation.advice.TrainingEndedAdvice;
import dev.jouletrace.agent.internal.instrumentation.advice.ValidationAdvice;

/** What a target method does in training, and which shared advice implements that. */
public enum Hook {
  /** A run-level call on the model, epochs in the second argument. */
  RUN_ON_THIS(RunAdvice.OnThis.class),
  /** A run-level static call, the model first and epochs second. */
  RUN_ON_FIRST_ARGUMENT(RunAdvice.OnFirstArgument.class),
  /** A run-level call on the model, epochs unknown. */
  RUN_UNPLANNED_ON_THIS(RunAdvice.UnplannedOnThis.class),
  /** A run-level static call, the model first, epochs unknown. */
  RUN_UNPLANNED_ON_FIRST_ARGUMENT(RunAdvice.UnplannedOnFirstArgument.class),
  /** A run-level static call without a reference argument: the class is the model. */
  RUN_UNPLANNED_ON_CLASS(RunAdvice.UnplannedOnClass.class),
  /** DL4J early stopping: the network in field {@code model}, the result returned. */
  RUN_EARLY_STOPPING(RunAdvice.EarlyStopping.class),
  /** An epoch-level call on the model. */
  EPOCH_ON_THIS(EpochAdvice.class),
  /** An epoch-level static call, the model first. */
  EPOCH_ON_FIRST_ARGUMENT(EpochAdvice.OnFirstArgument.class),
  /** An epoch-level static call without a reference argument: the class is the model. */
  EPOCH_ON_CLASS(EpochAdvice.OnClass.class),
  /** An epoch-level call of a wrapper whose field {@code model} holds the model. */
  EPOCH_ON_MODEL_FIELD(EpochAdvice.OnModelField.class),
  /** A callback announcing an epoch's beginning, the model first (SameDiff listeners). */
  EPOCH_BEGINS_ON_FIRST_ARGUMENT(EpochAdvice.BeginsOnFirstArgument.class),
  /** A callback announcing an epoch's end, the model first (SameDiff listeners). */
  EPOCH_ENDS_ON_FIRST_ARGUMENT(EpochAdvice.EndsOnFirstArgument.class),
  /** Epoch start or end as the first (boolean) argument, the model second. */
  EPOCH_TRIGGER(EpochAdvice.Trigger.class),
  /**
   * The model's epoch counter moved on, or (DJL {@code iterateDataset}) a pass over a dataset
   * begins: a boundary for hand-written loops that have no epoch call.
   */
  EPOCH_COUNTED(EpochAdvice.Counted.class),
  /** A minibatch fit on the model, its data first: training perhaps without epoch calls. */
  DATA_FIT_ON_THIS(DataFitAdvice.class),
  /** A training batch about to run, the model first. */
  BATCH_ON_FIRST_ARGUMENT(BatchAdvice.class),
  /** A training batch, the model first and the batch second (its size read at exit). */
  BATCH_WITH_BATCH_ARGUMENT(BatchAdvice.WithBatch.class),
  /** A training batch about to run on the model. */
  BATCH_ON_THIS(BatchAdvice.OnThis.class),
  /** A training batch, static without a reference argument: the class is the model. */
  BATCH_ON_CLASS(BatchAdvice.OnClass.class),
  /** An optimizer step on the model. */
  STEP_ON_THIS(BatchAdvice.Step.class),
  /** A solver step for the model in field {@code model}, its loss read at exit. */
  BATCH_SOLVER(BatchAdvice.Solver.class),
  /** A worker's batch for the model in field {@code originalModel}. */
  BATCH_WORKER(BatchAdvice.Worker.class),
  /** A score calculator's pass over held-out data, the model first, the score returned. */
  VALIDATION_SCORED(ValidationAdvice.Scored.class),
  /** A listener told an iteration begins, the model first and its data third (SameDiff). */
  BATCH_ITERATION_START(BatchAdvice.IterationStart.class),
  /** A validation pass, the model first. */
  VALIDATION_ON_FIRST_ARGUMENT(ValidationAdvice.class),
  /** A validation pass on the model. */
  VALIDATION_ON_THIS(ValidationAdvice.OnThis.class),
  /** A validation pass, static without a reference argument: the class is the model. */
  VALIDATION_ON_CLASS(ValidationAdvice.OnClass.class),
  /** A validation batch, the model first. */
  VALIDATION_BATCH_ON_FIRST_ARGUMENT(ValidationAdvice.Batch.class),
  /** DJL trainer constructed: inject the probe listener. */
  DJL_TRAINER_CREATED(TrainerCreatedAdvice.class),
  /** DJL listener dispatch finished. */
  DJL_LISTENERS_NOTIFIED(ListenersNotifiedAdvice.class),
  /** The model's training lifetime ended (DJL {@code Trainer.close()}). */
  TRAINING_ENDED_ON_THIS(TrainingEndedAdvice.class),
  /** A distributed epoch on a cluster's driver, the cluster handle in field {@code sc}. */
  CLUSTER_EPOCH(ClusterAdvice.DriverEpoch.class),
  /** An executor's worker function: one task's training. */
  CLUSTER_TASK(ClusterAdvice.WorkerTask.class);

  private final Class<?> advice;

  Hook(Class<?> advice) {
    this.advice = advice;
  }

  /**
   * The advice class: named by a class literal, so a rename cannot compile and fail at run time;
   * Byte Buddy reads it as a class file and inlines it into the target.
   */
  public Class<?> advice() {
    return advice;
  }
}
