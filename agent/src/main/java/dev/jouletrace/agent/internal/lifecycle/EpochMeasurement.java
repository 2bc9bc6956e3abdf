package dev.jouletrace.agent.internal.lifecycle;

import dev.jouletrace.accounting.DomainEnergy;
import java.time.Instant;
import java.util.List;

/** What the training thread hands off when an epoch ends: its window, progress and energy. */
public final class EpochMeasurement {
  public final int runNumber;
  public final String framework;
  public final int index;
  public final String status;
  public final Instant start;
  public final Instant end;
  public final long batches;
  public final EpochMetrics metrics;
  public final List<DomainEnergy> energy;

  EpochMeasurement(
      int runNumber,
      String framework,
      int index,
      String status,
      Instant start,
      Instant end,
      long batches,
      EpochMetrics metrics,
      List<DomainEnergy> energy) {
    this.runNumber = runNumber;
    this.framework = framework;
    this.index = index;
    this.status = status;
    this.start = start;
    this.end = end;
    this.batches = batches;
    this.metrics = metrics;
    this.energy = energy;
  }

  public Double trainLoss() {
    return metrics.trainLoss;
  }

  public Double trainAccuracy() {
    return metrics.trainAccuracy;
  }

  public Double validationLoss() {
    return metrics.validationLoss;
  }

  public Double validationAccuracy() {
    return metrics.validationAccuracy;
  }
}
