package org.deeplearning4j.earlystopping.termination;

/** Test double with DL4J's name: asked after each scored epoch whether to stop. */
public interface EpochTerminationCondition {
  boolean terminate(int epochNum, double score, boolean minimize);
}
