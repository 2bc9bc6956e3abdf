package dev.jouletrace.agent.internal.lifecycle;

import java.util.List;

/**
 * How a distributed training's driver and its executors reach each other through the cluster's own
 * channels (Spark: local properties down to the tasks, an accumulator back up; {@code
 * docs/FRAMEWORKS.md §18}): no connection of the agent's own. Implemented by the instrumentation
 * that knows the cluster framework, reflectively; the lifecycle knows none. Implementations never
 * throw.
 */
public interface ClusterLink {

  /** What a driver's open epoch is: published to the tasks of the jobs it starts. */
  final class EpochIds {
    public final String traceId;
    public final String spanId;
    public final int run;
    public final int epoch;

    EpochIds(String traceId, String spanId, int run, int epoch) {
      this.traceId = traceId;
      this.spanId = spanId;
      this.run = run;
      this.epoch = epoch;
    }
  }

  /**
   * Driver, on the thread that starts the epoch's jobs: every task of those jobs is told {@code
   * ids}, and gets a way to send its figures back.
   *
   * @param cluster the driver's handle on the cluster (Spark: the {@code JavaSparkContext})
   */
  void epochOpened(Object cluster, EpochIds ids);

  /** Driver: the epoch ended; jobs this thread starts from now on belong to no epoch. */
  void epochClosed(Object cluster);

  /**
   * Executor, on the task's thread as its training begins: what the driver published to the task,
   * and where the task runs; null when the thread runs no task.
   *
   * @param worker the framework's worker function (its class loader sees the cluster's classes)
   */
  ClusterTask taskOpened(Object worker);

  /**
   * Executor, on the task's thread before the task ends: {@code figures} ({@link ExecutorFigures})
   * go back to the driver with the task's result.
   */
  void taskClosed(ClusterTask task, String figures);

  /**
   * Driver, on the export thread: the figures executors sent back since the last call, in any order
   * ({@link ExecutorFigures}).
   */
  List<String> received();

  /** The host the cluster knows this driver by, or null. */
  String driverHost();

  /** No cluster framework: nothing published, nothing received. */
  ClusterLink NONE =
      new ClusterLink() {
        @Override
        public void epochOpened(Object cluster, EpochIds ids) {}

        @Override
        public void epochClosed(Object cluster) {}

        @Override
        public ClusterTask taskOpened(Object worker) {
          return null;
        }

        @Override
        public void taskClosed(ClusterTask task, String figures) {}

        @Override
        public List<String> received() {
          return List.of();
        }

        @Override
        public String driverHost() {
          return null;
        }
      };
}
