package dev.jouletrace.accounting;

import dev.jouletrace.accounting.efficiency.EpochMetrics;
import dev.jouletrace.accounting.efficiency.RunEfficiency;
import dev.jouletrace.accounting.forecast.EpochObservation;
import dev.jouletrace.accounting.forecast.ForecastHistory;
import dev.jouletrace.accounting.forecast.RunForecaster;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One training run as known so far: an immutable snapshot, replaced by {@link #withEpoch} after
 * each epoch and by {@link #finished} at the end. Totals are sums over its epochs.
 */
public final class RunRecord {
  private final int number;
  private final String framework;
  private final Instant start;
  private final Instant end;
  private final String status;
  private final int plannedEpochs;
  private final boolean implicit;
  private final boolean attachedLate;
  private final List<EpochRecord> epochs;
  private final ForecastHistory forecasts;
  private final FrameworkOutcome outcome;

  private RunRecord(
      int number,
      String framework,
      Instant start,
      Instant end,
      String status,
      int plannedEpochs,
      boolean implicit,
      boolean attachedLate,
      List<EpochRecord> epochs,
      ForecastHistory forecasts,
      FrameworkOutcome outcome) {
    this.number = number;
    this.framework = Objects.requireNonNull(framework);
    this.start = Objects.requireNonNull(start);
    this.end = end;
    this.status = Objects.requireNonNull(status);
    this.plannedEpochs = plannedEpochs;
    this.implicit = implicit;
    this.attachedLate = attachedLate;
    this.epochs = Collections.unmodifiableList(epochs);
    this.forecasts = Objects.requireNonNull(forecasts);
    this.outcome = outcome;
  }

  /**
   * A run that has just started.
   *
   * @param plannedEpochs the epoch count the run was asked for, or -1 when unknown
   * @param implicit true when no run-level call was seen (a user loop around epoch calls)
   * @param forecaster how the run's totals are forecast once enough epochs are seen
   */
  public static RunRecord started(
      int number,
      String framework,
      Instant start,
      int plannedEpochs,
      boolean implicit,
      boolean attachedLate,
      RunForecaster forecaster) {
    return new RunRecord(
        number,
        framework,
        start,
        null,
        "running",
        plannedEpochs,
        implicit,
        attachedLate,
        List.of(),
        ForecastHistory.start(forecaster, plannedEpochs),
        null);
  }

  public RunRecord withEpoch(EpochRecord epoch) {
    List<EpochRecord> more = new ArrayList<>(epochs);
    more.add(epoch);
    ForecastHistory updated =
        forecasts.afterEpoch(
            EpochObservation.of(
                epoch.energyJoules(),
                epoch.co2OperationalGrams() + epoch.co2EmbodiedGrams(),
                epoch.durationSeconds()));
    return new RunRecord(
        number,
        framework,
        start,
        end,
        status,
        plannedEpochs,
        implicit,
        attachedLate,
        more,
        updated,
        outcome);
  }

  public RunRecord finished(String finalStatus, Instant endTime) {
    return finished(finalStatus, endTime, null);
  }

  /** The run as ended, with the framework's own account of it when there is one (or null). */
  public RunRecord finished(
      String finalStatus, Instant endTime, FrameworkOutcome frameworkOutcome) {
    return new RunRecord(
        number,
        framework,
        start,
        endTime,
        finalStatus,
        plannedEpochs,
        implicit,
        attachedLate,
        epochs,
        forecasts,
        frameworkOutcome);
  }

  public int number() {
    return number;
  }

  public String framework() {
    return framework;
  }

  public Instant start() {
    return start;
  }

  /** Null while the run is going on. */
  public Instant end() {
    return end;
  }

  /** running, completed, early_stopped, failed or interrupted. */
  public String status() {
    return status;
  }

  public int plannedEpochs() {
    return plannedEpochs;
  }

  public boolean implicit() {
    return implicit;
  }

  public boolean attachedLate() {
    return attachedLate;
  }

  public List<EpochRecord> epochs() {
    return epochs;
  }

  public double energyJoules() {
    double sum = 0;
    for (EpochRecord e : epochs) {
      sum += e.energyJoules();
    }
    return sum;
  }

  public double deviceEnergyJoules() {
    double sum = 0;
    for (EpochRecord e : epochs) {
      sum += e.deviceEnergyJoules();
    }
    return sum;
  }

  public double co2OperationalGrams() {
    double sum = 0;
    for (EpochRecord e : epochs) {
      sum += e.co2OperationalGrams();
    }
    return sum;
  }

  public double co2EmbodiedGrams() {
    double sum = 0;
    for (EpochRecord e : epochs) {
      sum += e.co2EmbodiedGrams();
    }
    return sum;
  }

  /** Operational plus embodied. */
  public double co2Grams() {
    return co2OperationalGrams() + co2EmbodiedGrams();
  }

  /** Sum of the epochs' durations. */
  public double epochSeconds() {
    double sum = 0;
    for (EpochRecord e : epochs) {
      sum += e.durationSeconds();
    }
    return sum;
  }

  /** Start to end, or to the last epoch's end while running. */
  public double durationSeconds() {
    Instant last =
        end != null ? end : epochs.isEmpty() ? start : epochs.get(epochs.size() - 1).end();
    return Duration.between(start, last).toNanos() / 1e9;
  }

  /** Every forecast made so far (one per epoch once enough epochs are seen) and their errors. */
  public ForecastHistory forecasts() {
    return forecasts;
  }

  /** What the framework itself said about how the run ended (DL4J early stopping); or null. */
  public FrameworkOutcome outcome() {
    return outcome;
  }

  /**
   * Energy efficiency per epoch, the best epoch and the energy spent after it. Validation scores
   * the framework reports only at the end (DL4J early stopping) count as validation loss.
   */
  public RunEfficiency efficiency() {
    List<EpochMetrics> metrics = new ArrayList<>(epochs.size());
    for (EpochRecord e : epochs) {
      EpochMetrics m = EpochMetrics.of(e.index(), e.energyJoules());
      if (e.samples() != null) {
        m = m.withSamples(e.samples());
      }
      if (e.trainLoss() != null && !e.trainLoss().isNaN()) {
        m = m.withTrainingLoss(e.trainLoss());
      }
      Double validationLoss = e.validationLoss();
      if (validationLoss == null && outcome != null) {
        validationLoss = outcome.validationScores().get(e.index());
      }
      if (validationLoss != null && !validationLoss.isNaN()) {
        m = m.withValidationLoss(validationLoss);
      }
      if (e.validationAccuracy() != null && !e.validationAccuracy().isNaN()) {
        m = m.withValidationAccuracy(e.validationAccuracy());
      }
      metrics.add(m);
    }
    return RunEfficiency.analyse(metrics);
  }

  /** The least direct method among the epochs. */
  public String energyMethod() {
    List<DomainEnergy> all = new ArrayList<>();
    for (EpochRecord e : epochs) {
      all.addAll(e.domains());
    }
    return EnergyMethods.combined(all);
  }
}
