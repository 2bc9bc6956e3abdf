package dev.jouletrace.accounting.efficiency;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Function;

/**
 * Per-epoch efficiency of a run, its best epoch, and the energy spent after it: what early stopping
 * at the best epoch would have saved.
 */
public final class RunEfficiency {
  private final List<EpochEfficiency> epochs;
  private final BestEpoch best;
  private final double energyJoules;
  private final double energyAfterBestJoules;

  private RunEfficiency(
      List<EpochEfficiency> epochs,
      BestEpoch best,
      double energyJoules,
      double energyAfterBestJoules) {
    this.epochs = Collections.unmodifiableList(epochs);
    this.best = best;
    this.energyJoules = energyJoules;
    this.energyAfterBestJoules = energyAfterBestJoules;
  }

  /**
   * Analyses epochs in the order they ran. Best: lowest validation loss among epochs reporting one;
   * if none does, highest validation accuracy; else lowest training loss; ties go to the earlier
   * epoch.
   */
  public static RunEfficiency analyse(List<EpochMetrics> run) {
    List<EpochEfficiency> efficiencies = new ArrayList<>();
    double total = 0;
    EpochMetrics previous = null;
    for (EpochMetrics epoch : run) {
      efficiencies.add(EpochEfficiency.of(previous, epoch));
      total += epoch.energyJoules();
      previous = epoch;
    }
    BestEpoch best =
        findBest(
            run, EpochMetrics::validationLoss, true, BestEpoch.Criterion.LOWEST_VALIDATION_LOSS);
    if (best == null) {
      best =
          findBest(
              run,
              EpochMetrics::validationAccuracy,
              false,
              BestEpoch.Criterion.HIGHEST_VALIDATION_ACCURACY);
    }
    if (best == null) {
      best =
          findBest(run, EpochMetrics::trainingLoss, true, BestEpoch.Criterion.LOWEST_TRAINING_LOSS);
    }
    double after = 0;
    if (best != null) {
      for (int i = best.position() + 1; i < run.size(); i++) {
        after += run.get(i).energyJoules();
      }
    }
    return new RunEfficiency(efficiencies, best, total, after);
  }

  private static BestEpoch findBest(
      List<EpochMetrics> run,
      Function<EpochMetrics, OptionalDouble> measure,
      boolean lowerIsBetter,
      BestEpoch.Criterion criterion) {
    BestEpoch best = null;
    for (int i = 0; i < run.size(); i++) {
      OptionalDouble value = measure.apply(run.get(i));
      if (!value.isPresent()) {
        continue;
      }
      double v = value.getAsDouble();
      if (best == null || (lowerIsBetter ? v < best.value() : v > best.value())) {
        best = new BestEpoch(run.get(i).epoch(), i, criterion, v);
      }
    }
    return best;
  }

  public List<EpochEfficiency> epochs() {
    return epochs;
  }

  /** Empty when no epoch reported a loss or an accuracy. */
  public Optional<BestEpoch> best() {
    return Optional.ofNullable(best);
  }

  public double energyJoules() {
    return energyJoules;
  }

  /** Σ energy of the epochs after the best one; 0 when there is no best epoch. */
  public double energyAfterBestJoules() {
    return energyAfterBestJoules;
  }

  /** {@link #energyAfterBestJoules()} over the run's energy; 0 for a run without energy. */
  public double shareOfEnergyAfterBest() {
    return energyJoules == 0 ? 0 : energyAfterBestJoules / energyJoules;
  }
}
