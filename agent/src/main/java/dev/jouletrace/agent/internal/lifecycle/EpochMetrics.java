package dev.jouletrace.agent.internal.lifecycle;

/** Loss and accuracy of one epoch; any of them null when the framework does not expose it. */
public final class EpochMetrics {
  static final EpochMetrics NONE = new EpochMetrics(null, null, null, null);

  final Double trainLoss;
  final Double trainAccuracy;
  final Double validationLoss;
  final Double validationAccuracy;

  public EpochMetrics(
      Double trainLoss, Double trainAccuracy, Double validationLoss, Double validationAccuracy) {
    this.trainLoss = trainLoss;
    this.trainAccuracy = trainAccuracy;
    this.validationLoss = validationLoss;
    this.validationAccuracy = validationAccuracy;
  }
}
