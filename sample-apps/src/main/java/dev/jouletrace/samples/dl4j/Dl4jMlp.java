package dev.jouletrace.samples.dl4j;

import dev.jouletrace.samples.SampleArgs;
import dev.jouletrace.samples.SyntheticClasses;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.deeplearning4j.earlystopping.EarlyStoppingConfiguration;
import org.deeplearning4j.earlystopping.EarlyStoppingResult;
import org.deeplearning4j.earlystopping.saver.InMemoryModelSaver;
import org.deeplearning4j.earlystopping.scorecalc.DataSetLossCalculator;
import org.deeplearning4j.earlystopping.termination.MaxEpochsTerminationCondition;
import org.deeplearning4j.earlystopping.termination.ScoreImprovementEpochTerminationCondition;
import org.deeplearning4j.earlystopping.trainer.EarlyStoppingTrainer;
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
import org.deeplearning4j.parallelism.ParallelWrapper;
import org.nd4j.autodiff.listeners.records.History;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.weightinit.impl.XavierInitScheme;

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
 *   <li>{@code minibatch-loop}: {@code net.fit(DataSet)} per minibatch and {@code
 *       net.incrementEpochCount()} per epoch; no epoch or run method is called.
 *   <li>{@code early-stopping}: an {@code EarlyStoppingTrainer} at most {@code --epochs} epochs,
 *       whose score-improvement condition can never be met, so it stops after two epochs (with
 *       {@code --epochs 2} or fewer it stops at its maximum instead).
 *   <li>{@code parallel}: a user loop of {@code ParallelWrapper.fit(iterator)}, two workers.
 *   <li>{@code two-models}: two networks, each {@code fit(iterator, epochs)} on its own thread at
 *       the same time.
 *   <li>{@code eight-models}: eight networks, each {@code fit(iterator, epochs)} on its own thread,
 *       released together; network {@code k} trains on {@code k} batches fewer than {@code --rows}
 *       gives, so that each run's batch count tells whose batches it counted.
 *   <li>{@code two-loops}: two user loops of {@code net.fit(iterator)} on the same network, with a
 *       {@value #PAUSE_MILLIS} ms pause between them (as for an evaluation or a checkpoint).
 *   <li>{@code samediff}: the same MLP as a SameDiff graph, {@code sameDiff.fit(iterator, epochs)}.
 * </ul>
 */
public final class Dl4jMlp {

  static final Map<String, TrainingShape> MODES = new LinkedHashMap<>();

  static {
    MODES.put("fit-epochs", Dl4jMlp::fitEpochs);
    MODES.put("user-loop", Dl4jMlp::userLoop);
    MODES.put("graph", Dl4jMlp::graph);
    MODES.put("minibatch-loop", Dl4jMlp::minibatchLoop);
    MODES.put("early-stopping", Dl4jMlp::earlyStopping);
    MODES.put("parallel", Dl4jMlp::parallel);
    MODES.put("two-models", Dl4jMlp::twoModels);
    MODES.put("eight-models", Dl4jMlp::eightModels);
    MODES.put("two-loops", Dl4jMlp::twoLoops);
    MODES.put("samediff", Dl4jMlp::sameDiff);
  }

  private static final int HIDDEN = 64;
  static final long PAUSE_MILLIS = 2000;

  private Dl4jMlp() {}

  /**
   * One way of driving the training loop; returns the trained model for a final evaluation, or null
   * when it is no DL4J network.
   */
  @FunctionalInterface
  interface TrainingShape {
    Model train(DataSetIterator train, SampleArgs args);
  }

  public static void main(String[] argv) {
    SampleArgs args = SampleArgs.parse(argv, MODES.keySet(), "fit-epochs");
    long started = System.nanoTime();
    Nd4j.getRandom().setSeed(args.seed());
    DataSetIterator train =
        Dl4jMinibatches.of(SyntheticClasses.training(args.rows(), args.seed()), args.batch());
    System.out.printf(
        "Dl4jMlp mode=%s epochs=%d rows=%d batch=%d batches/epoch=%d%n",
        args.mode(), args.epochs(), args.rows(), args.batch(), args.batchesPerEpoch());
    Model model = MODES.get(args.mode()).train(train, args);
    if (model == null) {
      System.out.printf("Dl4jMlp done in %.2f s%n", (System.nanoTime() - started) / 1e9);
      return;
    }

    DataSetIterator validate =
        Dl4jMinibatches.of(
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

  static Model twoLoops(DataSetIterator train, SampleArgs args) {
    MultiLayerNetwork net = (MultiLayerNetwork) userLoop(train, args);
    try {
      Thread.sleep(PAUSE_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (int epoch = 0; epoch < args.epochs(); epoch++) {
      train.reset();
      net.fit(train);
    }
    return net;
  }

  static Model minibatchLoop(DataSetIterator train, SampleArgs args) {
    MultiLayerNetwork net = multiLayerNetwork(args.seed());
    for (int epoch = 0; epoch < args.epochs(); epoch++) {
      train.reset();
      while (train.hasNext()) {
        net.fit(train.next());
      }
      net.incrementEpochCount();
    }
    return net;
  }

  static Model earlyStopping(DataSetIterator train, SampleArgs args) {
    MultiLayerNetwork net = multiLayerNetwork(args.seed());
    DataSetIterator validate =
        Dl4jMinibatches.of(
            SyntheticClasses.validation(Math.max(1, args.rows() / 4), args.seed()), args.batch());
    EarlyStoppingConfiguration<MultiLayerNetwork> config =
        new EarlyStoppingConfiguration.Builder<MultiLayerNetwork>()
            .epochTerminationConditions(
                new MaxEpochsTerminationCondition(args.epochs()),
                // no improvement can exceed 1e9, so this stops one epoch after the first
                new ScoreImprovementEpochTerminationCondition(1, 1e9))
            .scoreCalculator(new DataSetLossCalculator(validate, true))
            .modelSaver(new InMemoryModelSaver<>())
            .build();
    EarlyStoppingResult<MultiLayerNetwork> result =
        new EarlyStoppingTrainer(config, net, train).fit();
    System.out.printf(
        "Dl4jMlp early stopping: %s after %d epochs (%s), best epoch %d%n",
        result.getTerminationReason(),
        result.getTotalEpochs(),
        result.getTerminationDetails(),
        result.getBestModelEpoch());
    return net;
  }

  static Model parallel(DataSetIterator train, SampleArgs args) {
    MultiLayerNetwork net = multiLayerNetwork(args.seed());
    ParallelWrapper wrapper =
        new ParallelWrapper.Builder<>(net)
            .workers(2)
            .prefetchBuffer(0)
            .averagingFrequency(1)
            .build();
    try {
      for (int epoch = 0; epoch < args.epochs(); epoch++) {
        train.reset();
        wrapper.fit(train);
        System.out.printf("Dl4jMlp parallel epoch %d: score=%.4f%n", epoch, net.score());
      }
    } finally {
      wrapper.shutdown();
    }
    return net;
  }

  static Model twoModels(DataSetIterator train, SampleArgs args) {
    MultiLayerNetwork first = multiLayerNetwork(args.seed());
    MultiLayerNetwork second = multiLayerNetwork(args.seed() + 1);
    DataSetIterator secondData =
        Dl4jMinibatches.of(SyntheticClasses.training(args.rows(), args.seed()), args.batch());
    Thread other = new Thread(() -> second.fit(secondData, args.epochs()), "second-model");
    other.start();
    first.fit(train, args.epochs());
    try {
      other.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return first;
  }

  static final int MANY_MODELS = 8;

  static Model eightModels(DataSetIterator train, SampleArgs args) {
    CountDownLatch ready = new CountDownLatch(MANY_MODELS);
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int k = 0; k < MANY_MODELS; k++) {
      int rows = Math.max(args.batch(), args.rows() - k * args.batch());
      MultiLayerNetwork net = multiLayerNetwork(args.seed() + k);
      DataSetIterator data =
          Dl4jMinibatches.of(SyntheticClasses.training(rows, args.seed() + k), args.batch());
      Thread t =
          new Thread(
              () -> {
                ready.countDown();
                try {
                  go.await();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  return;
                }
                net.fit(data, args.epochs());
              },
              "model-" + k);
      t.start();
      threads.add(t);
    }
    try {
      ready.await();
      go.countDown();
      for (Thread t : threads) {
        t.join();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return null;
  }

  static Model sameDiff(DataSetIterator train, SampleArgs args) {
    SameDiff sd = SameDiff.create();
    SDVariable in = sd.placeHolder("input", DataType.FLOAT, -1, SyntheticClasses.FEATURES);
    SDVariable label = sd.placeHolder("label", DataType.FLOAT, -1, SyntheticClasses.CLASSES);
    SDVariable hidden1 = dense(sd, "1", in, SyntheticClasses.FEATURES, HIDDEN, true);
    SDVariable hidden2 = dense(sd, "2", hidden1, HIDDEN, HIDDEN, true);
    SDVariable logits = dense(sd, "3", hidden2, HIDDEN, SyntheticClasses.CLASSES, false);
    sd.loss().softmaxCrossEntropy("loss", label, logits, null);
    sd.setTrainingConfig(
        TrainingConfig.builder()
            .updater(new Adam(0.01))
            .dataSetFeatureMapping("input")
            .dataSetLabelMapping("label")
            .build());
    History history = sd.fit(train, args.epochs());
    System.out.printf(
        "Dl4jMlp samediff: %d loss values recorded%n",
        history.lossCurve().getLossValues().length());
    return null;
  }

  private static SDVariable dense(
      SameDiff sd, String name, SDVariable in, int inputs, int outputs, boolean relu) {
    SDVariable w =
        sd.var(
            "w" + name,
            new XavierInitScheme('c', inputs, outputs),
            DataType.FLOAT,
            inputs,
            outputs);
    SDVariable b = sd.zero("b" + name, DataType.FLOAT, 1, outputs);
    SDVariable z = in.mmul(w).add(b);
    return relu ? sd.nn().relu(z, 0) : z;
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
