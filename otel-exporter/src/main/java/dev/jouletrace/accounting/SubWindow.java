package dev.jouletrace.accounting;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A measured stretch inside an epoch: a validation pass or one training batch (when batch spans are
 * on), with its own energy. The epoch's energy includes it.
 */
public final class SubWindow {
  /** What the stretch was. */
  public enum Kind {
    VALIDATION,
    BATCH
  }

  private final Kind kind;
  private final long index;
  private final Instant start;
  private final Instant end;
  private final long batches;
  private final WindowStatus status;
  private final double loss;
  private final EnergyWindow energy;

  private SubWindow(
      Kind kind,
      long index,
      Instant start,
      Instant end,
      long batches,
      WindowStatus status,
      double loss,
      EnergyWindow energy) {
    this.kind = kind;
    this.index = index;
    this.start = Objects.requireNonNull(start);
    this.end = Objects.requireNonNull(end);
    this.batches = batches;
    this.status = Objects.requireNonNull(status);
    this.loss = loss;
    this.energy = Objects.requireNonNull(energy);
  }

  /** A validation pass of {@code batches} batches (0 when the framework does not show them). */
  public static SubWindow validation(
      Instant start, Instant end, long batches, WindowStatus status, EnergyWindow energy) {
    return new SubWindow(Kind.VALIDATION, -1, start, end, batches, status, Double.NaN, energy);
  }

  /** Training batch number {@code index} of its epoch; {@code loss} NaN when not shown. */
  public static SubWindow batch(
      long index, Instant start, Instant end, double loss, EnergyWindow energy) {
    return new SubWindow(Kind.BATCH, index, start, end, 1, WindowStatus.COMPLETED, loss, energy);
  }

  public Kind kind() {
    return kind;
  }

  /** The batch's index within its epoch; -1 for a validation pass. */
  public long index() {
    return index;
  }

  public Instant start() {
    return start;
  }

  public Instant end() {
    return end;
  }

  public double durationSeconds() {
    return Duration.between(start, end).toNanos() / 1e9;
  }

  public long batches() {
    return batches;
  }

  public WindowStatus status() {
    return status;
  }

  /** The batch's loss where the framework shows it; NaN otherwise and for validation passes. */
  public double loss() {
    return loss;
  }

  public EnergyWindow energy() {
    return energy;
  }

  /** This JVM's energy over the window. */
  public double energyJoules() {
    return energy.processTotal();
  }
}
