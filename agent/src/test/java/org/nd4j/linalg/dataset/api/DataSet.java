package org.nd4j.linalg.dataset.api;

/** Test double with ND4J's name: one minibatch. */
public interface DataSet {
  /** Rows of the minibatch; the double's minibatches have 32. */
  default int numExamples() {
    return 32;
  }
}
