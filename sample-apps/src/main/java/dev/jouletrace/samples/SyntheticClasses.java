package dev.jouletrace.samples;

import java.util.Random;

/**
 * A reproducible two-class problem: Gaussian features, labelled by the sign of a fixed random
 * projection.
 *
 * <p>Linearly separable, so a small MLP visibly learns it within a few epochs.
 */
public final class SyntheticClasses {

  public static final int FEATURES = 20;
  public static final int CLASSES = 2;

  private final float[][] features;
  private final int[] labels;

  private SyntheticClasses(float[][] features, int[] labels) {
    this.features = features;
    this.labels = labels;
  }

  /** Training rows: the same {@code seed} gives the same rule and the same rows. */
  public static SyntheticClasses training(int rows, long seed) {
    return generate(rows, seed, 0);
  }

  /** Held-out rows labelled by the same rule as {@link #training}, drawn independently of them. */
  public static SyntheticClasses validation(int rows, long seed) {
    return generate(rows, seed, 1);
  }

  private static SyntheticClasses generate(int rows, long seed, int stream) {
    Random ruleRandom = new Random(seed);
    float[] projection = new float[FEATURES];
    for (int j = 0; j < FEATURES; j++) {
      projection[j] = (float) ruleRandom.nextGaussian();
    }
    Random random = new Random(seed * 31 + stream + 1);
    float[][] features = new float[rows][FEATURES];
    int[] labels = new int[rows];
    for (int i = 0; i < rows; i++) {
      double dot = 0;
      for (int j = 0; j < FEATURES; j++) {
        features[i][j] = (float) random.nextGaussian();
        dot += features[i][j] * projection[j];
      }
      labels[i] = dot > 0 ? 1 : 0;
    }
    return new SyntheticClasses(features, labels);
  }

  public int rows() {
    return labels.length;
  }

  /** Row-major features, {@code rows() x FEATURES}. */
  public float[] flatFeatures() {
    float[] flat = new float[rows() * FEATURES];
    for (int i = 0; i < rows(); i++) {
      System.arraycopy(features[i], 0, flat, i * FEATURES, FEATURES);
    }
    return flat;
  }

  public float[][] features() {
    return features;
  }

  /** Class index per row, as floats (DJL's sparse labels). */
  public float[] labelIndices() {
    float[] out = new float[rows()];
    for (int i = 0; i < rows(); i++) {
      out[i] = labels[i];
    }
    return out;
  }

  /** One-hot labels, {@code rows() x CLASSES} (DL4J's labels). */
  public float[][] oneHotLabels() {
    float[][] out = new float[rows()][CLASSES];
    for (int i = 0; i < rows(); i++) {
      out[i][labels[i]] = 1f;
    }
    return out;
  }
}
