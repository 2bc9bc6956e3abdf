package dev.jouletrace.agent.internal.instrumentation.advice;

import dev.jouletrace.agent.bootstrap.TrainingBridge;
import net.bytebuddy.asm.Advice;

/**
 * A distributed training's two sides (DL4J on Spark, {@code docs/FRAMEWORKS.md §18}): the driver's
 * epoch call, which publishes the epoch to its jobs' tasks through the cluster handle in the
 * model's {@code sc} field, and an executor's worker function, one task's training. Inlined;
 * stateless.
 */
public final class ClusterAdvice {
  private ClusterAdvice() {}

  /** The driver's epoch: {@code SparkDl4jMultiLayer.fit(rdd)} and the like, on the receiver. */
  public static final class DriverEpoch {
    private DriverEpoch() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static boolean enter(
        @Framework String framework,
        @Advice.This Object model,
        @Advice.FieldValue(Fields.SPARK_CONTEXT) Object cluster) {
      return TrainingBridge.clusterEpochEnter(framework, model, cluster);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(
        @Advice.Enter boolean opened,
        @Advice.This Object model,
        @Advice.FieldValue(Fields.SPARK_CONTEXT) Object cluster,
        @Advice.Thrown Throwable thrown) {
      if (opened) {
        TrainingBridge.clusterEpochExit(model, cluster, thrown);
      }
    }
  }

  /** An executor's worker function: one task's training, from entry to return. */
  public static final class WorkerTask {
    private WorkerTask() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Object enter(@Framework String framework, @Advice.This Object worker) {
      return TrainingBridge.clusterTaskEnter(framework, worker);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter Object window, @Advice.Thrown Throwable thrown) {
      TrainingBridge.clusterTaskExit(window, thrown);
    }
  }
}
