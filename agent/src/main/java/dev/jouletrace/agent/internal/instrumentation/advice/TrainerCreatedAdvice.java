package dev.jouletrace.agent.internal.instrumentation.advice;

import dev.jouletrace.agent.bootstrap.TrainingBridge;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * DJL {@code Trainer} constructor exit: puts the probe listener first in the private {@code
 * listeners} list, so it sees {@code onEpoch} even when a later listener stops the training by
 * throwing.
 */
public final class TrainerCreatedAdvice {
  private TrainerCreatedAdvice() {}

  @Advice.OnMethodExit(suppress = Throwable.class)
  @SuppressWarnings({"deprecation", "UnusedAssignment"})
  public static void exit(
      @Advice.This Object trainer,
      @Advice.FieldValue(
              value = Fields.LISTENERS,
              readOnly = false,
              typing = Assigner.Typing.DYNAMIC)
          Object listeners) {
    listeners = TrainingBridge.trainerCreated(trainer, listeners);
  }
}
