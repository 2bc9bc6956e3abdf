package dev.jouletrace.agent.internal.lifecycle;

import dev.jouletrace.accounting.ExecutorTask;

/**
 * A task as an executor sees it when its training begins: where it runs, which task it is, what its
 * driver published to it, and the driver's channel for its figures (opaque; only the {@link
 * ClusterLink} that made it uses it).
 */
public final class ClusterTask {
  final String executorId;
  final String host;
  final ExecutorTask.TaskIdentity identity;
  final ExecutorTask.DriverEpoch driver;
  final Object channel;

  /**
   * @param host the host the cluster knows the executor by, or null
   * @param driver what the driver published, {@link ExecutorTask.DriverEpoch#UNKNOWN} when nothing
   * @param channel how the figures go back, or null when the driver offered no way
   */
  public ClusterTask(
      String executorId,
      String host,
      ExecutorTask.TaskIdentity identity,
      ExecutorTask.DriverEpoch driver,
      Object channel) {
    this.executorId = executorId;
    this.host = host;
    this.identity = identity;
    this.driver = driver;
    this.channel = channel;
  }

  public Object channel() {
    return channel;
  }
}
