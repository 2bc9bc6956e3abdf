package dev.jouletrace.accounting.efficiency;

import dev.jouletrace.accounting.TrainingMetrics;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntToDoubleFunction;

/**
 * Per-epoch efficiency of a run, its best epoch, and the energy spent after it: what early stopping
 * at the best epoch would have saved. Fed one epoch at a time, in the order they ran; keeps a
 * constant amount of state however long the run.
 *
 * <p>Best: lowest validation loss among epochs reporting one; if none does, highest validation
 * accuracy; else lowest training loss; ties go to the earlier epoch.
 */
public final class RunEfficiency {
  private final Best lowestValidationLoss = new Best(BestEpoch.Criterion.LOWEST_VALIDATION_LOSS);
  private final Best highestValidationAccuracy =
      new Best(BestEpoch.Criterion.HIGHEST_VALIDATION_ACCURACY);
  private final Best lowestTrainingLoss = new Best(BestEpoch.Criterion.LOWEST_TRAINING_LOSS);
  private EpochFigures previous;
  private int epochs;
  private double energyJoules;

  /**
   * Adds the next epoch of the run and returns its efficiency.
   *
   * @param samples training samples of the epoch, or -1 when unknown
   */
  public EpochEfficiency add(int epoch, double energyJoules, long samples, TrainingMetrics m) {
    EpochFigures current = new EpochFigures(epoch, energyJoules, samples, m);
    EpochEfficiency efficiency = EpochEfficiency.of(previous, current);
    int position = epochs++;
    this.energyJoules += energyJoules;
    lowestValidationLoss.offer(epoch, position, current.validationLoss, energyJoules);
    highestValidationAccuracy.offer(epoch, position, -current.validationAccuracy, energyJoules);
    lowestTrainingLoss.offer(epoch, position, current.trainLoss, energyJoules);
    previous = current;
    return efficiency;
  }

  /**
   * Validation scores the framework reports only when the run ends (DL4J early stopping), by epoch
   * index: they count as validation loss when no epoch reported one itself.
   *
   * @param energyThrough the run's energy from its start through the end of the epoch at an index
   */
  public void addFrameworkValidationScores(
      Map<Integer, Double> scores, IntToDoubleFunction energyThrough) {
    if (lowestValidationLoss.found() || scores.isEmpty()) {
      return;
    }
    for (Map.Entry<Integer, Double> e : new java.util.TreeMap<>(scores).entrySet()) {
      int epoch = e.getKey();
      lowestValidationLoss.offerAfterTheFact(
          epoch, epoch, e.getValue(), energyJoules - energyThrough.applyAsDouble(epoch));
    }
  }

  /** Empty when no epoch reported a loss or an accuracy. */
  public Optional<BestEpoch> best() {
    return Optional.ofNullable(chosen()).map(Best::epoch);
  }

  private Best chosen() {
    if (lowestValidationLoss.found()) {
      return lowestValidationLoss;
    }
    if (highestValidationAccuracy.found()) {
      return highestValidationAccuracy;
    }
    return lowestTrainingLoss.found() ? lowestTrainingLoss : null;
  }

  public double energyJoules() {
    return energyJoules;
  }

  /** Σ energy of the epochs after the best one; 0 when there is no best epoch. */
  public double energyAfterBestJoules() {
    Best b = chosen();
    return b == null ? 0 : b.energyAfter;
  }

  /** {@link #energyAfterBestJoules()} over the run's energy; 0 for a run without energy. */
  public double shareOfEnergyAfterBest() {
    return energyJoules == 0 ? 0 : energyAfterBestJoules() / energyJoules;
  }

  /** The best epoch by one criterion so far, and the energy spent since. */
  private static final class Best {
    private final BestEpoch.Criterion criterion;
    private int epoch = -1;
    private int position;
    private double key;
    private double energyAfter;

    Best(BestEpoch.Criterion criterion) {
      this.criterion = criterion;
    }

    /** {@code key}: lower is better (accuracies come negated); NaN means not reported. */
    void offer(int epochIndex, int epochPosition, double value, double joules) {
      if (Double.isNaN(value)) {
        if (found()) {
          energyAfter += joules;
        }
        return;
      }
      if (!found() || value < key) {
        epoch = epochIndex;
        position = epochPosition;
        key = value;
        energyAfter = 0;
      } else {
        energyAfter += joules;
      }
    }

    void offerAfterTheFact(int epochIndex, int epochPosition, double value, double after) {
      if (!Double.isNaN(value) && (!found() || value < key)) {
        epoch = epochIndex;
        position = epochPosition;
        key = value;
        energyAfter = Math.max(0, after);
      }
    }

    boolean found() {
      return epoch >= 0;
    }

    BestEpoch epoch() {
      double value = criterion == BestEpoch.Criterion.HIGHEST_VALIDATION_ACCURACY ? -key : key;
      return new BestEpoch(epoch, position, criterion, value);
    }
  }
}
