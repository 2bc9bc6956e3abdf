package dev.jouletrace.agent.internal.instrumentation.advice;

/**
 * Names of the framework fields advice reads: compile-time constants, so that the advice
 * annotations and the accessors the instrumentations declare (and the build verifies) are the same
 * names.
 */
public final class Fields {
  /** The network in DL4J's {@code Solver}, early-stopping trainers and {@code ParallelWrapper}. */
  public static final String MODEL = "model";

  /** The wrapped network in a DL4J {@code ParallelWrapper} worker ({@code DefaultTrainer}). */
  public static final String ORIGINAL_MODEL = "originalModel";

  /** The replica a DL4J {@code ParallelWrapper} worker ({@code DefaultTrainer}) trains. */
  public static final String REPLICATED_MODEL = "replicatedModel";

  /** The early-stopping configuration of DL4J's early-stopping trainers. */
  public static final String ES_CONFIG = "esConfig";

  /** The listener list of a DJL {@code Trainer}. */
  public static final String LISTENERS = "listeners";

  /** The Spark context of DL4J's {@code SparkDl4jMultiLayer} and {@code SparkComputationGraph}. */
  public static final String SPARK_CONTEXT = "sc";

  private Fields() {}
}
