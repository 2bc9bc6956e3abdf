package dev.jouletrace.agent.internal.instrumentation.advice;

import dev.jouletrace.agent.bootstrap.TrainingBridge;
import net.bytebuddy.asm.Advice;

/**
 * DJL {@code Trainer.close()} exit, also when called by {@code finalize()}: the end of the
 * trainer's lifetime, which is the run of a hand-written loop.
 */
public final class TrainingEndedAdvice {
  private TrainingEndedAdvice() {}

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  public static void exit(@Advice.This Object model) {
    TrainingBridge.trainingEnded(model);
  }
}
