package dev.jouletrace.agent.internal.instrumentation.advice;

import dev.jouletrace.agent.bootstrap.TrainingBridge;
import net.bytebuddy.asm.Advice;

/**
 * A validation pass inside an epoch. The outer class takes the first argument as model (DJL {@code
 * EasyTrain.evaluateDataset(trainer, dataset)}); the nested classes find it elsewhere.
 */
public final class ValidationAdvice {
  private ValidationAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static boolean enter(@Framework String framework, @Advice.Argument(0) Object model) {
    return TrainingBridge.validationEnter(framework, model);
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  public static void exit(
      @Advice.Enter boolean opened,
      @Advice.Argument(0) Object model,
      @Advice.Thrown Throwable thrown) {
    if (opened) {
      TrainingBridge.validationExit(model, thrown);
    }
  }

  /** The receiver is the model: configured {@code validation} targets. */
  public static final class OnThis {
    private OnThis() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static boolean enter(@Framework String framework, @Advice.This Object model) {
      return TrainingBridge.validationEnter(framework, model);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(
        @Advice.Enter boolean opened, @Advice.This Object model, @Advice.Thrown Throwable thrown) {
      if (opened) {
        TrainingBridge.validationExit(model, thrown);
      }
    }
  }

  /** Static method without a reference argument: the class is the model. */
  public static final class OnClass {
    private OnClass() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static boolean enter(@Framework String framework, @Advice.Origin Class<?> model) {
      return TrainingBridge.validationEnter(framework, model);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(
        @Advice.Enter boolean opened,
        @Advice.Origin Class<?> model,
        @Advice.Thrown Throwable thrown) {
      if (opened) {
        TrainingBridge.validationExit(model, thrown);
      }
    }
  }

  /**
   * DL4J early stopping's score calculator ({@code calculateScore(model)}): a validation pass of
   * the model in the first argument, whose score is the epoch's validation figure.
   */
  public static final class Scored {
    private Scored() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static boolean enter(@Framework String framework, @Advice.Argument(0) Object model) {
      return TrainingBridge.validationEnter(framework, model);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(
        @Advice.Enter boolean opened,
        @Advice.Argument(0) Object model,
        @Advice.This Object calculator,
        @Advice.Return double score,
        @Advice.Thrown Throwable thrown) {
      if (opened) {
        TrainingBridge.validationScored(model, calculator, score, thrown);
      }
    }
  }

  /** DJL {@code EasyTrain.validateBatch(trainer, batch)}: one validation batch. */
  public static final class Batch {
    private Batch() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Framework String framework, @Advice.Argument(0) Object model) {
      TrainingBridge.validationBatch(framework, model);
    }
  }
}
