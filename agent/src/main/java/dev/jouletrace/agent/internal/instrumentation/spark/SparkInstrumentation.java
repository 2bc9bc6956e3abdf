package dev.jouletrace.agent.internal.instrumentation.spark;

import static dev.jouletrace.agent.internal.instrumentation.Hook.CLUSTER_EPOCH;
import static dev.jouletrace.agent.internal.instrumentation.Hook.CLUSTER_TASK;

import dev.jouletrace.agent.internal.instrumentation.Accessor;
import dev.jouletrace.agent.internal.instrumentation.Target;
import dev.jouletrace.agent.internal.instrumentation.TrainingInstrumentation;
import dev.jouletrace.agent.internal.instrumentation.advice.Fields;
import dev.jouletrace.agent.internal.lifecycle.FrameworkPolicy;
import dev.jouletrace.agent.internal.lifecycle.FrameworkPolicy.EpochStart;
import dev.jouletrace.agent.internal.lifecycle.ProgressReader;
import dev.jouletrace.export.TraceAttributes;
import java.util.List;

/**
 * DL4J on Spark ({@code dl4j-spark3}): every target in one place, driver and executors in one unit.
 *
 * <p>On the driver, each {@code fit} of {@code SparkDl4jMultiLayer} or {@code
 * SparkComputationGraph} is one epoch (it ends with the network's {@code incrementEpochCount()};
 * the overloads that take an {@code RDD} or a path delegate to these, and nested calls count once);
 * there is no run-level call, so a loop of them is an implicit run. While the epoch is open its ids
 * are set as Spark local properties of the calling thread, which every task of its jobs sees. In an
 * executor, one call of a parameter-averaging worker function is one task's training window; the
 * networks it builds make no runs of their own. Spark itself is reached by reflection only ({@link
 * SparkLink}), through the members declared here, so that the unit stays off where Spark is not on
 * the class path.
 *
 * <p>Facts: {@code docs/FRAMEWORKS.md §17} (the fit calls and the workers), {@code §18} (local
 * properties, accumulators, executor id and host).
 */
public final class SparkInstrumentation {
  /** {@code jouletrace.framework} of a Spark driver's runs and of executors' task spans. */
  public static final String FRAMEWORK = TraceAttributes.SPARK_FRAMEWORK;

  private static final String MULTI_LAYER =
      "org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer";
  private static final String GRAPH = "org.deeplearning4j.spark.impl.graph.SparkComputationGraph";
  private static final String JAVA_RDD = "org.apache.spark.api.java.JavaRDD";
  private static final String DATA_SET_LOADER = "org.deeplearning4j.core.loader.DataSetLoader";
  private static final String MULTI_DATA_SET_LOADER =
      "org.deeplearning4j.core.loader.MultiDataSetLoader";
  private static final String WORKERS = "org.deeplearning4j.spark.api.worker.";
  private static final String ITERATOR = "java.util.Iterator";
  private static final String STRING = "java.lang.String";

  static final String JAVA_SPARK_CONTEXT = "org.apache.spark.api.java.JavaSparkContext";
  static final String SPARK_CONTEXT = "org.apache.spark.SparkContext";
  static final String SPARK_CONF = "org.apache.spark.SparkConf";
  static final String ACCUMULATOR = "org.apache.spark.util.AccumulatorV2";
  static final String COLLECTION_ACCUMULATOR = "org.apache.spark.util.CollectionAccumulator";
  static final String TASK_CONTEXT = "org.apache.spark.TaskContext";
  static final String SPARK_ENV = "org.apache.spark.SparkEnv";
  static final String BLOCK_MANAGER = "org.apache.spark.storage.BlockManager";
  static final String BLOCK_MANAGER_ID = "org.apache.spark.storage.BlockManagerId";

  /** The Spark members {@link SparkLink} calls by name, checked with the targets. */
  static final List<Accessor> SPARK_MEMBERS =
      List.of(
          Accessor.field(MULTI_LAYER, Fields.SPARK_CONTEXT),
          Accessor.field(GRAPH, Fields.SPARK_CONTEXT),
          Accessor.method(JAVA_SPARK_CONTEXT, "setLocalProperty", STRING, STRING),
          Accessor.method(JAVA_SPARK_CONTEXT, "sc"),
          Accessor.method(SPARK_CONTEXT, "register", ACCUMULATOR, STRING),
          Accessor.method(SPARK_CONTEXT, "getConf"),
          Accessor.method(SPARK_CONF, "get", STRING, STRING),
          Accessor.method(COLLECTION_ACCUMULATOR, "add", "java.lang.Object"),
          Accessor.method(COLLECTION_ACCUMULATOR, "value"),
          Accessor.method(TASK_CONTEXT, "get"),
          Accessor.method(TASK_CONTEXT, "getLocalProperty", STRING),
          Accessor.method(TASK_CONTEXT, "stageId"),
          Accessor.method(TASK_CONTEXT, "partitionId"),
          Accessor.method(TASK_CONTEXT, "attemptNumber"),
          Accessor.method(TASK_CONTEXT, "taskAttemptId"),
          Accessor.method(SPARK_ENV, "get"),
          Accessor.method(SPARK_ENV, "executorId"),
          Accessor.method(SPARK_ENV, "blockManager"),
          Accessor.method(BLOCK_MANAGER, "blockManagerId"),
          Accessor.method(BLOCK_MANAGER_ID, "host"));

  private SparkInstrumentation() {}

  /** The {@code dl4j-spark} unit. */
  public static TrainingInstrumentation dl4jOnSpark() {
    return new TrainingInstrumentation(
        "dl4j-spark",
        FRAMEWORK,
        List.of(
            // driver: one epoch per fit (docs/FRAMEWORKS.md §17)
            Target.of(MULTI_LAYER, "fit", CLUSTER_EPOCH, JAVA_RDD),
            Target.of(MULTI_LAYER, "fitPaths", CLUSTER_EPOCH, JAVA_RDD, DATA_SET_LOADER),
            Target.of(GRAPH, "fit", CLUSTER_EPOCH, JAVA_RDD),
            Target.of(GRAPH, "fitMultiDataSet", CLUSTER_EPOCH, JAVA_RDD),
            Target.of(GRAPH, "fitPaths", CLUSTER_EPOCH, JAVA_RDD, DATA_SET_LOADER),
            Target.of(GRAPH, "fitPaths", CLUSTER_EPOCH, JAVA_RDD, MULTI_DATA_SET_LOADER),
            // executors: one task's training (the path and PDS maps wrap the first two)
            Target.of(WORKERS + "ExecuteWorkerFlatMap", "call", CLUSTER_TASK, ITERATOR),
            Target.of(WORKERS + "ExecuteWorkerMultiDataSetFlatMap", "call", CLUSTER_TASK, ITERATOR),
            Target.of(WORKERS + "ExecuteWorkerPathFlatMap", "call", CLUSTER_TASK, ITERATOR),
            Target.of(WORKERS + "ExecuteWorkerPathMDSFlatMap", "call", CLUSTER_TASK, ITERATOR),
            Target.of(WORKERS + "ExecuteWorkerPDSFlatMap", "call", CLUSTER_TASK, ITERATOR),
            Target.of(WORKERS + "ExecuteWorkerPDSMDSFlatMap", "call", CLUSTER_TASK, ITERATOR)),
        SPARK_MEMBERS,
        new FrameworkPolicy(ProgressReader.NONE, EpochStart.AT_EPOCH_CALL),
        TrainingInstrumentation.Checking.WHOLE_UNIT);
  }
}
