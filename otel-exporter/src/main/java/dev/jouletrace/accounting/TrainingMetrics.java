package dev.jouletrace.accounting;

/**
 * What the framework says the model learned in one epoch: losses and accuracies, each NaN when the
 * framework does not expose it. The one type that carries an epoch's progress figures from the
 * framework to every output.
 */
public final class TrainingMetrics {
  /** Nothing reported. */
  public static final TrainingMetrics NONE =
      new TrainingMetrics(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

  private final double trainLoss;
  private final double lastBatchLoss;
  private final double trainAccuracy;
  private final double validationLoss;
  private final double validationAccuracy;

  private TrainingMetrics(
      double trainLoss,
      double lastBatchLoss,
      double trainAccuracy,
      double validationLoss,
      double validationAccuracy) {
    this.trainLoss = trainLoss;
    this.lastBatchLoss = lastBatchLoss;
    this.trainAccuracy = trainAccuracy;
    this.validationLoss = validationLoss;
    this.validationAccuracy = validationAccuracy;
  }

  /** Figures a framework reports at an epoch's end; NaN for those it does not. */
  public static TrainingMetrics of(
      double trainLoss, double trainAccuracy, double validationLoss, double validationAccuracy) {
    return new TrainingMetrics(
        trainLoss, Double.NaN, trainAccuracy, validationLoss, validationAccuracy);
  }

  /**
   * These figures with the training loss taken from the epoch's own batches: their mean, and the
   * last one (DL4J's {@code score()} is only the last minibatch's loss).
   */
  public TrainingMetrics withBatchLosses(double mean, double last) {
    return new TrainingMetrics(mean, last, trainAccuracy, validationLoss, validationAccuracy);
  }

  /** These figures with the validation loss set (a score computed for the epoch, say). */
  public TrainingMetrics withValidationLoss(double loss) {
    return new TrainingMetrics(trainLoss, lastBatchLoss, trainAccuracy, loss, validationAccuracy);
  }

  /** These figures with the validation accuracy set (a score where higher is better, say). */
  public TrainingMetrics withValidationAccuracy(double accuracy) {
    return new TrainingMetrics(trainLoss, lastBatchLoss, trainAccuracy, validationLoss, accuracy);
  }

  /** Mean training loss of the epoch (DL4J: mean of the minibatch scores; DJL: train_loss). */
  public double trainLoss() {
    return trainLoss;
  }

  /** Loss of the epoch's last training batch, where the framework shows it (DL4J). */
  public double lastBatchLoss() {
    return lastBatchLoss;
  }

  public double trainAccuracy() {
    return trainAccuracy;
  }

  public double validationLoss() {
    return validationLoss;
  }

  public double validationAccuracy() {
    return validationAccuracy;
  }
}
