package dev.jouletrace.samples.djl;

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
import ai.djl.training.dataset.Batch;
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
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A small real DJL (PyTorch CPU) training: an MLP 20→64→64→2 on synthetic two-class data.
 *
 * <p>Each {@code --mode} is one way user code drives DJL training; new training shapes are added as
 * modes:
 *
 * <ul>
 *   <li>{@code easytrain} (default): {@code EasyTrain.fit(trainer, epochs, train, validate)}.
 *   <li>{@code manual}: a hand-written loop of {@code EasyTrain.trainBatch} + {@code
 *       trainer.step()}, validation, then {@code trainer.notifyListeners(l -> l.onEpoch(trainer))};
 *       {@code EasyTrain.fit} is never called. Like DJL's TicTacToe example it sends {@code
 *       onTrainingBegin} again before and {@code onTrainingEnd} before {@code close()}.
 *   <li>{@code manual-silent}: the hand-written loop without any {@code onEpoch} dispatch, as in
 *       loops that keep no listeners: epochs are only visible as passes over the training data.
 *   <li>{@code manual-early-stop} and {@code early-stop}: the hand-written loop and {@code
 *       EasyTrain.fit} stopped by DJL's {@code EarlyStoppingListener} ({@link DjlEarlyStops}).
 * </ul>
 *
 * <p>Run with {@code DJL_OFFLINE=true OPT_OUT_TRACKING=true}: the PyTorch natives come from the
 * class path.
 */
public final class DjlMlp {

  static final Map<String, TrainingShape> MODES = new LinkedHashMap<>();

  static {
    MODES.put("easytrain", DjlMlp::easyTrain);
    MODES.put("manual", DjlMlp::manualLoop);
    // lambdas, not method references: DjlEarlyStops is loaded only when one of its modes runs
    MODES.put("early-stop", setup -> DjlEarlyStops.easyTrain(setup));
    MODES.put("manual-early-stop", setup -> DjlEarlyStops.manualLoop(setup));
    MODES.put("manual-silent", DjlMlp::manualSilent);
  }

  private DjlMlp() {}

  /** One way of driving the training loop, given a ready model and data. */
  @FunctionalInterface
  interface TrainingShape {
    void train(Setup setup) throws IOException, TranslateException;
  }

  /** What every shape needs: the model, the data and a trainer factory. */
  record Setup(Model model, ArrayDataset train, ArrayDataset validate, SampleArgs args) {

    /**
     * A trainer with the standard listeners, the epoch printer, then {@code extra} (order matters
     * in DJL).
     */
    Trainer newTrainer(TrainingListener... extra) {
      DefaultTrainingConfig config =
          new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
              .addEvaluator(new Accuracy())
              .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(0.01f)).build())
              .addTrainingListeners(TrainingListener.Defaults.basic())
              .addTrainingListeners(new EpochPrinter())
              .addTrainingListeners(extra);
      Trainer trainer = model.newTrainer(config);
      trainer.initialize(new Shape(args.batch(), SyntheticClasses.FEATURES));
      return trainer;
    }
  }

  public static void main(String[] argv) throws IOException, TranslateException {
    SampleArgs args = SampleArgs.parse(argv, MODES.keySet(), "easytrain");
    Engine.getInstance().setRandomSeed((int) args.seed());
    long started = System.nanoTime();
    try (NDManager manager = NDManager.newBaseManager();
        Model model = Model.newInstance("jouletrace-djl-mlp")) {
      model.setBlock(mlp());
      ArrayDataset train =
          dataset(manager, SyntheticClasses.training(args.rows(), args.seed()), args.batch(), true);
      ArrayDataset validate =
          dataset(
              manager,
              SyntheticClasses.validation(Math.max(1, args.rows() / 4), args.seed()),
              args.batch(),
              false);
      System.out.printf(
          "DjlMlp mode=%s epochs=%d rows=%d batch=%d batches/epoch=%d engine=%s%n",
          args.mode(),
          args.epochs(),
          args.rows(),
          args.batch(),
          args.batchesPerEpoch(),
          Engine.getInstance().getEngineName());
      MODES.get(args.mode()).train(new Setup(model, train, validate, args));
    }
    System.out.printf("DjlMlp done in %.2f s%n", (System.nanoTime() - started) / 1e9);
  }

  static void easyTrain(Setup setup) throws IOException, TranslateException {
    try (Trainer trainer = setup.newTrainer()) {
      EasyTrain.fit(trainer, setup.args().epochs(), setup.train(), setup.validate());
    }
  }

  static void manualLoop(Setup setup) throws IOException, TranslateException {
    try (Trainer trainer = setup.newTrainer()) {
      trainer.notifyListeners(listener -> listener.onTrainingBegin(trainer));
      epochs(trainer, setup);
      trainer.notifyListeners(listener -> listener.onTrainingEnd(trainer));
    }
  }

  static void manualSilent(Setup setup) throws IOException, TranslateException {
    try (Trainer trainer = setup.newTrainer()) {
      for (int epoch = 0; epoch < setup.args().epochs(); epoch++) {
        for (Batch batch : trainer.iterateDataset(setup.train())) {
          try (batch) {
            EasyTrain.trainBatch(trainer, batch);
            trainer.step();
          }
        }
        EasyTrain.evaluateDataset(trainer, setup.validate());
        System.out.printf("DjlMlp silent epoch %d done%n", epoch);
      }
    }
  }

  static void epochs(Trainer trainer, Setup setup) throws IOException, TranslateException {
    for (int epoch = 0; epoch < setup.args().epochs(); epoch++) {
      for (Batch batch : trainer.iterateDataset(setup.train())) {
        try (batch) {
          EasyTrain.trainBatch(trainer, batch);
          trainer.step();
        }
      }
      EasyTrain.evaluateDataset(trainer, setup.validate());
      trainer.notifyListeners(listener -> listener.onEpoch(trainer));
    }
  }

  private static SequentialBlock mlp() {
    return new SequentialBlock()
        .add(Linear.builder().setUnits(64).build())
        .add(Activation.reluBlock())
        .add(Linear.builder().setUnits(64).build())
        .add(Activation.reluBlock())
        .add(Linear.builder().setUnits(SyntheticClasses.CLASSES).build());
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

  /** Prints one line per epoch from the listener results, so a human sees that training ran. */
  static final class EpochPrinter extends TrainingListenerAdapter {
    private int epoch;
    private int batches;
    private long epochStartNanos = System.nanoTime();

    @Override
    public void onTrainingBatch(Trainer trainer, BatchData batchData) {
      batches++;
    }

    @Override
    public void onEpoch(Trainer trainer) {
      Map<String, Float> metrics = trainer.getTrainingResult().getEvaluations();
      System.out.printf(
          "DjlMlp epoch %d: train_loss=%.4f train_accuracy=%.3f validate_loss=%.4f validate_accuracy=%.3f"
              + " batches=%d (%.3f s)%n",
          epoch,
          metrics.getOrDefault("train_loss", Float.NaN),
          metrics.getOrDefault("train_Accuracy", Float.NaN),
          metrics.getOrDefault("validate_loss", Float.NaN),
          metrics.getOrDefault("validate_Accuracy", Float.NaN),
          batches,
          (System.nanoTime() - epochStartNanos) / 1e9);
      epoch++;
      batches = 0;
      epochStartNanos = System.nanoTime();
    }
  }
}
