package dev.jouletrace.agent.internal.instrumentation.advice;

import dev.jouletrace.agent.bootstrap.TrainingBridge;
import net.bytebuddy.asm.Advice;

/** A training batch about to run; the model is the first argument (DJL {@code trainBatch}). */
public final class BatchAdvice {
  private BatchAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static void enter(@Framework String framework, @Advice.Argument(0) Object model) {
    TrainingBridge.batch(framework, model);
  }
}
