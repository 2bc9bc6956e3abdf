package dev.jouletrace.samples.shapes;

import dev.jouletrace.samples.SyntheticClasses;
import dev.jouletrace.samples.dl4j.Dl4jMinibatches;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.deeplearning4j.earlystopping.EarlyStoppingConfiguration;
import org.deeplearning4j.earlystopping.EarlyStoppingResult;
import org.deeplearning4j.earlystopping.listener.EarlyStoppingListener;
import org.deeplearning4j.earlystopping.saver.InMemoryModelSaver;
import org.deeplearning4j.earlystopping.scorecalc.DataSetLossCalculator;
import org.deeplearning4j.earlystopping.termination.EpochTerminationCondition;
import org.deeplearning4j.earlystopping.termination.IterationTerminationCondition;
import org.deeplearning4j.earlystopping.termination.MaxEpochsTerminationCondition;
import org.deeplearning4j.earlystopping.termination.MaxScoreIterationTerminationCondition;
import org.deeplearning4j.earlystopping.termination.MaxTimeIterationTerminationCondition;
import org.deeplearning4j.earlystopping.termination.ScoreImprovementEpochTerminationCondition;
import org.deeplearning4j.earlystopping.trainer.EarlyStoppingTrainer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.parallelism.EarlyStoppingParallelTrainer;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.schedule.MapSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * DL4J early stopping ({@code EarlyStoppingTrainer}, {@code EarlyStoppingParallelTrainer}) ended in
 * each of the ways DL4J knows. An MLP 20→32→2 on {@code --rows} (1000) synthetic rows in
 * minibatches of {@code --batch} (64); a {@link DataSetLossCalculator} on held-out rows scores
 * between epochs (DL4J requires a score calculator) and an {@link InMemoryModelSaver} keeps the
 * best model.
 *
 * <ul>
 *   <li>{@code max-score}: an iteration condition: {@code MaxScoreIterationTerminationCondition}
 *       ends the run when a badly tuned learning rate (SGD whose rate jumps from 0.1 to 1e4 at the
 *       first minibatch of epoch 1) drives the minibatch score over 50; so epoch 0 completes and
 *       epoch 1 is cut short. {@code MaxEpochsTerminationCondition(--epochs)} (10) as a backstop.
 *   <li>{@code max-time}: {@code MaxTimeIterationTerminationCondition(--seconds)} (4) with {@code
 *       MaxEpochsTerminationCondition(1000)}: the epoch running when the time is up is cut short.
 *       The untrained model is saved as "best" before {@code fit()}: DL4J 1.0.0-M2.1 throws a
 *       NullPointerException ({@code BaseEarlyStoppingTrainer.java:226}, {@code bestModel.score()})
 *       when an iteration condition ends the run before any epoch was scored and the saver holds no
 *       model, which a slow first epoch on a busy machine could cause.
 *   <li>{@code max-epochs}: only {@code MaxEpochsTerminationCondition(--epochs)} (4).
 *   <li>{@code scored}: {@code MaxEpochsTerminationCondition(--epochs)} (4), the loss on a held-out
 *       set {@code --score-rows} (2000) rows large computed after every epoch, and the latest model
 *       saved too ({@code saveLastModel}): much of the run is spent between epochs.
 *   <li>{@code every-n}: {@code evaluateEveryNEpochs(2)} with {@code
 *       MaxEpochsTerminationCondition(--epochs)} (5): DL4J scores, and checks epoch conditions,
 *       only at epochs 0, 2, 4.
 *   <li>{@code improvement}: {@code ScoreImprovementEpochTerminationCondition(1, 1e9)} (no
 *       improvement can reach 1e9, so it stops after epoch 1) with {@code
 *       MaxEpochsTerminationCondition(--epochs)} (10).
 *   <li>{@code parallel}: {@code EarlyStoppingParallelTrainer}, 2 workers, with the conditions of
 *       {@code improvement}: it drives a {@code ParallelWrapper} one {@code fit(iterator)} per
 *       epoch.
 * </ul>
 *
 * <p>The last line on standard output is the {@link FrameworkReport}: the {@code
 * EarlyStoppingResult} (termination reason and details, total epochs, best epoch and score, score
 * by epoch), the configured maximum of epochs, DL4J's iteration and epoch counters, and what a
 * training listener and an early-stopping listener saw (epoch callbacks, minibatches and rows per
 * epoch, including the epoch cut short).
 */
public final class Dl4jEarlyStoppingShapes {
  private static final long SEED = 42;
  private static final double BAD_SCORE = 50;

  private Dl4jEarlyStoppingShapes() {}

  public static void main(String[] args) throws IOException {
    ShapeOptions options =
        ShapeOptions.parse(
            args,
            Set.of(
                "max-score",
                "max-time",
                "max-epochs",
                "scored",
                "every-n",
                "improvement",
                "parallel"),
            Set.of("rows", "batch", "epochs", "seconds", "score-rows"));
    String mode = options.mode();
    int rows = options.integer("rows", 1000);
    int batch = options.integer("batch", 64);
    Nd4j.getRandom().setSeed(SEED);
    DataSetIterator train = Dl4jMinibatches.of(SyntheticClasses.training(rows, SEED), batch);
    int scoreRows = options.integer("score-rows", mode.equals("scored") ? 2000 : 250);
    DataSetIterator held = Dl4jMinibatches.of(SyntheticClasses.validation(scoreRows, SEED), batch);

    List<EpochTerminationCondition> epochConditions = new ArrayList<>();
    List<IterationTerminationCondition> iterationConditions = new ArrayList<>();
    int maxEpochs;
    int evaluateEvery = 1;
    IUpdater updater = new Sgd(0.1);
    switch (mode) {
      case "max-score" -> {
        maxEpochs = options.integer("epochs", 10);
        int batchesPerEpoch = (rows + batch - 1) / batch;
        updater =
            new Sgd(new MapSchedule(ScheduleType.ITERATION, Map.of(0, 0.1, batchesPerEpoch, 1e4)));
        iterationConditions.add(new MaxScoreIterationTerminationCondition(BAD_SCORE));
      }
      case "max-time" -> {
        maxEpochs = 1000;
        iterationConditions.add(
            new MaxTimeIterationTerminationCondition(
                options.integer("seconds", 4), TimeUnit.SECONDS));
      }
      case "max-epochs", "scored" -> maxEpochs = options.integer("epochs", 4);
      case "every-n" -> {
        maxEpochs = options.integer("epochs", 5);
        evaluateEvery = 2;
      }
      default -> {
        maxEpochs = options.integer("epochs", 10);
        epochConditions.add(new ScoreImprovementEpochTerminationCondition(1, 1e9));
      }
    }
    epochConditions.add(0, new MaxEpochsTerminationCondition(maxEpochs));

    MultiLayerNetwork net = Dl4jMinibatchFits.syntheticNetwork(updater);
    InMemoryModelSaver<MultiLayerNetwork> saver = new InMemoryModelSaver<>();
    if (mode.equals("max-time")) {
      saver.saveBestModel(net, Double.NaN);
    }
    EarlyStoppingConfiguration<MultiLayerNetwork> config =
        new EarlyStoppingConfiguration.Builder<MultiLayerNetwork>()
            .epochTerminationConditions(epochConditions)
            .iterationTerminationConditions(
                iterationConditions.toArray(new IterationTerminationCondition[0]))
            .evaluateEveryNEpochs(evaluateEvery)
            .scoreCalculator(new DataSetLossCalculator(held, true))
            .modelSaver(saver)
            .saveLastModel(mode.equals("scored"))
            .build();

    Dl4jTally tally = new Dl4jTally();
    net.setListeners(tally);
    EpochLog epochs = new EpochLog(tally);
    EarlyStoppingResult<MultiLayerNetwork> result;
    if (mode.equals("parallel")) {
      EarlyStoppingParallelTrainer<MultiLayerNetwork> trainer =
          new EarlyStoppingParallelTrainer<>(config, net, train, null, epochs, 2, 0, 1);
      result = trainer.fit();
    } else {
      result = new EarlyStoppingTrainer(config, net, train, epochs).fit();
    }

    FrameworkReport report =
        FrameworkReport.of(Dl4jEarlyStoppingShapes.class, mode)
            .put(
                "trainer",
                mode.equals("parallel") ? "EarlyStoppingParallelTrainer" : "EarlyStoppingTrainer")
            .put("rows_per_epoch", rows)
            .put("batches_per_full_epoch", (rows + batch - 1) / batch)
            .put("max_epochs", maxEpochs)
            .put("evaluate_every_n_epochs", evaluateEvery)
            .put("termination_reason", result.getTerminationReason().name())
            .put("termination_details", result.getTerminationDetails())
            .put("total_epochs", result.getTotalEpochs())
            .put("best_model_epoch", result.getBestModelEpoch())
            .put("best_model_score", result.getBestModelScore())
            .put("score_vs_epoch", new LinkedHashMap<>(result.getScoreVsEpoch()))
            .put("iteration_count", net.getIterationCount())
            .put("epoch_count", net.getEpochCount())
            .put("es_listener_epochs", epochs.epochs())
            .put("es_listener_rows_at_epoch", epochs.rowsAtEpoch())
            .put("es_listener_batches_at_epoch", epochs.batchesAtEpoch())
            .put("batches_after_last_epoch_end", tally.batchesSinceEpochStart())
            .put("rows_after_last_scored_epoch", tally.rows() - epochs.lastRows());
    tally.addTo(report).print();
  }

  /**
   * DL4J's early-stopping listener: {@code onEpoch} is called after each scored epoch (after the
   * score calculator and the model saver), with the training tally's totals noted at that moment.
   */
  private static final class EpochLog implements EarlyStoppingListener<MultiLayerNetwork> {
    private final Dl4jTally tally;
    private final List<Integer> epochs = new ArrayList<>();
    private final List<Long> rowsAtEpoch = new ArrayList<>();
    private final List<Long> batchesAtEpoch = new ArrayList<>();

    EpochLog(Dl4jTally tally) {
      this.tally = tally;
    }

    @Override
    public void onStart(
        EarlyStoppingConfiguration<MultiLayerNetwork> esConfig, MultiLayerNetwork net) {}

    @Override
    public void onEpoch(
        int epochNum,
        double score,
        EarlyStoppingConfiguration<MultiLayerNetwork> esConfig,
        MultiLayerNetwork net) {
      epochs.add(epochNum);
      rowsAtEpoch.add(tally.rows());
      batchesAtEpoch.add(tally.iterations());
    }

    @Override
    public void onCompletion(EarlyStoppingResult<MultiLayerNetwork> esResult) {}

    List<Integer> epochs() {
      return epochs;
    }

    List<Long> rowsAtEpoch() {
      return rowsAtEpoch;
    }

    List<Long> batchesAtEpoch() {
      return batchesAtEpoch;
    }

    long lastRows() {
      return rowsAtEpoch.isEmpty() ? 0 : rowsAtEpoch.get(rowsAtEpoch.size() - 1);
    }
  }
}
