package ai.djl.training.dataset;

/** Test double with DJL's name: a batch of 8 rows. */
public final class Batch {
  public int getSize() {
    return 8;
  }
}
