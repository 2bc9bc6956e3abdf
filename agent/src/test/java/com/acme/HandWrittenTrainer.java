package com.acme;

/** A hand-written training loop with no framework, as a user would configure it. */
public class HandWrittenTrainer {
  public int steps;

  public void trainAll(int epochs, int batches) {
    for (int e = 0; e < epochs; e++) {
      oneEpoch(batches);
    }
  }

  public void oneEpoch(int batches) {
    for (int i = 0; i < batches; i++) {
      step();
    }
    validate();
  }

  public void step() {
    steps++;
  }

  public void validate() {}

  /** A static loop over a model object passed in. */
  public static void trainStatic(StringBuilder model, int epochs) {
    for (int e = 0; e < epochs; e++) {
      epochStatic(model);
    }
  }

  public static void epochStatic(StringBuilder model) {
    model.append('e');
  }

  /** A static loop without any object: the class is the model. */
  public static void trainNoModel(int epochs) {
    for (int e = 0; e < epochs; e++) {
      epochNoModel(e);
    }
  }

  public static void epochNoModel(int epoch) {}
}
