package dev.jouletrace.samples.bench;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.evaluator.Accuracy;
import ai.djl.training.listener.TrainingListener;
import ai.djl.training.listener.TrainingListenerAdapter;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.translate.TranslateException;
import dev.jouletrace.samples.SampleArgs;
import dev.jouletrace.samples.SyntheticClasses;
import java.io.IOException;
import java.util.Set;

/**
 * A DJL MLP 20→64→64→2 trained with {@code EasyTrain.fit(trainer, epochs, train, validate)} that
 * times its own epochs, for the steady-epoch benchmark: one line {@code epoch <index>
 * <milliseconds> ms} per epoch on standard output.
 *
 * <p>An epoch is timed by a listener of the program's own, from one {@code onEpoch} to the next
 * (from {@code onTrainingBegin} for epoch 0): training batches, the validation pass and everything
 * done at the boundary. Defaults: 50 epochs of 24 batches (1536 rows, batch 64) plus 6 validation
 * batches (384 held-out rows). Options as {@link SampleArgs} ({@code --mode easytrain} only). Run
 * with {@code DJL_OFFLINE=true OPT_OUT_TRACKING=true}.
 */
public final class DjlEpochTimes {
  private static final int HIDDEN = 64;

  private DjlEpochTimes() {}

  public static void main(String[] argv) throws IOException, TranslateException {
    SampleArgs args =
        SampleArgs.parse(
            BenchDefaults.prepend(argv, "--epochs", "50", "--rows", "1536"),
            Set.of("easytrain"),
            "easytrain");
    Engine.getInstance().setRandomSeed((int) args.seed());
    long started = System.nanoTime();
    try (NDManager manager = NDManager.newBaseManager();
        Model model = Model.newInstance("jouletrace-bench-mlp")) {
      model.setBlock(
          new SequentialBlock()
              .add(Linear.builder().setUnits(HIDDEN).build())
              .add(Activation.reluBlock())
              .add(Linear.builder().setUnits(HIDDEN).build())
              .add(Activation.reluBlock())
              .add(Linear.builder().setUnits(SyntheticClasses.CLASSES).build()));
      ArrayDataset train =
          dataset(manager, SyntheticClasses.training(args.rows(), args.seed()), args.batch(), true);
      ArrayDataset validate =
          dataset(
              manager,
              SyntheticClasses.validation(Math.max(1, args.rows() / 4), args.seed()),
              args.batch(),
              false);
      DefaultTrainingConfig config =
          new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
              .addEvaluator(new Accuracy())
              .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(0.01f)).build())
              .addTrainingListeners(TrainingListener.Defaults.basic())
              .addTrainingListeners(new EpochTimer());
      System.out.printf(
          "DjlEpochTimes epochs=%d rows=%d batch=%d batches/epoch=%d engine=%s%n",
          args.epochs(),
          args.rows(),
          args.batch(),
          args.batchesPerEpoch(),
          Engine.getInstance().getEngineName());
      try (Trainer trainer = model.newTrainer(config)) {
        trainer.initialize(new Shape(args.batch(), SyntheticClasses.FEATURES));
        EasyTrain.fit(trainer, args.epochs(), train, validate);
        System.out.printf(
            "DjlEpochTimes validate_accuracy=%.3f%n",
            trainer.getTrainingResult().getValidateEvaluation("Accuracy"));
      }
    }
    System.out.printf("DjlEpochTimes done in %.3f s%n", (System.nanoTime() - started) / 1e9);
  }

  private static ArrayDataset dataset(
      NDManager manager, SyntheticClasses data, int batch, boolean shuffle) {
    int rows = data.rows();
    return new ArrayDataset.Builder()
        .setData(manager.create(data.flatFeatures(), new Shape(rows, SyntheticClasses.FEATURES)))
        .optLabels(manager.create(data.labelIndices(), new Shape(rows, 1)))
        .setSampling(batch, shuffle)
        .build();
  }

  /** Prints the time between consecutive {@code onEpoch} calls. */
  static final class EpochTimer extends TrainingListenerAdapter {
    private int epoch;
    private long lastNanos;

    @Override
    public void onTrainingBegin(Trainer trainer) {
      lastNanos = System.nanoTime();
    }

    @Override
    public void onEpoch(Trainer trainer) {
      long now = System.nanoTime();
      BenchDefaults.printMillis("epoch", epoch++, now - lastNanos);
      lastNanos = now;
    }
  }
}
