package org.deeplearning4j.nn.api;

/** Test double with DL4J's name: what the Solver and the early-stopping trainer call. */
public interface Model {
  double score();

  /** Rows of the current minibatch. */
  int batchSize();

  /** One minibatch's forward and backward pass (the real one computes the gradient too). */
  void computeGradientAndScore();
}
