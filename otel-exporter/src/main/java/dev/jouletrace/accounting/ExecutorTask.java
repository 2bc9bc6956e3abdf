package dev.jouletrace.accounting;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One Spark task's training window in an executor JVM, as that JVM's agent measured it: the worker
 * function's call from entry to return ({@code docs/FRAMEWORKS.md §18}), with the driver's run and
 * epoch it belongs to and the span it is a child of, as the driver published them to the task.
 */
public final class ExecutorTask {
  private final String executorId;
  private final String host;
  private final TaskIdentity task;
  private final Instant start;
  private final Instant end;
  private final WindowStatus status;
  private final EnergyWindow energy;
  private final long batches;
  private final long samples;
  private final DriverEpoch driver;

  /** Which Spark task: stage, partition, attempt. */
  public static final class TaskIdentity {
    final int stageId;
    final int partitionId;
    final int attemptNumber;
    final long taskAttemptId;

    public TaskIdentity(int stageId, int partitionId, int attemptNumber, long taskAttemptId) {
      this.stageId = stageId;
      this.partitionId = partitionId;
      this.attemptNumber = attemptNumber;
      this.taskAttemptId = taskAttemptId;
    }

    public int stageId() {
      return stageId;
    }

    public int partitionId() {
      return partitionId;
    }

    public int attemptNumber() {
      return attemptNumber;
    }

    public long taskAttemptId() {
      return taskAttemptId;
    }
  }

  /**
   * What the driver published to the task: its trace, its epoch's span, its run and epoch; null
   * fields when the driver published nothing (a driver without the agent).
   */
  public static final class DriverEpoch {
    public static final DriverEpoch UNKNOWN = new DriverEpoch(null, null, -1, -1);

    final String traceId;
    final String spanId;
    final int run;
    final int epoch;

    /**
     * @param traceId 32 lowercase hex digits, or null
     * @param spanId the driver epoch span's 16 lowercase hex digits, or null
     */
    public DriverEpoch(String traceId, String spanId, int run, int epoch) {
      this.traceId = traceId;
      this.spanId = spanId;
      this.run = run;
      this.epoch = epoch;
    }

    public String traceId() {
      return traceId;
    }

    public String spanId() {
      return spanId;
    }

    /** The driver's run number, or -1. */
    public int run() {
      return run;
    }

    /** The driver's epoch index, or -1. */
    public int epoch() {
      return epoch;
    }
  }

  public ExecutorTask(
      String executorId,
      String host,
      TaskIdentity task,
      Instant start,
      Instant end,
      WindowStatus status,
      EnergyWindow energy,
      long batches,
      long samples,
      DriverEpoch driver) {
    this.executorId = Objects.requireNonNull(executorId);
    this.host = host;
    this.task = Objects.requireNonNull(task);
    this.start = Objects.requireNonNull(start);
    this.end = Objects.requireNonNull(end);
    this.status = Objects.requireNonNull(status);
    this.energy = Objects.requireNonNull(energy);
    this.batches = batches;
    this.samples = samples;
    this.driver = Objects.requireNonNull(driver);
  }

  public String executorId() {
    return executorId;
  }

  /** Null when unknown. */
  public String host() {
    return host;
  }

  public TaskIdentity task() {
    return task;
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

  public WindowStatus status() {
    return status;
  }

  /** The executor JVM's energy charged to this task's window, by domain. */
  public EnergyWindow energy() {
    return energy;
  }

  /** Σ of {@link #energy()}'s charged energy: the figure the driver's report receives. */
  public double energyJoules() {
    return energy.processTotal();
  }

  public long batches() {
    return batches;
  }

  /** Rows in the task's minibatches, or -1 where unseen. */
  public long samples() {
    return samples;
  }

  public DriverEpoch driver() {
    return driver;
  }
}
