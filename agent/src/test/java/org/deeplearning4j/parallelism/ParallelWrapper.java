package org.deeplearning4j.parallelism;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.parallelism.trainer.DefaultTrainer;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;

/** Test double with DL4J's name: one pass over the iterator, minibatches spread over workers. */
public class ParallelWrapper {
  protected Model model;
  private final int workers;

  public ParallelWrapper(Model model, int workers) {
    this.model = model;
    this.workers = workers;
  }

  public synchronized void fit(DataSetIterator source) {
    List<Thread> threads = new ArrayList<>();
    for (int w = 0; w < workers; w++) {
      DefaultTrainer trainer = new DefaultTrainer(model);
      int share = source.batches() / workers + (w < source.batches() % workers ? 1 : 0);
      Thread t =
          new Thread(
              () -> {
                for (int i = 0; i < share; i++) {
                  trainer.train(new DataSet() {});
                }
              },
              "ParallelWrapper training thread " + w);
      threads.add(t);
      t.start();
    }
    for (Thread t : threads) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  public synchronized void fit(MultiDataSetIterator source) {}
}
