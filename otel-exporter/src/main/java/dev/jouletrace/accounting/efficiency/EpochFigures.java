package dev.jouletrace.accounting.efficiency;

import dev.jouletrace.accounting.TrainingMetrics;

/** What efficiency needs of one epoch: its index, energy, samples and what it learned. */
final class EpochFigures {
  final int epoch;
  final double energyJoules;
  final long samples;
  final double trainLoss;
  final double validationLoss;
  final double validationAccuracy;

  EpochFigures(int epoch, double energyJoules, long samples, TrainingMetrics metrics) {
    this.epoch = epoch;
    this.energyJoules = energyJoules;
    this.samples = samples;
    this.trainLoss = metrics.trainLoss();
    this.validationLoss = metrics.validationLoss();
    this.validationAccuracy = metrics.validationAccuracy();
  }
}
