package dev.jouletrace.accounting;

import dev.jouletrace.probe.EnergyMethod;
import java.util.Comparator;
import java.util.Objects;

/**
 * The energy one Spark executor JVM spent on a distributed epoch or run: the sum of its task
 * windows, as its own agent measured them ({@code docs/FRAMEWORKS.md §18}). The driver's own share
 * is listed under the executor id {@value #DRIVER}, as Spark names it.
 */
public final class ExecutorEnergy {
  /** Spark's executor id for the driver (and for tasks that run inside it in local mode). */
  public static final String DRIVER = "driver";

  /**
   * The order executors are listed in: the driver, then Spark's numeric ids by value, then the
   * rest.
   */
  public static final Comparator<ExecutorEnergy> ORDER =
      Comparator.comparingInt((ExecutorEnergy e) -> rank(e.executorId))
          .thenComparingLong(e -> number(e.executorId))
          .thenComparing(e -> e.executorId);

  private final String executorId;
  private final String host;
  private final double joules;
  private final EnergyMethod method;
  private final long tasks;
  private final long batches;

  /**
   * @param host the host Spark knows the executor by, or null when unknown
   * @param tasks task windows summed (0 for the driver's own share)
   * @param batches training minibatches in those windows
   */
  public ExecutorEnergy(
      String executorId,
      String host,
      double joules,
      EnergyMethod method,
      long tasks,
      long batches) {
    this.executorId = Objects.requireNonNull(executorId);
    this.host = host;
    this.joules = joules;
    this.method = Objects.requireNonNull(method);
    this.tasks = tasks;
    this.batches = batches;
  }

  public String executorId() {
    return executorId;
  }

  /** Null when unknown. */
  public String host() {
    return host;
  }

  public double joules() {
    return joules;
  }

  public EnergyMethod method() {
    return method;
  }

  public long tasks() {
    return tasks;
  }

  public long batches() {
    return batches;
  }

  private static int rank(String id) {
    return id.equals(DRIVER) ? 0 : number(id) >= 0 ? 1 : 2;
  }

  private static long number(String id) {
    if (id.isEmpty() || id.length() > 18) {
      return -1;
    }
    for (int i = 0; i < id.length(); i++) {
      if (!Character.isDigit(id.charAt(i))) {
        return -1;
      }
    }
    return Long.parseLong(id);
  }

  /** This executor's figures plus another share of the same executor. */
  public ExecutorEnergy plus(ExecutorEnergy other) {
    return new ExecutorEnergy(
        executorId,
        host != null ? host : other.host,
        joules + other.joules,
        EnergyMethod.weakest(method, other.method),
        tasks + other.tasks,
        batches + other.batches);
  }
}
