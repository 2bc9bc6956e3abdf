package dev.jouletrace.samples.shapes;

import dev.jouletrace.samples.SyntheticClasses;
import dev.jouletrace.samples.dl4j.Dl4jMinibatches;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.nd4j.autodiff.listeners.At;
import org.nd4j.autodiff.listeners.BaseListener;
import org.nd4j.autodiff.listeners.ListenerResponse;
import org.nd4j.autodiff.listeners.Loss;
import org.nd4j.autodiff.listeners.Operation;
import org.nd4j.autodiff.listeners.records.History;
import org.nd4j.autodiff.listeners.records.LossCurve;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.weightinit.impl.XavierInitScheme;

/**
 * ND4J SameDiff training, an MLP 20→32→2 on synthetic rows.
 *
 * <ul>
 *   <li>{@code fit-dataset-loop}: {@code for (…) sd.fit(dataSet)} on the whole training set of
 *       {@code --rows} (500) rows, {@code --calls} (40) times, as in SameDiff's own training tests.
 *   <li>{@code fit-iterator}: {@code sd.fit(iterator, --epochs)} (3) over {@code --rows} (1000)
 *       rows in minibatches of {@code --batch} (64).
 * </ul>
 *
 * <p>The last line on standard output is the {@link FrameworkReport}: the training configuration's
 * iteration and epoch counts, the {@link History} (epochs, mean loss per epoch from its {@link
 * LossCurve}), and what a listener saw: {@code iterationDone} calls with the rows of each
 * minibatch, {@code epochStart}/{@code epochEnd} calls, and which SameDiff instance each callback
 * received.
 */
public final class SameDiffShapes {
  private static final long SEED = 42;
  private static final String LOSS = "loss";

  private SameDiffShapes() {}

  public static void main(String[] args) {
    ShapeOptions options =
        ShapeOptions.parse(
            args,
            Set.of("fit-dataset-loop", "fit-iterator"),
            Set.of("calls", "rows", "batch", "epochs"));
    Nd4j.getRandom().setSeed(SEED);
    SameDiff sd = mlp();
    Tally tally = new Tally(sd);
    sd.setListeners(tally);
    FrameworkReport report = FrameworkReport.of(SameDiffShapes.class, options.mode());
    if (options.mode().equals("fit-dataset-loop")) {
      int calls = options.integer("calls", 40);
      int rows = options.integer("rows", 500);
      SyntheticClasses data = SyntheticClasses.training(rows, SEED);
      DataSet all = new DataSet(Nd4j.create(data.features()), Nd4j.create(data.oneHotLabels()));
      int historyEpochs = 0;
      int historiesWithLossCurve = 0;
      for (int i = 0; i < calls; i++) {
        History history = sd.fit(all);
        historyEpochs += history.trainingEpochs();
        historiesWithLossCurve += history.lossCurve() == null ? 0 : 1;
      }
      report
          .put("calls", calls)
          .put("rows_per_call", rows)
          .put("history_training_epochs_summed", historyEpochs)
          .put("histories_with_loss_curve", historiesWithLossCurve);
    } else {
      int epochs = options.integer("epochs", 3);
      int rows = options.integer("rows", 1000);
      int batch = options.integer("batch", 64);
      DataSetIterator train = Dl4jMinibatches.of(SyntheticClasses.training(rows, SEED), batch);
      History history = sd.fit(train, epochs);
      LossCurve curve = history.lossCurve();
      float[] meanLoss = curve.meanLoss(LOSS);
      List<Double> meanLossPerEpoch = new ArrayList<>();
      for (float loss : meanLoss) {
        meanLossPerEpoch.add((double) loss);
      }
      report
          .put("epochs_requested", epochs)
          .put("rows_per_epoch", rows)
          .put("batch", batch)
          .put("history_training_epochs", history.trainingEpochs())
          .put("history_mean_loss_per_epoch", meanLossPerEpoch);
    }
    TrainingConfig config = sd.getTrainingConfig();
    report
        .put("training_config_iteration_count", config.getIterationCount())
        .put("training_config_epoch_count", config.getEpochCount());
    tally.addTo(report).print();
  }

  private static SameDiff mlp() {
    SameDiff sd = SameDiff.create();
    SDVariable in = sd.placeHolder("input", DataType.FLOAT, -1, SyntheticClasses.FEATURES);
    SDVariable label = sd.placeHolder("label", DataType.FLOAT, -1, SyntheticClasses.CLASSES);
    SDVariable hidden = dense(sd, "1", in, SyntheticClasses.FEATURES, 32, true);
    SDVariable logits = dense(sd, "2", hidden, 32, SyntheticClasses.CLASSES, false);
    sd.loss().softmaxCrossEntropy(LOSS, label, logits, null);
    sd.setTrainingConfig(
        TrainingConfig.builder()
            .updater(new Adam(0.01))
            .dataSetFeatureMapping("input")
            .dataSetLabelMapping("label")
            .build());
    return sd;
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

  /** What SameDiff announces to a listener during training. */
  private static final class Tally extends BaseListener {
    private final SameDiff trained;
    private long iterations;
    private long rows;
    private int epochStarts;
    private int epochEnds;
    private long rowsSinceEpochStart;
    private long batchesSinceEpochStart;
    private final List<Long> rowsPerEpoch = new ArrayList<>();
    private final List<Long> batchesPerEpoch = new ArrayList<>();
    private final List<Double> lastMeanLossAtEpochEnd = new ArrayList<>();
    private boolean iterationDoneGotTrainedInstance;
    private boolean iterationDoneGotOtherInstance;
    private boolean epochCallbacksGotTrainedInstance;

    Tally(SameDiff trained) {
      this.trained = trained;
    }

    @Override
    public boolean isActive(Operation operation) {
      return operation == Operation.TRAINING;
    }

    @Override
    public void epochStart(SameDiff sd, At at) {
      epochStarts++;
      rowsSinceEpochStart = 0;
      batchesSinceEpochStart = 0;
      epochCallbacksGotTrainedInstance = sd == trained;
    }

    @Override
    public ListenerResponse epochEnd(
        SameDiff sd, At at, LossCurve lossCurve, long epochTimeMillis) {
      epochEnds++;
      rowsPerEpoch.add(rowsSinceEpochStart);
      batchesPerEpoch.add(batchesSinceEpochStart);
      lastMeanLossAtEpochEnd.add(lossCurve.lastMeanLoss().getLoss(LOSS));
      return ListenerResponse.CONTINUE;
    }

    @Override
    public void iterationDone(SameDiff sd, At at, MultiDataSet dataSet, Loss loss) {
      long batchRows = dataSet.getFeatures(0).size(0);
      iterations++;
      rows += batchRows;
      rowsSinceEpochStart += batchRows;
      batchesSinceEpochStart++;
      if (sd == trained) {
        iterationDoneGotTrainedInstance = true;
      } else {
        iterationDoneGotOtherInstance = true;
      }
    }

    FrameworkReport addTo(FrameworkReport report) {
      return report
          .put("listener_iterations", iterations)
          .put("listener_rows", rows)
          .put("listener_epoch_starts", epochStarts)
          .put("listener_epoch_ends", epochEnds)
          .put("listener_rows_per_epoch", rowsPerEpoch)
          .put("listener_batches_per_epoch", batchesPerEpoch)
          .put("listener_last_mean_loss_at_epoch_end", lastMeanLossAtEpochEnd)
          .put("iteration_done_got_trained_instance", iterationDoneGotTrainedInstance)
          .put("iteration_done_got_other_instance", iterationDoneGotOtherInstance)
          .put("epoch_callbacks_got_trained_instance", epochCallbacksGotTrainedInstance);
    }
  }
}
