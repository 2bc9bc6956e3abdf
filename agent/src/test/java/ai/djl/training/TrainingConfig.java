package ai.djl.training;

import ai.djl.training.listener.TrainingListener;
import java.util.List;

/** Test double with DJL's name. */
public interface TrainingConfig {
  List<TrainingListener> getTrainingListeners();
}
