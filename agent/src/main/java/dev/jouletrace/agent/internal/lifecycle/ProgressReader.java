package dev.jouletrace.agent.internal.lifecycle;

import dev.jouletrace.accounting.TrainingMetrics;

/**
 * Reads a framework's own progress figures from a model object (reflectively: the agent has no
 * compile-time dependency on any framework). Implementations never throw.
 */
public interface ProgressReader {

  /** Batches the framework says it has trained so far, or -1 if it does not count them. */
  long batchesSoFar(Object model);

  /** Loss and accuracy of the epoch that just ended, as far as the framework exposes them. */
  TrainingMetrics metrics(Object model);

  /** Loss of the batch that just finished, or NaN. Called once per batch: must not allocate. */
  default double batchLoss(Object model) {
    return Double.NaN;
  }

  /**
   * Rows (samples) in the batch that just finished, or -1. Called once per batch: must not
   * allocate.
   *
   * @param batch the framework's batch object where the advice has it, else null
   */
  default int batchSamples(Object model, Object batch) {
    return -1;
  }

  /**
   * Rows of a minibatch data object (a DL4J DataSet handed to a worker), or -1. Called once per
   * batch: must not allocate.
   */
  default int dataRows(Object data) {
    return -1;
  }

  /**
   * Whether a listener's per-iteration callback counts the iteration (a framework that tells each
   * iteration to every listener is counted through one of them).
   */
  default boolean countsIterations(Object listener) {
    return true;
  }

  /** What the framework's own summary of an epoch says (SameDiff's loss curve). */
  default TrainingMetrics summaryMetrics(Object summary) {
    return TrainingMetrics.NONE;
  }

  /** The epochs the owner of a run (an early-stopping trainer) is set up for, or -1. */
  default int plannedEpochs(Object runOwner) {
    return -1;
  }

  /** Whether a score calculator's score is a loss (lower is better). */
  default boolean minimizes(Object calculator) {
    return true;
  }

  /**
   * How a run ended, read from what its run-level call returned; null when the result says nothing
   * (the status then follows from how the call ended).
   */
  default RunOutcome outcome(Object result) {
    return null;
  }

  /** For frameworks that expose nothing. */
  ProgressReader NONE =
      new ProgressReader() {
        @Override
        public long batchesSoFar(Object model) {
          return -1;
        }

        @Override
        public TrainingMetrics metrics(Object model) {
          return TrainingMetrics.NONE;
        }
      };
}
