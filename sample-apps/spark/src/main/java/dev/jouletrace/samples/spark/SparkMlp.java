package dev.jouletrace.samples.spark;

import dev.jouletrace.samples.SampleArgs;
import dev.jouletrace.samples.SyntheticClasses;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * DL4J on Spark: the sample MLP 20→64→64→2 trained with DL4J's Spark parameter averaging ({@code
 * SparkDl4jMultiLayer} + {@code ParameterAveragingTrainingMaster}) on the synthetic two-class data.
 *
 * <p>The driver calls {@code sparkNet.fit(rdd)} once per epoch; the executors train copies of the
 * network on their partitions ({@value #AVERAGING_FREQUENCY} minibatches each) and the driver
 * averages their parameters. Spark listens on the loopback interface only, with no UI and no event
 * log.
 *
 * <p>Options: those of {@link SampleArgs} ({@code --epochs --rows --batch --seed}), plus {@code
 * --master} ({@value #DEFAULT_MASTER} by default, or e.g. {@code local[2]}). {@code
 * local-cluster[workers,cores,memoryMb]} starts a standalone master and workers inside this JVM and
 * one executor JVM per worker; it needs {@code SPARK_HOME} (a folder with a {@code jars} subfolder,
 * empty is fine), {@code SPARK_SCALA_VERSION=2.12} and {@code SPARK_LOCAL_IP=127.0.0.1} in the
 * environment, and passes this JVM's class path to the executors.
 */
public final class SparkMlp {

  static final String DEFAULT_MASTER = "local-cluster[2,1,1024]";
  static final int AVERAGING_FREQUENCY = 5;
  private static final int HIDDEN = 64;

  /**
   * What Spark 3.1 needs opened on Java 17 (Spark 3.3+ adds the same list to its own launch
   * scripts); the executors get it from here, the driver from its command line.
   */
  static final List<String> JAVA_17_OPENS =
      List.of(
          "java.lang",
          "java.lang.invoke",
          "java.lang.reflect",
          "java.io",
          "java.net",
          "java.nio",
          "java.util",
          "java.util.concurrent",
          "java.util.concurrent.atomic",
          "sun.nio.ch",
          "sun.nio.cs",
          "sun.security.action",
          "sun.util.calendar");

  private SparkMlp() {}

  public static void main(String[] argv) {
    List<String> rest = new ArrayList<>(List.of(argv));
    String master = takeOption(rest, "--master", DEFAULT_MASTER);
    SampleArgs args =
        SampleArgs.parse(
            rest.toArray(String[]::new), Set.of("parameter-averaging"), "parameter-averaging");
    long started = System.nanoTime();

    SparkConf conf = sparkConf(master);
    try (JavaSparkContext sc = new JavaSparkContext(conf)) {
      int workers = sc.defaultParallelism();
      JavaRDD<DataSet> train =
          sc.parallelize(
              minibatches(SyntheticClasses.training(args.rows(), args.seed()), args.batch()),
              workers);
      ParameterAveragingTrainingMaster trainingMaster =
          new ParameterAveragingTrainingMaster.Builder(args.batch())
              .batchSizePerWorker(args.batch())
              .averagingFrequency(AVERAGING_FREQUENCY)
              .workerPrefetchNumBatches(0)
              .rddTrainingApproach(RDDTrainingApproach.Direct)
              .rngSeed(args.seed())
              .build();
      SparkDl4jMultiLayer sparkNet =
          new SparkDl4jMultiLayer(sc, configuration(args.seed()), trainingMaster);
      System.out.printf(
          "SparkMlp master=%s workers=%d epochs=%d rows=%d batch=%d averaging_frequency=%d%n",
          master, workers, args.epochs(), args.rows(), args.batch(), AVERAGING_FREQUENCY);

      for (int epoch = 0; epoch < args.epochs(); epoch++) {
        long epochStart = System.nanoTime();
        MultiLayerNetwork net = sparkNet.fit(train);
        // What DL4J itself keeps: the network's epoch count and the averaged score of the workers.
        System.out.printf(
            "SparkMlp epoch %d: score=%.4f dl4j_epoch_count=%d (%.3f s)%n",
            epoch,
            sparkNet.getScore(),
            net.getEpochCount(),
            (System.nanoTime() - epochStart) / 1e9);
      }

      MultiLayerNetwork trained = sparkNet.getNetwork();
      Evaluation evaluation =
          trained.evaluate(
              new ListDataSetIterator<>(
                  minibatches(
                      SyntheticClasses.validation(Math.max(1, args.rows() / 4), args.seed()),
                      args.batch()),
                  args.batch()));
      System.out.printf(
          "SparkMlp done in %.2f s: dl4j_epoch_count=%d validate_accuracy=%.3f%n",
          (System.nanoTime() - started) / 1e9, trained.getEpochCount(), evaluation.accuracy());
    }
  }

  /**
   * Loopback only, no UI, no event log; for {@code local-cluster}, the executors get this JVM's
   * class path and the Java 17 options after any {@code spark.executor.extraJavaOptions} given as a
   * system property (the agent's {@code -javaagent:} goes there).
   */
  static SparkConf sparkConf(String master) {
    if (!master.startsWith("local")) {
      throw new IllegalArgumentException(
          "this sample runs Spark on 127.0.0.1 only: --master local[N] or"
              + " local-cluster[workers,cores,memoryMb], not "
              + master
              + "; for a real cluster see sample-apps/spark/README.md");
    }
    SparkConf conf =
        new SparkConf()
            .setMaster(master)
            .setAppName("jouletrace-spark-mlp")
            .set("spark.driver.host", "127.0.0.1")
            .set("spark.driver.bindAddress", "127.0.0.1")
            .set("spark.ui.enabled", "false")
            .set("spark.eventLog.enabled", "false");
    if (master.startsWith("local-cluster")) {
      requireLocalClusterEnvironment();
      conf.setIfMissing("spark.executor.extraClassPath", System.getProperty("java.class.path"));
      StringBuilder executorOptions =
          new StringBuilder(conf.get("spark.executor.extraJavaOptions", "").trim());
      for (String module : JAVA_17_OPENS) {
        executorOptions.append(" --add-opens=java.base/").append(module).append("=ALL-UNNAMED");
      }
      conf.set("spark.executor.extraJavaOptions", executorOptions.toString().trim());
    }
    return conf;
  }

  /**
   * The in-JVM standalone workers build each executor's command line with Spark's launcher, which
   * reads these variables; without them every executor launch fails and Spark gives up after ten.
   */
  private static void requireLocalClusterEnvironment() {
    String sparkHome = System.getenv("SPARK_HOME");
    List<String> missing = new ArrayList<>();
    if (sparkHome == null || !Files.isDirectory(Path.of(sparkHome, "jars"))) {
      missing.add("SPARK_HOME (a folder with a jars subfolder; target/spark-home is one)");
    }
    if (System.getenv("SPARK_SCALA_VERSION") == null) {
      missing.add("SPARK_SCALA_VERSION=2.12");
    }
    if (System.getenv("SPARK_LOCAL_IP") == null) {
      missing.add("SPARK_LOCAL_IP=127.0.0.1 (else master and workers bind a public interface)");
    }
    if (!missing.isEmpty()) {
      throw new IllegalStateException(
          "local-cluster needs these environment variables: "
              + String.join(", ", missing)
              + "; or run with --master local[2]");
    }
  }

  private static String takeOption(List<String> args, String name, String defaultValue) {
    int at = args.indexOf(name);
    if (at < 0) {
      return defaultValue;
    }
    if (at + 1 >= args.size()) {
      throw new IllegalArgumentException("missing value after " + name);
    }
    String value = args.get(at + 1);
    args.subList(at, at + 2).clear();
    return value;
  }

  /** The rows as DataSets of {@code batch} rows each (the last one may be smaller). */
  private static List<DataSet> minibatches(SyntheticClasses data, int batch) {
    DataSet all = new DataSet(Nd4j.create(data.features()), Nd4j.create(data.oneHotLabels()));
    return all.batchBy(batch);
  }

  private static MultiLayerConfiguration configuration(long seed) {
    return new NeuralNetConfiguration.Builder()
        .seed(seed)
        .updater(new Adam(0.01))
        .weightInit(WeightInit.XAVIER)
        .list()
        .layer(hidden(SyntheticClasses.FEATURES))
        .layer(hidden(HIDDEN))
        .layer(
            new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                .nIn(HIDDEN)
                .nOut(SyntheticClasses.CLASSES)
                .activation(Activation.SOFTMAX)
                .build())
        .build();
  }

  private static DenseLayer hidden(int inputs) {
    return new DenseLayer.Builder().nIn(inputs).nOut(HIDDEN).activation(Activation.RELU).build();
  }
}
