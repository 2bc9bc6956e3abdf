package dev.jouletrace.samples.shapes;

import dev.jouletrace.samples.SyntheticClasses;
import dev.jouletrace.samples.dl4j.Dl4jMinibatches;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * DL4J trained by repeated minibatch {@code fit} calls only: no {@code fit(iterator)}, no {@code
 * fit(iterator, epochs)}, no {@code incrementEpochCount()}. The shape of DL4J's quickstart examples
 * (XOR, Iris classifier) and of hand-written minibatch loops.
 *
 * <ul>
 *   <li>{@code xor-dataset}: {@code for (…) net.fit(dataSet)} on the four XOR rows ({@code
 *       --calls}, 200).
 *   <li>{@code iris-dataset}: the same on an Iris-like set of 97 training rows ({@code --calls},
 *       100).
 *   <li>{@code iris-arrays}: {@code net.fit(features, labels)} on the same rows.
 *   <li>{@code iris-multidataset}: {@code net.fit(multiDataSet)} on the same rows.
 *   <li>{@code graph-dataset}: a {@code ComputationGraph}, {@code graph.fit(dataSet)}.
 *   <li>{@code graph-arrays}: a {@code ComputationGraph}, {@code graph.fit(INDArray[],
 *       INDArray[])}.
 *   <li>{@code iterator-loop}: {@code while (it.hasNext()) net.fit(it.next()); it.reset();} for
 *       {@code --passes} (3) over {@code --rows} (1000) synthetic rows in minibatches of {@code
 *       --batch} (64); the iterator makes new minibatch objects on every pass.
 *   <li>{@code batch-list-loop}: the same rows cut once into a list of minibatch {@code DataSet}s,
 *       then {@code for (pass) for (DataSet b : batches) net.fit(b)}: every pass fits the same
 *       objects.
 * </ul>
 *
 * <p>The last line on standard output is the {@link FrameworkReport}: DL4J's own iteration and
 * epoch counts, {@code batchSize()} and {@code score()} of the last minibatch, and what a listener
 * saw (minibatches, rows, epoch callbacks).
 */
public final class Dl4jMinibatchFits {
  private static final long SEED = 42;

  private Dl4jMinibatchFits() {}

  public static void main(String[] args) {
    ShapeOptions options =
        ShapeOptions.parse(
            args,
            Set.of(
                "xor-dataset",
                "iris-dataset",
                "iris-arrays",
                "iris-multidataset",
                "graph-dataset",
                "graph-arrays",
                "iterator-loop",
                "batch-list-loop"),
            Set.of("calls", "passes", "rows", "batch"));
    Nd4j.getRandom().setSeed(SEED);
    String mode = options.mode();
    FrameworkReport report = FrameworkReport.of(Dl4jMinibatchFits.class, mode);
    Dl4jTally tally = new Dl4jTally();
    int calls = options.integer("calls", mode.startsWith("xor") ? 200 : 100);
    DataSet iris = SmallTables.irisLike(SmallTables.IRIS_TRAINING_ROWS, SEED);
    Model model =
        switch (mode) {
          case "xor-dataset" ->
              wholeSetLoop(xorNetwork(), SmallTables.xor(), calls, "dataset", tally, report);
          case "iris-dataset", "iris-arrays", "iris-multidataset" ->
              wholeSetLoop(
                  irisNetwork(), iris, calls, mode.substring("iris-".length()), tally, report);
          case "graph-dataset", "graph-arrays" ->
              wholeSetLoop(
                  irisGraph(), iris, calls, mode.substring("graph-".length()), tally, report);
          default ->
              minibatchLoop(
                  mode.equals("batch-list-loop"),
                  options.integer("passes", 3),
                  options.integer("rows", 1000),
                  options.integer("batch", 64),
                  tally,
                  report);
        };
    tally.addTo(report);
    report
        .put("iteration_count", iterationCount(model))
        .put("epoch_count", epochCount(model))
        .put("last_batch_size", model.batchSize())
        .put("last_score", model.score())
        .print();
  }

  /**
   * {@code calls} minibatch fits on the whole training set, through the overload named by {@code
   * call}: {@code dataset}, {@code arrays} or {@code multidataset}.
   */
  private static Model wholeSetLoop(
      Model model, DataSet data, int calls, String call, Dl4jTally tally, FrameworkReport report) {
    model.setListeners(tally);
    INDArray features = data.getFeatures();
    INDArray labels = data.getLabels();
    org.nd4j.linalg.dataset.api.MultiDataSet multi = data.toMultiDataSet();
    for (int i = 0; i < calls; i++) {
      if (model instanceof ComputationGraph graph) {
        if (call.equals("arrays")) {
          graph.fit(new INDArray[] {features}, new INDArray[] {labels});
        } else {
          graph.fit(data);
        }
      } else {
        MultiLayerNetwork net = (MultiLayerNetwork) model;
        switch (call) {
          case "arrays" -> net.fit(features, labels);
          case "multidataset" -> net.fit(multi);
          default -> net.fit(data);
        }
      }
    }
    report.put("calls", calls).put("call", call).put("rows_per_call", data.numExamples());
    return model;
  }

  private static Model minibatchLoop(
      boolean reuseBatches,
      int passes,
      int rows,
      int batch,
      Dl4jTally tally,
      FrameworkReport report) {
    MultiLayerNetwork net = syntheticNetwork();
    net.setListeners(tally);
    DataSetIterator iterator = Dl4jMinibatches.of(SyntheticClasses.training(rows, SEED), batch);
    List<DataSet> batches = new ArrayList<>();
    if (reuseBatches) {
      while (iterator.hasNext()) {
        batches.add(iterator.next());
      }
    }
    List<Map<String, Long>> perPass = new ArrayList<>();
    for (int pass = 0; pass < passes; pass++) {
      long iterationsBefore = tally.iterations();
      long rowsBefore = tally.rows();
      if (reuseBatches) {
        for (DataSet minibatch : batches) {
          net.fit(minibatch);
        }
      } else {
        while (iterator.hasNext()) {
          net.fit(iterator.next());
        }
        iterator.reset();
      }
      Map<String, Long> figures = new LinkedHashMap<>();
      figures.put("batches", tally.iterations() - iterationsBefore);
      figures.put("rows", tally.rows() - rowsBefore);
      perPass.add(figures);
    }
    report
        .put("passes", passes)
        .put("rows_per_pass", rows)
        .put("batch", batch)
        .put("per_pass", perPass);
    return net;
  }

  private static int iterationCount(Model model) {
    return model instanceof ComputationGraph graph
        ? graph.getIterationCount()
        : ((MultiLayerNetwork) model).getIterationCount();
  }

  private static int epochCount(Model model) {
    return model instanceof ComputationGraph graph
        ? graph.getEpochCount()
        : ((MultiLayerNetwork) model).getEpochCount();
  }

  private static MultiLayerNetwork xorNetwork() {
    return network(SmallTables.XOR_FEATURES, 4, SmallTables.XOR_CLASSES, Activation.SIGMOID, 0.05);
  }

  private static MultiLayerNetwork irisNetwork() {
    return network(SmallTables.IRIS_FEATURES, 10, SmallTables.IRIS_CLASSES, Activation.RELU, 0.01);
  }

  private static MultiLayerNetwork syntheticNetwork() {
    return syntheticNetwork(new Adam(0.01));
  }

  /** The shapes' small MLP for {@link SyntheticClasses}, trained with {@code updater}. */
  static MultiLayerNetwork syntheticNetwork(IUpdater updater) {
    return network(
        SyntheticClasses.FEATURES, 32, SyntheticClasses.CLASSES, Activation.RELU, updater);
  }

  private static MultiLayerNetwork network(
      int inputs, int hidden, int classes, Activation activation, double learningRate) {
    return network(inputs, hidden, classes, activation, new Adam(learningRate));
  }

  private static MultiLayerNetwork network(
      int inputs, int hidden, int classes, Activation activation, IUpdater updater) {
    MultiLayerNetwork net =
        new MultiLayerNetwork(
            base(updater)
                .list()
                .layer(
                    new DenseLayer.Builder()
                        .nIn(inputs)
                        .nOut(hidden)
                        .activation(activation)
                        .build())
                .layer(output(hidden, classes))
                .build());
    net.init();
    return net;
  }

  private static ComputationGraph irisGraph() {
    ComputationGraph graph =
        new ComputationGraph(
            base(0.01)
                .graphBuilder()
                .addInputs("in")
                .addLayer(
                    "hidden",
                    new DenseLayer.Builder()
                        .nIn(SmallTables.IRIS_FEATURES)
                        .nOut(10)
                        .activation(Activation.RELU)
                        .build(),
                    "in")
                .addLayer("out", output(10, SmallTables.IRIS_CLASSES), "hidden")
                .setOutputs("out")
                .build());
    graph.init();
    return graph;
  }

  private static NeuralNetConfiguration.Builder base(double learningRate) {
    return base(new Adam(learningRate));
  }

  private static NeuralNetConfiguration.Builder base(IUpdater updater) {
    return new NeuralNetConfiguration.Builder()
        .seed(SEED)
        .updater(updater)
        .weightInit(WeightInit.XAVIER);
  }

  private static OutputLayer output(int inputs, int classes) {
    return new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
        .nIn(inputs)
        .nOut(classes)
        .activation(Activation.SOFTMAX)
        .build();
  }
}
