package ai.djl.training;

import ai.djl.Model;
import ai.djl.training.listener.TrainingListener;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Test double with DJL's name, its private listener list and its single dispatch point. */
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

  @Override
  public void close() {}
}
