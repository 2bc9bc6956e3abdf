package org.nd4j.linalg.dataset.api.iterator;

/** Test double with DL4J's name. */
public interface MultiDataSetIterator {
  int batches();
}
