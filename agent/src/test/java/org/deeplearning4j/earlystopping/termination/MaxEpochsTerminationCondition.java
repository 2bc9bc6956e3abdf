package org.deeplearning4j.earlystopping.termination;

/** Test double with DL4J's name and rule: stop once {@code maxEpochs} epochs have run. */
public class MaxEpochsTerminationCondition implements EpochTerminationCondition {
  private final int maxEpochs;

  public MaxEpochsTerminationCondition(int maxEpochs) {
    this.maxEpochs = maxEpochs;
  }

  public int getMaxEpochs() {
    return maxEpochs;
  }

  @Override
  public boolean terminate(int epochNum, double score, boolean minimize) {
    return epochNum + 1 >= maxEpochs;
  }

  @Override
  public String toString() {
    return "MaxEpochsTerminationCondition(" + maxEpochs + ")";
  }
}
