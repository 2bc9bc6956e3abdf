package ai.djl.training;

import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.Dataset;

/** Test double with DJL's name and the epoch loop of the real EasyTrain.fit. */
public final class EasyTrain {
  private EasyTrain() {}

  public static void fit(
      Trainer trainer, int numEpoch, Dataset trainingDataset, Dataset validateDataset) {
    for (int epoch = 0; epoch < numEpoch; epoch++) {
      for (int i = 0; i < trainingDataset.batches(); i++) {
        trainBatch(trainer, new Batch());
        trainer.step();
      }
      trainer.notifyListeners(listener -> listener.onEpoch(trainer));
    }
  }

  public static void trainBatch(Trainer trainer, Batch batch) {
    trainer.notifyListeners(listener -> listener.onTrainingBatch(trainer, batch));
  }
}
