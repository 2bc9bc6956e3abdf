package org.nd4j.linalg.dataset.api;

/** Test double with ND4J's name: one minibatch of several inputs. */
public interface MultiDataSet {}
