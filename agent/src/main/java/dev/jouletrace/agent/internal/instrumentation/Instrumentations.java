package dev.jouletrace.agent.internal.instrumentation;

import dev.jouletrace.agent.internal.instrumentation.djl.DjlInstrumentation;
import dev.jouletrace.agent.internal.instrumentation.dl4j.Dl4jInstrumentation;
import java.util.List;

/** The built-in instrumentations, one per framework concern; each can be switched off by name. */
public final class Instrumentations {
  private Instrumentations() {}

  public static List<TrainingInstrumentation> builtIn() {
    return List.of(
        DjlInstrumentation.trainer(),
        Dl4jInstrumentation.multiLayerNetwork(),
        Dl4jInstrumentation.computationGraph());
  }
}
