package dev.jouletrace.agent.internal.lifecycle;

/**
 * Reads a framework's own progress figures from a model object at epoch boundaries (reflectively:
 * the agent has no compile-time dependency on any framework). Implementations never throw.
 */
public interface ProgressReader {

  /** Batches the framework says it has trained so far, or -1 if it does not count them. */
  long batchesSoFar(Object model);

  /** Loss and accuracy of the epoch that just ended, as far as the framework exposes them. */
  EpochMetrics metrics(Object model);

  /** For frameworks that expose nothing. */
  ProgressReader NONE =
      new ProgressReader() {
        @Override
        public long batchesSoFar(Object model) {
          return -1;
        }

        @Override
        public EpochMetrics metrics(Object model) {
          return EpochMetrics.NONE;
        }
      };
}
