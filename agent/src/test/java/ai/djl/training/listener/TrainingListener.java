package ai.djl.training.listener;

import ai.djl.training.Trainer;

/** Test double with DJL's name and callbacks. */
public interface TrainingListener {
  void onEpoch(Trainer trainer);

  void onTrainingBatch(Trainer trainer, Object batchData);

  void onTrainingEnd(Trainer trainer);
}
