package org.deeplearning4j.earlystopping.trainer;

import org.deeplearning4j.earlystopping.EarlyStoppingConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/** Test double with DL4J's name and constructor. */
public class EarlyStoppingTrainer extends BaseEarlyStoppingTrainer<MultiLayerNetwork> {
  public EarlyStoppingTrainer(
      EarlyStoppingConfiguration<MultiLayerNetwork> esConfig,
      MultiLayerNetwork net,
      DataSetIterator train) {
    super(esConfig, net, train);
  }

  @Override
  protected void fit(DataSet ds) {
    model.fit(ds);
  }
}
