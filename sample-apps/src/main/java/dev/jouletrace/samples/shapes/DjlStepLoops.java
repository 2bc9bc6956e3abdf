package dev.jouletrace.samples.shapes;

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
import ai.djl.training.TrainingResult;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.Batch;
import ai.djl.training.listener.TrainingListener;
import ai.djl.training.listener.TrainingListenerAdapter;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.translate.TranslateException;
import dev.jouletrace.samples.SyntheticClasses;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * DJL loops of {@code EasyTrain.trainBatch} + {@code trainer.step()} written by hand, with and
 * without the {@code onEpoch} dispatch: {@code --passes} (3) passes over {@code --rows} (1000)
 * synthetic rows in batches of {@code --batch} (64), MLP 20→32→2 (PyTorch CPU).
 *
 * <ul>
 *   <li>{@code dataset-passes}: the batches come from {@code dataset.getData(manager)}, not from
 *       {@code trainer.iterateDataset}; no {@code onEpoch} is ever dispatched.
 *   <li>{@code iterate-passes}: batches from {@code trainer.iterateDataset(dataset)}; no {@code
 *       onEpoch}.
 *   <li>{@code on-epoch}: {@code trainer.iterateDataset}, then {@code notifyListeners(onEpoch)}
 *       after each pass.
 *   <li>{@code on-epoch-first}: {@code notifyListeners(onEpoch)} before each pass, as DJL's
 *       GradientCollectorIntegrationTest does: the first dispatch comes before any batch and the
 *       last pass is followed by none.
 * </ul>
 *
 * <p>Run with {@code DJL_OFFLINE=true OPT_OUT_TRACKING=true}. The last line on standard output is
 * the {@link FrameworkReport}: what a training listener saw ({@code onTrainingBatch} calls with
 * each batch's size, {@code onEpoch} calls) and DJL's {@link TrainingResult} (its epoch count, from
 * the {@code EpochTrainingListener} of {@code TrainingListener.Defaults.basic()}).
 */
public final class DjlStepLoops {
  private static final long SEED = 42;

  private DjlStepLoops() {}

  public static void main(String[] args) throws IOException, TranslateException {
    ShapeOptions options =
        ShapeOptions.parse(
            args,
            Set.of("dataset-passes", "iterate-passes", "on-epoch", "on-epoch-first"),
            Set.of("passes", "rows", "batch"));
    String mode = options.mode();
    int passes = options.integer("passes", 3);
    int rows = options.integer("rows", 1000);
    int batch = options.integer("batch", 64);
    Engine.getInstance().setRandomSeed((int) SEED);
    Tally tally = new Tally();
    FrameworkReport report = FrameworkReport.of(DjlStepLoops.class, mode);
    try (NDManager manager = NDManager.newBaseManager();
        Model model = Model.newInstance("jouletrace-djl-step-loops")) {
      model.setBlock(
          new SequentialBlock()
              .add(Linear.builder().setUnits(32).build())
              .add(Activation.reluBlock())
              .add(Linear.builder().setUnits(SyntheticClasses.CLASSES).build()));
      SyntheticClasses data = SyntheticClasses.training(rows, SEED);
      ArrayDataset dataset =
          new ArrayDataset.Builder()
              .setData(
                  manager.create(data.flatFeatures(), new Shape(rows, SyntheticClasses.FEATURES)))
              .optLabels(manager.create(data.labelIndices(), new Shape(rows, 1)))
              .setSampling(batch, false)
              .build();
      DefaultTrainingConfig config =
          new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
              .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(0.01f)).build())
              .addTrainingListeners(TrainingListener.Defaults.basic())
              .addTrainingListeners(tally);
      try (Trainer trainer = model.newTrainer(config)) {
        trainer.initialize(new Shape(batch, SyntheticClasses.FEATURES));
        List<Long> batchesPerPass = new ArrayList<>();
        for (int pass = 0; pass < passes; pass++) {
          if (mode.equals("on-epoch-first")) {
            trainer.notifyListeners(listener -> listener.onEpoch(trainer));
          }
          long before = tally.batches;
          Iterable<Batch> batches =
              mode.equals("dataset-passes")
                  ? dataset.getData(trainer.getManager())
                  : trainer.iterateDataset(dataset);
          for (Batch b : batches) {
            try (b) {
              EasyTrain.trainBatch(trainer, b);
              trainer.step();
            }
          }
          batchesPerPass.add(tally.batches - before);
          if (mode.equals("on-epoch")) {
            trainer.notifyListeners(listener -> listener.onEpoch(trainer));
          }
        }
        TrainingResult result = trainer.getTrainingResult();
        report
            .put("passes", passes)
            .put("rows_per_pass", rows)
            .put("batch", batch)
            .put("batches_per_pass", batchesPerPass)
            .put("listener_batches", tally.batches)
            .put("listener_rows", tally.rows)
            .put("listener_on_epoch_calls", tally.onEpochCalls)
            .put("listener_batches_before_first_on_epoch", tally.batchesBeforeFirstOnEpoch)
            .put("djl_training_result_epoch", result.getEpoch())
            .put("djl_train_loss", result.getTrainLoss());
      }
    }
    report.print();
  }

  /** Counts what DJL dispatches to its listeners. */
  private static final class Tally extends TrainingListenerAdapter {
    long batches;
    long rows;
    int onEpochCalls;
    long batchesBeforeFirstOnEpoch = -1;

    @Override
    public void onTrainingBatch(Trainer trainer, BatchData batchData) {
      batches++;
      rows += batchData.getBatch().getSize();
    }

    @Override
    public void onEpoch(Trainer trainer) {
      if (onEpochCalls == 0) {
        batchesBeforeFirstOnEpoch = batches;
      }
      onEpochCalls++;
    }
  }
}
