package ai.djl.training;

import ai.djl.Model;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.Dataset;
import ai.djl.training.listener.TrainingListener;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Test double with DJL's name, its private listener list, its single dispatch point, and close()
 * firing onTrainingEnd.
 */
public class Trainer implements AutoCloseable {
  private List<TrainingListener> listeners;
  public final List<String> userCallbacks = new ArrayList<>();

  public Trainer(Model model, TrainingConfig config) {
    listeners = new ArrayList<>(config.getTrainingListeners());
  }

  public final void notifyListeners(Consumer<TrainingListener> callback) {
    for (TrainingListener l : listeners) {
      callback.accept(l);
    }
  }

  public List<TrainingListener> listenersForTest() {
    return listeners;
  }

  public void step() {}

  /** DJL's training result; the double's evaluations are empty. */
  public TrainingResult getTrainingResult() {
    return new TrainingResult();
  }

  /** One pass over a dataset, as its batches. */
  public Iterable<Batch> iterateDataset(Dataset dataset) {
    List<Batch> batches = new ArrayList<>();
    for (int i = 0; i < dataset.batches(); i++) {
      batches.add(new Batch());
    }
    return batches;
  }

  @Override
  public void close() {
    notifyListeners(listener -> listener.onTrainingEnd(this));
  }
}
