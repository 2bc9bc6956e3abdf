package dev.jouletrace.agent.internal.instrumentation.djl;

import static dev.jouletrace.agent.internal.instrumentation.Hook.BATCH_WITH_BATCH_ARGUMENT;
import static dev.jouletrace.agent.internal.instrumentation.Hook.DJL_LISTENERS_NOTIFIED;
import static dev.jouletrace.agent.internal.instrumentation.Hook.DJL_TRAINER_CREATED;
import static dev.jouletrace.agent.internal.instrumentation.Hook.EPOCH_COUNTED;
import static dev.jouletrace.agent.internal.instrumentation.Hook.RUN_ON_FIRST_ARGUMENT;
import static dev.jouletrace.agent.internal.instrumentation.Hook.STEP_ON_THIS;
import static dev.jouletrace.agent.internal.instrumentation.Hook.TRAINING_ENDED_ON_THIS;
import static dev.jouletrace.agent.internal.instrumentation.Hook.VALIDATION_BATCH_ON_FIRST_ARGUMENT;
import static dev.jouletrace.agent.internal.instrumentation.Hook.VALIDATION_ON_FIRST_ARGUMENT;

import dev.jouletrace.agent.internal.instrumentation.Accessor;
import dev.jouletrace.agent.internal.instrumentation.Target;
import dev.jouletrace.agent.internal.instrumentation.TrainingInstrumentation;
import dev.jouletrace.agent.internal.instrumentation.advice.Fields;
import dev.jouletrace.agent.internal.lifecycle.FrameworkPolicy;
import dev.jouletrace.agent.internal.lifecycle.FrameworkPolicy.EpochStart;
import java.util.List;

/**
 * Deep Java Library: every target in one place. DJL has no epoch-begin event, so an epoch opens at
 * its first batch (or optimizer step) and ends when the {@code onEpoch} dispatch returns; in a
 * hand-written loop that never dispatches {@code onEpoch}, at the next pass over a dataset ({@code
 * Trainer.iterateDataset}) outside validation. The run is {@code EasyTrain.fit}; without it (a
 * hand-written loop) the run is the trainer's lifetime, from its constructor to {@code close()} (or
 * its finalizer).
 *
 * <p>Framework facts relied on: the {@code EasyTrain.fit} loop {@code docs/FRAMEWORKS.md §12};
 * {@code trainBatch}, {@code step}, {@code evaluateDataset}, {@code iterateDataset} {@code §13};
 * the constructor's {@code onTrainingBegin}, {@code notifyListeners}, {@code close}/{@code
 * finalize} {@code §14}; early stopping as an exception {@code §15}; hand-written loops {@code
 * §16}.
 */
public final class DjlInstrumentation {
  static final String FRAMEWORK = "djl";
  private static final String EASY_TRAIN = "ai.djl.training.EasyTrain";
  private static final String TRAINER = "ai.djl.training.Trainer";
  private static final String DATASET = "ai.djl.training.dataset.Dataset";
  private static final String BATCH = "ai.djl.training.dataset.Batch";

  // What DjlProgress and the advice read by name, declared once with the unit.
  static final Accessor TRAINER_LISTENERS = Accessor.field(TRAINER, Fields.LISTENERS);
  static final Accessor TRAINING_RESULT = Accessor.method(TRAINER, "getTrainingResult");
  static final Accessor EVALUATIONS =
      Accessor.method("ai.djl.training.TrainingResult", "getEvaluations");
  static final Accessor BATCH_SIZE = Accessor.method(BATCH, "getSize");

  private DjlInstrumentation() {}

  public static TrainingInstrumentation trainer() {
    return new TrainingInstrumentation(
        "djl-trainer",
        FRAMEWORK,
        List.of(
            Target.of(EASY_TRAIN, "fit", RUN_ON_FIRST_ARGUMENT, TRAINER, "int", DATASET, DATASET),
            Target.of(EASY_TRAIN, "trainBatch", BATCH_WITH_BATCH_ARGUMENT, TRAINER, BATCH),
            Target.of(
                EASY_TRAIN, "evaluateDataset", VALIDATION_ON_FIRST_ARGUMENT, TRAINER, DATASET),
            Target.of(
                EASY_TRAIN, "validateBatch", VALIDATION_BATCH_ON_FIRST_ARGUMENT, TRAINER, BATCH),
            Target.of(
                TRAINER,
                Target.CONSTRUCTOR,
                DJL_TRAINER_CREATED,
                "ai.djl.Model",
                "ai.djl.training.TrainingConfig"),
            Target.of(
                TRAINER, "notifyListeners", DJL_LISTENERS_NOTIFIED, "java.util.function.Consumer"),
            Target.of(TRAINER, "step", STEP_ON_THIS),
            Target.of(TRAINER, "iterateDataset", EPOCH_COUNTED, DATASET),
            Target.of(TRAINER, "close", TRAINING_ENDED_ON_THIS)),
        List.of(TRAINER_LISTENERS, TRAINING_RESULT, EVALUATIONS, BATCH_SIZE),
        new FrameworkPolicy(new DjlProgress(), EpochStart.AT_FIRST_BATCH),
        TrainingInstrumentation.Checking.WHOLE_UNIT);
  }
}
