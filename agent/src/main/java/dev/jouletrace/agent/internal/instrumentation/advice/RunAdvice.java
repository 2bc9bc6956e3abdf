package dev.jouletrace.agent.internal.instrumentation.advice;

import dev.jouletrace.agent.bootstrap.TrainingBridge;
import net.bytebuddy.asm.Advice;

/** A run-level call whose second argument is the number of epochs. Inlined; stateless. */
public final class RunAdvice {
  private RunAdvice() {}

  /** The model is the receiver: DL4J {@code network.fit(iterator, epochs)}. */
  public static final class OnThis {
    private OnThis() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static boolean enter(
        @Framework String framework, @Advice.This Object model, @Advice.Argument(1) int epochs) {
      return TrainingBridge.runEnter(framework, model, epochs);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(
        @Advice.Enter boolean opened, @Advice.This Object model, @Advice.Thrown Throwable thrown) {
      if (opened) {
        TrainingBridge.runExit(model, thrown);
      }
    }
  }

  /** The model is the first argument: DJL {@code EasyTrain.fit(trainer, epochs, ...)}. */
  public static final class OnFirstArgument {
    private OnFirstArgument() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static boolean enter(
        @Framework String framework,
        @Advice.Argument(0) Object model,
        @Advice.Argument(1) int epochs) {
      return TrainingBridge.runEnter(framework, model, epochs);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(
        @Advice.Enter boolean opened,
        @Advice.Argument(0) Object model,
        @Advice.Thrown Throwable thrown) {
      if (opened) {
        TrainingBridge.runExit(model, thrown);
      }
    }
  }
}
