package dev.jouletrace.agent.internal.instrumentation.advice;

import dev.jouletrace.agent.bootstrap.TrainingBridge;
import net.bytebuddy.asm.Advice;

/**
 * A training batch about to run. The outer class takes the first argument as model (DJL {@code
 * trainBatch(trainer, batch)}); the nested classes find it elsewhere. Inlined; allocates nothing.
 */
public final class BatchAdvice {
  private BatchAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static void enter(@Framework String framework, @Advice.Argument(0) Object model) {
    TrainingBridge.batch(framework, model);
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  public static void exit(@Advice.Argument(0) Object model, @Advice.Thrown Throwable thrown) {
    if (thrown == null) {
      TrainingBridge.batchEnd(model, null);
    }
  }

  /** DJL {@code EasyTrain.trainBatch(trainer, batch)}: the batch's size is read at exit. */
  public static final class WithBatch {
    private WithBatch() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Framework String framework, @Advice.Argument(0) Object model) {
      TrainingBridge.batch(framework, model);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(
        @Advice.Argument(0) Object model,
        @Advice.Argument(1) Object batch,
        @Advice.Thrown Throwable thrown) {
      if (thrown == null) {
        TrainingBridge.batchEnd(model, batch);
      }
    }
  }

  /** The receiver is the model: configured {@code step} targets. */
  public static final class OnThis {
    private OnThis() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Framework String framework, @Advice.This Object model) {
      TrainingBridge.batch(framework, model);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.This Object model, @Advice.Thrown Throwable thrown) {
      if (thrown == null) {
        TrainingBridge.batchEnd(model, null);
      }
    }
  }

  /** Static method without a reference argument: the class is the model. */
  public static final class OnClass {
    private OnClass() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Framework String framework, @Advice.Origin Class<?> model) {
      TrainingBridge.batch(framework, model);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Origin Class<?> model, @Advice.Thrown Throwable thrown) {
      if (thrown == null) {
        TrainingBridge.batchEnd(model, null);
      }
    }
  }

  /** DJL {@code Trainer.step()}: an optimizer step on the receiver. */
  public static final class Step {
    private Step() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Framework String framework, @Advice.This Object trainer) {
      TrainingBridge.step(framework, trainer);
    }
  }

  /**
   * DL4J {@code Solver.optimize(workspaceMgr)}: every minibatch of every network goes through it,
   * with the network in the solver's {@code model} field. Its loss is read at exit.
   */
  public static final class Solver {
    private Solver() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(
        @Framework String framework, @Advice.FieldValue(Fields.MODEL) Object model) {
      TrainingBridge.batch(framework, model);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(
        @Advice.FieldValue(Fields.MODEL) Object model, @Advice.Thrown Throwable thrown) {
      if (thrown == null) {
        TrainingBridge.batchEnd(model, null);
      }
    }
  }

  /**
   * ND4J SameDiff's listener callback {@code iterationStart(sameDiff, at, data, etlMs)}, made once
   * per listener per iteration: the model is the first argument, the iteration's data the third.
   */
  public static final class IterationStart {
    private IterationStart() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(
        @Framework String framework,
        @Advice.This Object listener,
        @Advice.Argument(0) Object model,
        @Advice.Argument(2) Object data) {
      TrainingBridge.iterationStarted(framework, model, listener, data);
    }
  }

  /**
   * DL4J ParallelWrapper worker ({@code DefaultTrainer.fit(DataSet)}): a batch, with its rows, for
   * the wrapped network in the worker's {@code originalModel} field, while the worker trains the
   * replica in its {@code replicatedModel} field.
   */
  public static final class Worker {
    private Worker() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(
        @Framework String framework,
        @Advice.FieldValue(Fields.ORIGINAL_MODEL) Object model,
        @Advice.FieldValue(Fields.REPLICATED_MODEL) Object replica,
        @Advice.Argument(0) Object data) {
      TrainingBridge.workerBatch(framework, model, replica, data);
    }
  }
}
