package dev.jouletrace.accounting;

import java.time.Instant;
import java.util.Objects;

/** A run as it began: which run of the JVM, the framework, when, and what it was asked to do. */
public final class RunStart {
  private final int number;
  private final String framework;
  private final Instant start;
  private final int plannedEpochs;
  private final boolean implicit;
  private final boolean attachedLate;
  private final SpanIds ids;

  /**
   * @param number runs of this JVM, from 1
   * @param plannedEpochs epochs the run was asked for, or -1 when unknown
   * @param implicit no run-level call was seen: the run was opened at its first epoch
   * @param attachedLate picked up by a late attach, in the middle of the training
   */
  public RunStart(
      int number,
      String framework,
      Instant start,
      int plannedEpochs,
      boolean implicit,
      boolean attachedLate) {
    this(number, framework, start, plannedEpochs, implicit, attachedLate, SpanIds.NONE);
  }

  /**
   * As above, with the run span's trace and span id chosen when the run opened ({@link
   * SpanIds#NONE}: the SDK picks them).
   */
  public RunStart(
      int number,
      String framework,
      Instant start,
      int plannedEpochs,
      boolean implicit,
      boolean attachedLate,
      SpanIds ids) {
    this.ids = Objects.requireNonNull(ids);
    this.number = number;
    this.framework = Objects.requireNonNull(framework);
    this.start = Objects.requireNonNull(start);
    this.plannedEpochs = plannedEpochs;
    this.implicit = implicit;
    this.attachedLate = attachedLate;
  }

  public int number() {
    return number;
  }

  /** {@code djl}, {@code dl4j}, or the configured targets' name. */
  public String framework() {
    return framework;
  }

  public Instant start() {
    return start;
  }

  /** Epochs asked for, or -1 when the run did not say. */
  public int plannedEpochs() {
    return plannedEpochs;
  }

  public boolean implicit() {
    return implicit;
  }

  public boolean attachedLate() {
    return attachedLate;
  }

  /** The run span's trace and span id, chosen when the run opened, or {@link SpanIds#NONE}. */
  public SpanIds ids() {
    return ids;
  }
}
