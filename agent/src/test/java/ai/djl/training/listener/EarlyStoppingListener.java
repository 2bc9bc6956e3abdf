package ai.djl.training.listener;

import ai.djl.training.Trainer;

/** Test double with DJL's name: stops by throwing out of onEpoch after a number of epochs. */
public final class EarlyStoppingListener implements TrainingListener {
  private final int stopAfter;
  private int seen;

  public EarlyStoppingListener(int stopAfter) {
    this.stopAfter = stopAfter;
  }

  @Override
  public void onEpoch(Trainer trainer) {
    if (++seen >= stopAfter) {
      throw new EarlyStoppedException();
    }
  }

  @Override
  public void onTrainingBatch(Trainer trainer, Object batchData) {}

  @Override
  public void onTrainingEnd(Trainer trainer) {}

  /** DJL's early stop is this exception. */
  public static final class EarlyStoppedException extends RuntimeException {
    private static final long serialVersionUID = 1L;
  }
}
