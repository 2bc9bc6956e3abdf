package dev.jouletrace.samples.bench;

import dev.jouletrace.samples.SampleArgs;
import dev.jouletrace.samples.SyntheticClasses;
import dev.jouletrace.samples.dl4j.Dl4jMinibatches;
import java.util.Set;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * A DL4J MLP 20→64→64→2 that times its own epochs, for the steady-epoch benchmark: one line {@code
 * epoch <index> <milliseconds> ms} per epoch on standard output.
 *
 * <p>Two shapes ({@code --mode}):
 *
 * <ul>
 *   <li>{@code user-loop} (default): {@code for (...) net.fit(iterator)}, each call timed with
 *       {@link System#nanoTime()} around it (so whatever the agent does at the epoch boundary is
 *       inside the figure).
 *   <li>{@code fit-epochs}: {@code net.fit(iterator, epochs)}, timed by a {@code TrainingListener}
 *       from {@code onEpochStart} to {@code onEpochEnd}. It also prints {@code cycle <index>
 *       <milliseconds> ms}, the time from one {@code onEpochEnd} to the next (from the first {@code
 *       onEpochStart} for epoch 0), which includes the boundary between two epochs.
 * </ul>
 *
 * <p>Defaults as in issue 8: 50 epochs of 24 batches (1536 rows, batch 64). Options as {@link
 * SampleArgs}.
 */
public final class Dl4jEpochTimes {
  private static final int HIDDEN = 64;

  private Dl4jEpochTimes() {}

  public static void main(String[] argv) {
    SampleArgs args =
        SampleArgs.parse(
            BenchDefaults.prepend(argv, "--epochs", "50", "--rows", "1536"),
            Set.of("user-loop", "fit-epochs"),
            "user-loop");
    long started = System.nanoTime();
    Nd4j.getRandom().setSeed(args.seed());
    SyntheticClasses data = SyntheticClasses.training(args.rows(), args.seed());
    DataSetIterator train = Dl4jMinibatches.of(data, args.batch());
    MultiLayerNetwork net = network(args.seed());
    System.out.printf(
        "Dl4jEpochTimes mode=%s epochs=%d rows=%d batch=%d batches/epoch=%d%n",
        args.mode(), args.epochs(), args.rows(), args.batch(), args.batchesPerEpoch());
    if (args.mode().equals("user-loop")) {
      for (int epoch = 0; epoch < args.epochs(); epoch++) {
        train.reset();
        long start = System.nanoTime();
        net.fit(train);
        BenchDefaults.printMillis("epoch", epoch, System.nanoTime() - start);
      }
    } else {
      net.setListeners(new EpochTimer());
      net.fit(train, args.epochs());
    }
    System.out.printf(
        "Dl4jEpochTimes done in %.3f s score=%.4f%n",
        (System.nanoTime() - started) / 1e9, net.score());
  }

  private static MultiLayerNetwork network(long seed) {
    MultiLayerConfiguration conf =
        new NeuralNetConfiguration.Builder()
            .seed(seed)
            .updater(new Adam(0.01))
            .weightInit(WeightInit.XAVIER)
            .list()
            .layer(dense(SyntheticClasses.FEATURES))
            .layer(dense(HIDDEN))
            .layer(
                new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                    .nIn(HIDDEN)
                    .nOut(SyntheticClasses.CLASSES)
                    .activation(Activation.SOFTMAX)
                    .build())
            .build();
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    return net;
  }

  private static DenseLayer dense(int inputs) {
    return new DenseLayer.Builder().nIn(inputs).nOut(HIDDEN).activation(Activation.RELU).build();
  }

  /** Times each epoch of {@code fit(iterator, n)} from the listener calls DL4J makes. */
  static final class EpochTimer extends BaseTrainingListener {
    private int epoch;
    private long startNanos;
    private long lastEndNanos = -1;

    @Override
    public void onEpochStart(Model model) {
      startNanos = System.nanoTime();
      if (lastEndNanos < 0) {
        lastEndNanos = startNanos;
      }
    }

    @Override
    public void onEpochEnd(Model model) {
      long end = System.nanoTime();
      BenchDefaults.printMillis("epoch", epoch, end - startNanos);
      BenchDefaults.printMillis("cycle", epoch, end - lastEndNanos);
      lastEndNanos = end;
      epoch++;
    }
  }
}
