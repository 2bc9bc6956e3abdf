package dev.jouletrace.agent.internal.lifecycle;

/** Loss and accuracy of one epoch; any of them null when the framework does not expose it. */
public final class EpochMetrics {
  static final EpochMetrics NONE = new EpochMetrics(null, null, null, null);

  final Double trainLoss;
  final Double trainAccuracy;
  final Double validationLoss;
  final Double validationAccuracy;
  final Double lastBatchLoss;

  public EpochMetrics(
      Double trainLoss, Double trainAccuracy, Double validationLoss, Double validationAccuracy) {
    this(trainLoss, trainAccuracy, validationLoss, validationAccuracy, null);
  }

  EpochMetrics(
      Double trainLoss,
      Double trainAccuracy,
      Double validationLoss,
      Double validationAccuracy,
      Double lastBatchLoss) {
    this.trainLoss = trainLoss;
    this.trainAccuracy = trainAccuracy;
    this.validationLoss = validationLoss;
    this.validationAccuracy = validationAccuracy;
    this.lastBatchLoss = lastBatchLoss;
  }

  /**
   * These metrics with the training loss replaced by the mean of the epoch's batch losses and the
   * last of them (DL4J: {@code score()} is only the last minibatch's).
   */
  EpochMetrics withBatchLosses(double mean, double last) {
    return new EpochMetrics(mean, trainAccuracy, validationLoss, validationAccuracy, last);
  }
}
