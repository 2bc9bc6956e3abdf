package dev.jouletrace.agent.internal.instrumentation.djl;

import static dev.jouletrace.agent.internal.instrumentation.Hook.BATCH_ON_FIRST_ARGUMENT;
import static dev.jouletrace.agent.internal.instrumentation.Hook.DJL_LISTENERS_NOTIFIED;
import static dev.jouletrace.agent.internal.instrumentation.Hook.DJL_TRAINER_CREATED;
import static dev.jouletrace.agent.internal.instrumentation.Hook.RUN_ON_FIRST_ARGUMENT;

import dev.jouletrace.agent.internal.instrumentation.Target;
import dev.jouletrace.agent.internal.instrumentation.TrainingInstrumentation;
import dev.jouletrace.agent.internal.lifecycle.FrameworkPolicy;
import java.util.List;

/**
 * Deep Java Library: every target in one place. DJL has no epoch-begin event, so an epoch opens at
 * its first batch and ends when the {@code onEpoch} dispatch returns; the run is {@code
 * EasyTrain.fit}.
 */
public final class DjlInstrumentation {
  static final String FRAMEWORK = "djl";
  private static final String EASY_TRAIN = "ai.djl.training.EasyTrain";
  private static final String TRAINER = "ai.djl.training.Trainer";

  private DjlInstrumentation() {}

  public static TrainingInstrumentation trainer() {
    return new TrainingInstrumentation(
        "djl-trainer",
        FRAMEWORK,
        List.of(
            Target.of(
                EASY_TRAIN,
                "fit",
                RUN_ON_FIRST_ARGUMENT,
                TRAINER,
                "int",
                "ai.djl.training.dataset.Dataset",
                "ai.djl.training.dataset.Dataset"),
            Target.of(
                EASY_TRAIN,
                "trainBatch",
                BATCH_ON_FIRST_ARGUMENT,
                TRAINER,
                "ai.djl.training.dataset.Batch"),
            Target.of(
                TRAINER,
                Target.CONSTRUCTOR,
                DJL_TRAINER_CREATED,
                "ai.djl.Model",
                "ai.djl.training.TrainingConfig"),
            Target.of(
                TRAINER, "notifyListeners", DJL_LISTENERS_NOTIFIED, "java.util.function.Consumer")),
        new FrameworkPolicy(new DjlProgress(), true));
  }
}
