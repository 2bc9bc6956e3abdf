package org.deeplearning4j.earlystopping.scorecalc;

import org.deeplearning4j.nn.api.Model;

/** Test double with DL4J's name: scores a network on held-out data after an epoch. */
public interface ScoreCalculator<T extends Model> {
  double calculateScore(T network);

  boolean minimizeScore();
}
