package dev.jouletrace.agent.internal.instrumentation.advice;

import dev.jouletrace.agent.bootstrap.TrainingBridge;
import net.bytebuddy.asm.Advice;

/**
 * A run-level call. Each nested class finds the model one way: the receiver, the first argument, or
 * (a static method without a reference argument) the declaring class. Inlined; stateless.
 */
public final class RunAdvice {
  private RunAdvice() {}

  /** The model is the receiver, epochs in the second argument: DL4J {@code fit(iterator, n)}. */
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
        TrainingBridge.runExit(model, null, thrown);
      }
    }
  }

  /** The model is the first argument, epochs second: DJL {@code EasyTrain.fit(trainer, n, ...)}. */
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
        TrainingBridge.runExit(model, null, thrown);
      }
    }
  }

  /** Receiver as model, no epoch count: configured targets. */
  public static final class UnplannedOnThis {
    private UnplannedOnThis() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static boolean enter(@Framework String framework, @Advice.This Object model) {
      return TrainingBridge.runEnter(framework, model, -1);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(
        @Advice.Enter boolean opened, @Advice.This Object model, @Advice.Thrown Throwable thrown) {
      if (opened) {
        TrainingBridge.runExit(model, null, thrown);
      }
    }
  }

  /** Static method, first (reference) argument as model, no epoch count: configured targets. */
  public static final class UnplannedOnFirstArgument {
    private UnplannedOnFirstArgument() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static boolean enter(@Framework String framework, @Advice.Argument(0) Object model) {
      return TrainingBridge.runEnter(framework, model, -1);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(
        @Advice.Enter boolean opened,
        @Advice.Argument(0) Object model,
        @Advice.Thrown Throwable thrown) {
      if (opened) {
        TrainingBridge.runExit(model, null, thrown);
      }
    }
  }

  /** Static method without a reference argument: the class is the model. Configured targets. */
  public static final class UnplannedOnClass {
    private UnplannedOnClass() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static boolean enter(@Framework String framework, @Advice.Origin Class<?> model) {
      return TrainingBridge.runEnter(framework, model, -1);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(
        @Advice.Enter boolean opened,
        @Advice.Origin Class<?> model,
        @Advice.Thrown Throwable thrown) {
      if (opened) {
        TrainingBridge.runExit(model, null, thrown);
      }
    }
  }

  /**
   * DL4J {@code BaseEarlyStoppingTrainer.fit(boolean)}: the network is the trainer's {@code model}
   * field; the returned {@code EarlyStoppingResult} says why training stopped.
   */
  public static final class EarlyStopping {
    private EarlyStopping() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static boolean enter(
        @Framework String framework,
        @Advice.FieldValue(Fields.MODEL) Object model,
        @Advice.This Object trainer) {
      return TrainingBridge.earlyStoppingRunEnter(framework, model, trainer);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(
        @Advice.Enter boolean opened,
        @Advice.FieldValue(Fields.MODEL) Object model,
        @Advice.Return Object result,
        @Advice.Thrown Throwable thrown) {
      if (opened) {
        TrainingBridge.runExit(model, result, thrown);
      }
    }
  }
}
