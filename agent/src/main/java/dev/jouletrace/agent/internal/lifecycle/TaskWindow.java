package dev.jouletrace.agent.internal.lifecycle;

/**
 * An executor's task window, open on the task's thread: its share of the JVM's energy (split by
 * thread CPU time with tasks running beside it, as epochs are) and the minibatches the networks
 * made inside it train. Touched by the task's thread only.
 */
final class TaskWindow {
  final ClusterTask task;
  final SharedEnergy.Share share;
  long batches;
  long samples = -1;

  TaskWindow(ClusterTask task, SharedEnergy.Share share) {
    this.task = task;
    this.share = share;
  }

  void batch() {
    batches++;
  }

  void rows(int rows) {
    samples = samples < 0 ? rows : samples + rows;
  }
}
