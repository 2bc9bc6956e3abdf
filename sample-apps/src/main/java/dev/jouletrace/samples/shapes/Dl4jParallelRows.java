package dev.jouletrace.samples.shapes;

import dev.jouletrace.samples.SyntheticClasses;
import dev.jouletrace.samples.dl4j.Dl4jMinibatches;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.parallelism.ParallelWrapper;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/**
 * A user loop of {@code ParallelWrapper.fit(iterator)} with 2 workers (mode {@code loop}): {@code
 * --passes} (3) passes over {@code --rows} (1000) synthetic rows in minibatches of {@code --batch}
 * (64), averaging after every round.
 *
 * <p>A training listener set on the network before the wrapper is built is handed by DL4J to every
 * worker's model, so it sees every minibatch DL4J trains, on whichever worker. The last line on
 * standard output is the {@link FrameworkReport}: minibatches and rows per pass as that listener
 * saw them, per worker thread, the wrapped network's own iteration count (only worker 0 trains that
 * object) and how many distinct model objects trained.
 */
public final class Dl4jParallelRows {
  private static final long SEED = 42;

  private Dl4jParallelRows() {}

  public static void main(String[] args) {
    ShapeOptions options =
        ShapeOptions.parse(args, Set.of("loop"), Set.of("passes", "rows", "batch"));
    int passes = options.integer("passes", 3);
    int rows = options.integer("rows", 1000);
    int batch = options.integer("batch", 64);
    Nd4j.getRandom().setSeed(SEED);
    DataSetIterator train = Dl4jMinibatches.of(SyntheticClasses.training(rows, SEED), batch);
    MultiLayerNetwork net = Dl4jMinibatchFits.syntheticNetwork(new Adam(0.01));
    Dl4jTally tally = new Dl4jTally();
    net.setListeners(tally);
    ParallelWrapper wrapper =
        new ParallelWrapper.Builder<>(net)
            .workers(2)
            .prefetchBuffer(0)
            .averagingFrequency(1)
            .build();
    List<Map<String, Long>> perPass = new ArrayList<>();
    try {
      for (int pass = 0; pass < passes; pass++) {
        long batchesBefore = tally.iterations();
        long rowsBefore = tally.rows();
        long iterationsBefore = net.getIterationCount();
        train.reset();
        wrapper.fit(train);
        Map<String, Long> figures = new LinkedHashMap<>();
        figures.put("batches", tally.iterations() - batchesBefore);
        figures.put("rows", tally.rows() - rowsBefore);
        figures.put(
            "wrapped_network_iterations", (long) net.getIterationCount() - iterationsBefore);
        perPass.add(figures);
      }
    } finally {
      wrapper.shutdown();
    }
    List<Model> models = tally.models();
    FrameworkReport report =
        FrameworkReport.of(Dl4jParallelRows.class, options.mode())
            .put("workers", 2)
            .put("passes", passes)
            .put("rows_per_pass", rows)
            .put("batch", batch)
            .put("per_pass", perPass)
            .put("wrapped_network_iteration_count", net.getIterationCount())
            .put("wrapped_network_epoch_count", net.getEpochCount())
            .put("wrapped_network_trained_by_a_worker", models.stream().anyMatch(m -> m == net));
    tally.addTo(report).print();
  }
}
