package org.deeplearning4j.nn.graph;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.Solver;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;

/**
 * Test double with DL4J's name and call shape: fit(iterator, n) loops the one-epoch fit, which runs
 * one Solver step per minibatch and increments the epoch count; fit(DataSet) and fit(MultiDataSet)
 * nest into fit(INDArray[], INDArray[]), one Solver step.
 */
public class ComputationGraph implements Model {
  private final Solver solver = new Solver(this);
  private int iterations;
  private int epochCount;

  public void fit(DataSetIterator iterator, int numEpochs) {
    for (int i = 0; i < numEpochs; i++) {
      fit((MultiDataSetIterator) iterator::batches);
    }
  }

  public void fit(MultiDataSetIterator iterator, int numEpochs) {
    for (int i = 0; i < numEpochs; i++) {
      fit(iterator);
    }
  }

  public void fit(MultiDataSetIterator iterator) {
    for (int i = 0; i < iterator.batches(); i++) {
      solver.optimize(new LayerWorkspaceMgr());
    }
    incrementEpochCount();
  }

  public void fit(DataSet minibatch) {
    fit(new INDArray[] {new INDArray() {}}, new INDArray[] {new INDArray() {}});
  }

  public void fit(MultiDataSet minibatch) {
    fit(new INDArray[] {new INDArray() {}}, new INDArray[] {new INDArray() {}});
  }

  public void fit(INDArray[] inputs, INDArray[] labels) {
    solver.optimize(new LayerWorkspaceMgr());
  }

  @Override
  public void computeGradientAndScore() {
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
    return 16;
  }

  @Override
  public double score() {
    return 0.5;
  }
}
