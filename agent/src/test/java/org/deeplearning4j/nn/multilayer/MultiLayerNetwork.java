package org.deeplearning4j.nn.multilayer;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.Solver;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;

/**
 * Test double with DL4J's name and the same call shape: fit(iterator, n) loops fit(iterator);
 * fit(MultiDataSetIterator) delegates to fit(DataSetIterator), which runs one Solver step per
 * minibatch and then increments the epoch count; fit(DataSet) is one Solver step.
 */
public class MultiLayerNetwork implements Model {
  private final Solver solver = new Solver(this);
  private int iterations;
  private int epochCount;
  public RuntimeException failAtEpoch;
  public int epochToFail = -1;
  private int epochs;

  /** Scores of successive minibatches, cycled; 0.25 when empty. */
  public double[] scores = {};

  private double score = 0.25;

  public void fit(DataSetIterator iterator, int numEpochs) {
    for (int i = 0; i < numEpochs; i++) {
      fit(iterator);
    }
  }

  public void fit(MultiDataSetIterator iterator, int numEpochs) {
    for (int i = 0; i < numEpochs; i++) {
      fit(iterator);
    }
  }

  public void fit(DataSetIterator iterator) {
    if (epochs++ == epochToFail) {
      throw failAtEpoch;
    }
    for (int i = 0; i < iterator.batches(); i++) {
      solver.optimize(new LayerWorkspaceMgr());
    }
    incrementEpochCount();
  }

  public void fit(MultiDataSetIterator iterator) {
    fit((DataSetIterator) iterator::batches);
  }

  /** One minibatch, no epoch callbacks. */
  public void fit(DataSet minibatch) {
    solver.optimize(new LayerWorkspaceMgr());
  }

  /** One minibatch given as arrays; DL4J's nests like this too, fit(DataSet) does not. */
  public void fit(INDArray features, INDArray labels) {
    fit(new DataSet() {});
  }

  @Override
  public void computeGradientAndScore() {
    score = scores.length == 0 ? 0.25 : scores[iterations % scores.length];
    iterations++;
  }

  public void incrementEpochCount() {
    epochCount++;
  }

  public int getEpochCount() {
    return epochCount;
  }

  public int getIterationCount() {
    return iterations;
  }

  @Override
  public int batchSize() {
    return 32;
  }

  @Override
  public double score() {
    return score;
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
