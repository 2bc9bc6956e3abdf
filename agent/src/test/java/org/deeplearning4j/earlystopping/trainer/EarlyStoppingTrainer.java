package org.deeplearning4j.earlystopping.trainer;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.api.DataSet;

/** Test double with DL4J's name. */
public class EarlyStoppingTrainer extends BaseEarlyStoppingTrainer<MultiLayerNetwork> {
  public EarlyStoppingTrainer(
      MultiLayerNetwork net, int batches, int maxEpochs, double... validationScores) {
    super(net, batches, maxEpochs, validationScores);
  }

  @Override
  protected void fit(DataSet ds) {
    model.fit(ds);
  }
}
