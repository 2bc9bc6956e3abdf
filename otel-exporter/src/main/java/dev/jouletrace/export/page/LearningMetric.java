package dev.jouletrace.export.page;

import java.util.function.ToDoubleFunction;

/**
 * What a learning curve plots: the figure the accounting chose the best epoch by (lowest validation
 * loss, else highest validation accuracy, else lowest training loss).
 */
enum LearningMetric {
  VALIDATION_LOSS("lowest_validation_loss", "validation loss", true, p -> p.validationLoss),
  VALIDATION_ACCURACY(
      "highest_validation_accuracy", "validation accuracy", false, p -> p.validationAccuracy),
  TRAINING_LOSS("lowest_training_loss", "training loss", true, p -> p.trainLoss);

  private final String criterion;
  private final String label;
  private final boolean lowerIsBetter;
  private final ToDoubleFunction<EpochPoint> value;

  LearningMetric(
      String criterion, String label, boolean lowerIsBetter, ToDoubleFunction<EpochPoint> value) {
    this.criterion = criterion;
    this.label = label;
    this.lowerIsBetter = lowerIsBetter;
    this.value = value;
  }

  /** The run's metric: its best-epoch criterion, else the first figure any point reports; null. */
  static LearningMetric of(RunView run) {
    for (LearningMetric m : values()) {
      if (m.criterion.equals(run.bestCriterion)) {
        return m;
      }
    }
    for (LearningMetric m : values()) {
      if (run.hasAny(m.value)) {
        return m;
      }
    }
    return null;
  }

  String label() {
    return label;
  }

  boolean lowerIsBetter() {
    return lowerIsBetter;
  }

  /** The point's value; NaN when it reported none. */
  double of(EpochPoint p) {
    return value.applyAsDouble(p);
  }

  /** How much better {@code later} is than {@code earlier}: positive is progress. */
  double progress(double earlier, double later) {
    return lowerIsBetter ? earlier - later : later - earlier;
  }
}
