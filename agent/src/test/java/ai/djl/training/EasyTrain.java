package ai.djl.training;

import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.Dataset;

/** Test double with DJL's name and the epoch loop of the real EasyTrain.fit. */
public final class EasyTrain {
  private EasyTrain() {}

  public static void fit(
      Trainer trainer, int numEpoch, Dataset trainingDataset, Dataset validateDataset) {
    for (int epoch = 0; epoch < numEpoch; epoch++) {
      for (Batch batch : trainer.iterateDataset(trainingDataset)) {
        trainBatch(trainer, batch);
        trainer.step();
      }
      evaluateDataset(trainer, validateDataset);
      trainer.notifyListeners(listener -> listener.onEpoch(trainer));
    }
  }

  public static void trainBatch(Trainer trainer, Batch batch) {
    trainer.notifyListeners(listener -> listener.onTrainingBatch(trainer, batch));
  }

  public static void evaluateDataset(Trainer trainer, Dataset testDataset) {
    if (testDataset == null) {
      return;
    }
    for (Batch batch : trainer.iterateDataset(testDataset)) {
      validateBatch(trainer, batch);
    }
  }

  public static void validateBatch(Trainer trainer, Batch batch) {}
}
