package dev.jouletrace.samples.dl4j;

import dev.jouletrace.samples.SampleArgs;
import dev.jouletrace.samples.SyntheticClasses;
import java.util.LinkedHashMap;
import java.util.Map;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * A small real DL4J (nd4j-native CPU) training: an MLP 20→64→64→2 on synthetic two-class data.
 *
 * <p>Each {@code --mode} is one way user code drives DL4J training; new training shapes are added
 * as modes:
 *
 * <ul>
 *   <li>{@code fit-epochs} (default): {@code MultiLayerNetwork.fit(iterator, epochs)}.
 *   <li>{@code user-loop}: {@code for (...) net.fit(iterator)}, so there is no run-level call.
 *   <li>{@code graph}: the same network as a {@code ComputationGraph}, {@code fit(iterator,
 *       epochs)}.
 * </ul>
 */
public final class Dl4jMlp {

  static final Map<String, TrainingShape> MODES = new LinkedHashMap<>();

  static {
    MODES.put("fit-epochs", Dl4jMlp::fitEpochs);
    MODES.put("user-loop", Dl4jMlp::userLoop);
    MODES.put("graph", Dl4jMlp::graph);
  }

  private static final int HIDDEN = 64;

  private Dl4jMlp() {}

  /** One way of driving the training loop; returns the trained model for a final evaluation. */
  @FunctionalInterface
  interface TrainingShape {
    Model train(DataSetIterator train, SampleArgs args);
  }

  public static void main(String[] argv) {
    SampleArgs args = SampleArgs.parse(argv, MODES.keySet(), "fit-epochs");
    long started = System.nanoTime();
    Nd4j.getRandom().setSeed(args.seed());
    DataSetIterator train =
        iterator(SyntheticClasses.training(args.rows(), args.seed()), args.batch());
    System.out.printf(
        "Dl4jMlp mode=%s epochs=%d rows=%d batch=%d batches/epoch=%d%n",
        args.mode(), args.epochs(), args.rows(), args.batch(), args.batchesPerEpoch());
    Model model = MODES.get(args.mode()).train(train, args);

    DataSetIterator validate =
        iterator(
            SyntheticClasses.validation(Math.max(1, args.rows() / 4), args.seed()), args.batch());
    Evaluation evaluation =
        model instanceof ComputationGraph graph
            ? graph.evaluate(validate)
            : ((MultiLayerNetwork) model).evaluate(validate);
    System.out.printf(
        "Dl4jMlp done in %.2f s: validate_accuracy=%.3f%n",
        (System.nanoTime() - started) / 1e9, evaluation.accuracy());
  }

  static Model fitEpochs(DataSetIterator train, SampleArgs args) {
    MultiLayerNetwork net = multiLayerNetwork(args.seed());
    net.fit(train, args.epochs());
    return net;
  }

  static Model userLoop(DataSetIterator train, SampleArgs args) {
    MultiLayerNetwork net = multiLayerNetwork(args.seed());
    for (int epoch = 0; epoch < args.epochs(); epoch++) {
      train.reset();
      net.fit(train);
    }
    return net;
  }

  static Model graph(DataSetIterator train, SampleArgs args) {
    ComputationGraphConfiguration conf =
        base(args.seed())
            .graphBuilder()
            .addInputs("in")
            .addLayer("hidden1", hidden(SyntheticClasses.FEATURES), "in")
            .addLayer("hidden2", hidden(HIDDEN), "hidden1")
            .addLayer("out", output(), "hidden2")
            .setOutputs("out")
            .build();
    ComputationGraph graph = new ComputationGraph(conf);
    graph.init();
    graph.setListeners(new EpochPrinter());
    graph.fit(train, args.epochs());
    return graph;
  }

  private static MultiLayerNetwork multiLayerNetwork(long seed) {
    MultiLayerConfiguration conf =
        base(seed)
            .list()
            .layer(hidden(SyntheticClasses.FEATURES))
            .layer(hidden(HIDDEN))
            .layer(output())
            .build();
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    net.setListeners(new EpochPrinter());
    return net;
  }

  private static NeuralNetConfiguration.Builder base(long seed) {
    return new NeuralNetConfiguration.Builder()
        .seed(seed)
        .updater(new Adam(0.01))
        .weightInit(WeightInit.XAVIER);
  }

  private static DenseLayer hidden(int inputs) {
    return new DenseLayer.Builder().nIn(inputs).nOut(HIDDEN).activation(Activation.RELU).build();
  }

  private static OutputLayer output() {
    return new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
        .nIn(HIDDEN)
        .nOut(SyntheticClasses.CLASSES)
        .activation(Activation.SOFTMAX)
        .build();
  }

  private static DataSetIterator iterator(SyntheticClasses data, int batch) {
    DataSet all = new DataSet(Nd4j.create(data.features()), Nd4j.create(data.oneHotLabels()));
    return new ListDataSetIterator<>(all.asList(), batch);
  }

  /**
   * Prints one line per epoch (last minibatch score, batches), so a human sees that training ran.
   */
  static final class EpochPrinter extends BaseTrainingListener {
    private int epoch;
    private int batches;
    private long epochStartNanos;

    @Override
    public void onEpochStart(Model model) {
      batches = 0;
      epochStartNanos = System.nanoTime();
    }

    @Override
    public void iterationDone(Model model, int iteration, int epochCount) {
      batches++;
    }

    @Override
    public void onEpochEnd(Model model) {
      System.out.printf(
          "Dl4jMlp epoch %d: score=%.4f batches=%d (%.3f s)%n",
          epoch++, model.score(), batches, (System.nanoTime() - epochStartNanos) / 1e9);
    }
  }
}
