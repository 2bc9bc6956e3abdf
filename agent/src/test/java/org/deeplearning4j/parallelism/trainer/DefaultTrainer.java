package org.deeplearning4j.parallelism.trainer;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/** Test double with DL4J's name: a worker training a replica of the wrapped network. */
public class DefaultTrainer {
  protected Model originalModel;
  protected Model replicatedModel;

  public DefaultTrainer(Model originalModel) {
    this.originalModel = originalModel;
    this.replicatedModel = new MultiLayerNetwork();
  }

  protected void fit(DataSet dataSet) {
    ((MultiLayerNetwork) replicatedModel).fit(dataSet);
  }

  protected void fit(MultiDataSet dataSet) {}

  /** What the worker thread runs for one fed minibatch. */
  public void train(DataSet dataSet) {
    fit(dataSet);
  }
}
