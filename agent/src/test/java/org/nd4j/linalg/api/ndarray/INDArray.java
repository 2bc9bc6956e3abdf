package org.nd4j.linalg.api.ndarray;

/** Test double with ND4J's name: features or labels of a minibatch. */
public interface INDArray {}
