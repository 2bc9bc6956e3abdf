package dev.jouletrace.agent.internal.instrumentation.dl4j;

import static dev.jouletrace.agent.internal.instrumentation.Hook.EPOCH_ON_THIS;
import static dev.jouletrace.agent.internal.instrumentation.Hook.RUN_ON_THIS;

import dev.jouletrace.agent.internal.instrumentation.Target;
import dev.jouletrace.agent.internal.instrumentation.TrainingInstrumentation;
import dev.jouletrace.agent.internal.lifecycle.FrameworkPolicy;
import java.util.List;

/**
 * DeepLearning4j: every target in one place. The run is {@code fit(iterator, epochs)}; the epoch is
 * the one method that really runs it ({@code MultiLayerNetwork.fit(DataSetIterator)}, {@code
 * ComputationGraph.fit(MultiDataSetIterator)}), since the other overloads delegate to it.
 */
public final class Dl4jInstrumentation {
  static final String FRAMEWORK = "dl4j";
  private static final String MLN = "org.deeplearning4j.nn.multilayer.MultiLayerNetwork";
  private static final String GRAPH = "org.deeplearning4j.nn.graph.ComputationGraph";
  private static final String DSI = "org.nd4j.linalg.dataset.api.iterator.DataSetIterator";
  private static final String MDSI = "org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator";

  private Dl4jInstrumentation() {}

  public static TrainingInstrumentation multiLayerNetwork() {
    return new TrainingInstrumentation(
        "dl4j-multilayer",
        FRAMEWORK,
        List.of(
            Target.of(MLN, "fit", RUN_ON_THIS, DSI, "int"),
            Target.of(MLN, "fit", RUN_ON_THIS, MDSI, "int"),
            Target.of(MLN, "fit", EPOCH_ON_THIS, DSI)),
        new FrameworkPolicy(new Dl4jProgress(), false));
  }

  public static TrainingInstrumentation computationGraph() {
    return new TrainingInstrumentation(
        "dl4j-graph",
        FRAMEWORK,
        List.of(
            Target.of(GRAPH, "fit", RUN_ON_THIS, DSI, "int"),
            Target.of(GRAPH, "fit", RUN_ON_THIS, MDSI, "int"),
            Target.of(GRAPH, "fit", EPOCH_ON_THIS, MDSI)),
        new FrameworkPolicy(new Dl4jProgress(), false));
  }
}
