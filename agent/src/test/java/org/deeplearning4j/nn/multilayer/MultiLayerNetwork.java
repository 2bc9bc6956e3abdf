package org.deeplearning4j.nn.multilayer;

import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;

/**
 * Test double with DL4J's name and the same call shape: fit(iterator, n) loops fit(iterator);
 * fit(MultiDataSetIterator) delegates to fit(DataSetIterator).
 */
public class MultiLayerNetwork {
  private int iterations;
  public RuntimeException failAtEpoch;
  public int epochToFail = -1;
  private int epochs;

  public void fit(DataSetIterator iterator, int numEpochs) {
    for (int i = 0; i < numEpochs; i++) {
      fit(iterator);
    }
  }

  public void fit(DataSetIterator iterator) {
    if (epochs++ == epochToFail) {
      throw failAtEpoch;
    }
    iterations += iterator.batches();
  }

  public void fit(MultiDataSetIterator iterator) {
    fit((DataSetIterator) iterator::batches);
  }

  public int getIterationCount() {
    return iterations;
  }

  public double score() {
    return 0.25;
  }

  /** DL4J networks compare by parameters; two networks must still never share state. */
  @Override
  public boolean equals(Object o) {
    return o instanceof MultiLayerNetwork;
  }

  @Override
  public int hashCode() {
    return 1;
  }
}
