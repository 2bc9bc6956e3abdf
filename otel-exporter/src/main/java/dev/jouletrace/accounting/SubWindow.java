package dev.jouletrace.accounting;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A measured stretch inside an epoch: a validation pass or one training batch (when batch spans are
 * on), with its own energy by domain.
 */
public final class SubWindow {
  private final long index;
  private final Instant start;
  private final Instant end;
  private final long batches;
  private final String status;
  private final Double loss;
  private final List<DomainEnergy> domains;

  private SubWindow(
      long index,
      Instant start,
      Instant end,
      long batches,
      String status,
      Double loss,
      List<DomainEnergy> domains) {
    this.index = index;
    this.start = Objects.requireNonNull(start);
    this.end = Objects.requireNonNull(end);
    this.batches = batches;
    this.status = Objects.requireNonNull(status);
    this.loss = loss;
    this.domains = List.copyOf(domains);
  }

  /** A validation pass of {@code batches} batches. */
  public static SubWindow validation(
      Instant start, Instant end, long batches, String status, List<DomainEnergy> domains) {
    return new SubWindow(-1, start, end, batches, status, null, domains);
  }

  /** Training batch number {@code index} of its epoch; {@code loss} may be null. */
  public static SubWindow batch(
      long index, Instant start, Instant end, Double loss, List<DomainEnergy> domains) {
    return new SubWindow(index, start, end, 1, "completed", loss, domains);
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

  public String status() {
    return status;
  }

  public Double loss() {
    return loss;
  }

  public List<DomainEnergy> domains() {
    return domains;
  }

  /** This JVM's energy over the window. */
  public double energyJoules() {
    return DomainEnergy.processTotal(domains);
  }

  public String energyMethod() {
    return EnergyMethods.combined(domains);
  }
}
