package dev.jouletrace.samples.shapes;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.optimize.api.BaseTrainingListener;

/**
 * A DL4J training listener that tallies what DL4J itself announces: every {@code iterationDone}
 * (one per minibatch) with the minibatch's rows ({@code Model.batchSize()}), and the {@code
 * onEpochStart}/{@code onEpochEnd} callbacks with the minibatches and rows between them.
 *
 * <p>Synchronized: ParallelWrapper workers call it from their own threads.
 */
final class Dl4jTally extends BaseTrainingListener {
  private long iterations;
  private long rows;
  private int epochStarts;
  private int epochEnds;
  private long batchesSinceStart;
  private long rowsSinceStart;
  private final List<Long> batchesPerEndedEpoch = new ArrayList<>();
  private final List<Long> rowsPerEndedEpoch = new ArrayList<>();
  private final Set<String> threads = new LinkedHashSet<>();
  private final Set<Integer> models = new LinkedHashSet<>();
  private final List<Model> modelObjects = new ArrayList<>();

  @Override
  public synchronized void iterationDone(Model model, int iteration, int epoch) {
    int batchRows = model.batchSize();
    iterations++;
    rows += batchRows;
    batchesSinceStart++;
    rowsSinceStart += batchRows;
    threads.add(Thread.currentThread().getName());
    if (models.add(System.identityHashCode(model))) {
      modelObjects.add(model);
    }
  }

  @Override
  public synchronized void onEpochStart(Model model) {
    epochStarts++;
    batchesSinceStart = 0;
    rowsSinceStart = 0;
  }

  @Override
  public synchronized void onEpochEnd(Model model) {
    epochEnds++;
    batchesPerEndedEpoch.add(batchesSinceStart);
    rowsPerEndedEpoch.add(rowsSinceStart);
  }

  synchronized long iterations() {
    return iterations;
  }

  synchronized long rows() {
    return rows;
  }

  synchronized int epochStarts() {
    return epochStarts;
  }

  synchronized int epochEnds() {
    return epochEnds;
  }

  /** Minibatches since the last {@code onEpochStart} (all of them when there was none). */
  synchronized long batchesSinceEpochStart() {
    return batchesSinceStart;
  }

  synchronized long rowsSinceEpochStart() {
    return rowsSinceStart;
  }

  synchronized List<Long> batchesPerEndedEpoch() {
    return List.copyOf(batchesPerEndedEpoch);
  }

  synchronized List<Long> rowsPerEndedEpoch() {
    return List.copyOf(rowsPerEndedEpoch);
  }

  synchronized List<String> threads() {
    return List.copyOf(threads);
  }

  /** Distinct model objects that trained minibatches, in the order first seen. */
  synchronized List<Model> models() {
    return List.copyOf(modelObjects);
  }

  /** Adds this tally's figures to {@code report} under {@code listener_*} keys. */
  synchronized FrameworkReport addTo(FrameworkReport report) {
    return report
        .put("listener_iterations", iterations)
        .put("listener_rows", rows)
        .put("listener_epoch_starts", epochStarts)
        .put("listener_epoch_ends", epochEnds)
        .put("listener_batches_per_ended_epoch", List.copyOf(batchesPerEndedEpoch))
        .put("listener_rows_per_ended_epoch", List.copyOf(rowsPerEndedEpoch))
        .put("listener_threads", List.copyOf(threads))
        .put("listener_models", models.size());
  }
}
