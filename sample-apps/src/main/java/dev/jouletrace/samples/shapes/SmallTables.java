package dev.jouletrace.samples.shapes;

import java.util.Random;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Small synthetic tables in the shapes of DL4J's quickstart examples, generated here (no download,
 * no bundled file): the four rows of XOR and an Iris-like set of three Gaussian clusters.
 */
final class SmallTables {
  static final int XOR_FEATURES = 2;
  static final int XOR_CLASSES = 2;
  static final int IRIS_FEATURES = 4;
  static final int IRIS_CLASSES = 3;

  /** Training rows of the Iris-like set: 65 % of 150, as the quickstart example splits it. */
  static final int IRIS_TRAINING_ROWS = 97;

  private SmallTables() {}

  /** The four XOR rows, labels one-hot (class 1 where exactly one input is set). */
  static DataSet xor() {
    float[][] features = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
    float[][] labels = {{1, 0}, {0, 1}, {0, 1}, {1, 0}};
    return new DataSet(Nd4j.create(features), Nd4j.create(labels));
  }

  /**
   * {@code rows} rows of four features around three class centres (class {@code i % 3} for row
   * {@code i}), labels one-hot.
   */
  static DataSet irisLike(int rows, long seed) {
    double[][] centres = {{5.0, 3.4, 1.5, 0.2}, {5.9, 2.8, 4.3, 1.3}, {6.6, 3.0, 5.6, 2.0}};
    Random random = new Random(seed);
    float[][] features = new float[rows][IRIS_FEATURES];
    float[][] labels = new float[rows][IRIS_CLASSES];
    for (int i = 0; i < rows; i++) {
      int label = i % IRIS_CLASSES;
      for (int j = 0; j < IRIS_FEATURES; j++) {
        features[i][j] = (float) (centres[label][j] + 0.3 * random.nextGaussian());
      }
      labels[i][label] = 1f;
    }
    return new DataSet(Nd4j.create(features), Nd4j.create(labels));
  }
}
