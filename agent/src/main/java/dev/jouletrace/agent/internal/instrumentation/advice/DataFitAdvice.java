package dev.jouletrace.agent.internal.instrumentation.advice;

import dev.jouletrace.agent.bootstrap.TrainingBridge;
import net.bytebuddy.asm.Advice;

/**
 * A minibatch fit on the receiver with its data first (DL4J {@code fit(DataSet)}, {@code
 * fit(INDArray, INDArray)}): training that may have no epoch call around it. Inlined; stateless.
 */
public final class DataFitAdvice {
  private DataFitAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static boolean enter(
      @Framework String framework, @Advice.This Object model, @Advice.Argument(0) Object data) {
    return TrainingBridge.dataFitEnter(framework, model, data);
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  public static void exit(
      @Advice.Enter boolean opened, @Advice.This Object model, @Advice.Thrown Throwable thrown) {
    if (opened) {
      TrainingBridge.dataFitExit(model, thrown);
    }
  }
}
