package dev.jouletrace.agent.internal.instrumentation.advice;

import dev.jouletrace.agent.bootstrap.TrainingBridge;
import net.bytebuddy.asm.Advice;

/** An epoch-level call on the model: DL4J {@code network.fit(iterator)}. Inlined; stateless. */
public final class EpochAdvice {
  private EpochAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static boolean enter(@Framework String framework, @Advice.This Object model) {
    return TrainingBridge.epochEnter(framework, model);
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  public static void exit(
      @Advice.Enter boolean opened, @Advice.This Object model, @Advice.Thrown Throwable thrown) {
    if (opened) {
      TrainingBridge.epochExit(model, thrown);
    }
  }
}
