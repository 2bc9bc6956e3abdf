package org.nd4j.linalg.dataset.api.iterator;

/** Test double with DL4J's name: a number of minibatches. */
public interface DataSetIterator {
  int batches();
}
