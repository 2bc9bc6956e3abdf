package ai.djl.training.dataset;

/** Test double with DJL's name: a number of batches. */
public interface Dataset {
  int batches();
}
