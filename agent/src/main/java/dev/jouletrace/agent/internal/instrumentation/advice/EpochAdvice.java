package dev.jouletrace.agent.internal.instrumentation.advice;

import dev.jouletrace.agent.bootstrap.TrainingBridge;
import net.bytebuddy.asm.Advice;

/**
 * An epoch-level call: DL4J {@code network.fit(iterator)} and the like. The outer class takes the
 * receiver as model; the nested classes find it elsewhere. Inlined; stateless.
 */
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

  /** Static method, the first (reference) argument is the model: configured targets. */
  public static final class OnFirstArgument {
    private OnFirstArgument() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static boolean enter(@Framework String framework, @Advice.Argument(0) Object model) {
      return TrainingBridge.epochEnter(framework, model);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(
        @Advice.Enter boolean opened,
        @Advice.Argument(0) Object model,
        @Advice.Thrown Throwable thrown) {
      if (opened) {
        TrainingBridge.epochExit(model, thrown);
      }
    }
  }

  /** Static method without a reference argument: the class is the model. Configured targets. */
  public static final class OnClass {
    private OnClass() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static boolean enter(@Framework String framework, @Advice.Origin Class<?> model) {
      return TrainingBridge.epochEnter(framework, model);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(
        @Advice.Enter boolean opened,
        @Advice.Origin Class<?> model,
        @Advice.Thrown Throwable thrown) {
      if (opened) {
        TrainingBridge.epochExit(model, thrown);
      }
    }
  }

  /**
   * DL4J {@code ParallelWrapper.fit(iterator)}: one epoch across the workers, keyed by the wrapped
   * network in the wrapper's {@code model} field (the workers train replicas of it).
   */
  public static final class OnModelField {
    private OnModelField() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static boolean enter(
        @Framework String framework, @Advice.FieldValue(Fields.MODEL) Object model) {
      return TrainingBridge.epochEnter(framework, model);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(
        @Advice.Enter boolean opened,
        @Advice.FieldValue(Fields.MODEL) Object model,
        @Advice.Thrown Throwable thrown) {
      if (opened) {
        TrainingBridge.epochExit(model, thrown);
      }
    }
  }

  /**
   * DL4J {@code BaseEarlyStoppingTrainer.triggerEpochListeners(boolean start, Model, int)}: the
   * early-stopping loop's only epoch start and end.
   */
  public static final class Trigger {
    private Trigger() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(
        @Framework String framework,
        @Advice.Argument(0) boolean start,
        @Advice.Argument(1) Object model) {
      if (start) {
        TrainingBridge.epochEnter(framework, model);
      } else {
        TrainingBridge.epochExit(model, null);
      }
    }
  }

  /**
   * A callback that announces an epoch beginning, the model first (SameDiff's listener {@code
   * epochStart(sameDiff, at)}).
   */
  public static final class BeginsOnFirstArgument {
    private BeginsOnFirstArgument() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Framework String framework, @Advice.Argument(0) Object model) {
      TrainingBridge.epochEnter(framework, model);
    }
  }

  /**
   * A callback that announces an epoch's end, the model first and the framework's summary of the
   * epoch third (SameDiff's {@code epochEnd(sameDiff, at, lossCurve, millis)}).
   */
  public static final class EndsOnFirstArgument {
    private EndsOnFirstArgument() {}

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Argument(0) Object model, @Advice.Argument(2) Object summary) {
      TrainingBridge.epochExitWith(model, summary);
    }
  }

  /** DL4J {@code incrementEpochCount()}: an epoch boundary in hand-written minibatch loops. */
  public static final class Counted {
    private Counted() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Framework String framework, @Advice.This Object model) {
      TrainingBridge.epochCounted(framework, model);
    }
  }
}
