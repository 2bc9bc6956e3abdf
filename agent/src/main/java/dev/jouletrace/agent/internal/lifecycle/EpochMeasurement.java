package dev.jouletrace.agent.internal.lifecycle;

import dev.jouletrace.accounting.DomainEnergy;
import dev.jouletrace.accounting.carbon.EnergySlice;
import java.time.Instant;
import java.util.List;

/** What the training thread hands off when an epoch ends: its window, progress and energy. */
public final class EpochMeasurement {
  /**
   * How the JVM's energy is split when epochs of different models overlap (see {@link #shared}).
   */
  public static final String SHARE_RULE =
      "overlap split by training-thread CPU time, equally where it is unknown";

  public final int runNumber;
  public final String framework;
  public final int index;
  public final String status;
  public final Instant start;
  public final Instant end;
  public final long batches;

  /** Training rows (samples) in the epoch's batches, or -1 where batch sizes are not seen. */
  public final long samples;

  public final EpochMetrics metrics;

  /**
   * Per domain: {@code processJoules} is what this epoch is charged (its share where it overlapped
   * other models' epochs), {@code deviceJoules} the devices' whole energy over the epoch's window.
   */
  public final List<DomainEnergy> energy;

  /** Validation passes inside the epoch, in order; empty when none was seen. */
  public final List<ValidationWindow> validations;

  /** Batches measured on their own ({@code jouletrace.batch.spans}); empty when off. */
  public final List<BatchWindow> batchWindows;

  /**
   * True when another model's epoch ran in this JVM at the same time, so that {@link #energy} is a
   * share of the JVM's energy over the overlap ({@link #SHARE_RULE}).
   */
  public final boolean shared;

  /**
   * The epoch's charged energy split at clock hours (one slice when no hour began inside it), so an
   * hourly intensity series can weigh each hour by its energy; empty when not measured.
   */
  public final List<EnergySlice> hourSlices;

  EpochMeasurement(
      int runNumber,
      String framework,
      int index,
      String status,
      Instant start,
      Instant end,
      long batches,
      long samples,
      EpochMetrics metrics,
      List<DomainEnergy> energy,
      List<ValidationWindow> validations,
      List<BatchWindow> batchWindows,
      boolean shared,
      List<EnergySlice> hourSlices) {
    this.runNumber = runNumber;
    this.framework = framework;
    this.index = index;
    this.status = status;
    this.start = start;
    this.end = end;
    this.batches = batches;
    this.samples = samples;
    this.metrics = metrics;
    this.energy = energy;
    this.validations = List.copyOf(validations);
    this.batchWindows = List.copyOf(batchWindows);
    this.shared = shared;
    this.hourSlices = List.copyOf(hourSlices);
  }

  /** Mean training loss of the epoch (DL4J: mean of the minibatch scores; DJL: train_loss). */
  public Double trainLoss() {
    return metrics.trainLoss;
  }

  /** Loss of the epoch's last training batch, where the framework shows it (DL4J). */
  public Double lastBatchLoss() {
    return metrics.lastBatchLoss;
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
