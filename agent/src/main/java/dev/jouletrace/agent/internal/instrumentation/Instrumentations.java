package dev.jouletrace.agent.internal.instrumentation;

import dev.jouletrace.agent.internal.instrumentation.djl.DjlInstrumentation;
import dev.jouletrace.agent.internal.instrumentation.dl4j.Dl4jInstrumentation;
import dev.jouletrace.agent.internal.instrumentation.spark.SparkInstrumentation;
import java.util.ArrayList;
import java.util.List;

/** The built-in instrumentations, one per framework concern; each can be switched off by name. */
public final class Instrumentations {
  private Instrumentations() {}

  public static List<TrainingInstrumentation> builtIn() {
    List<TrainingInstrumentation> units = new ArrayList<>();
    units.add(DjlInstrumentation.trainer());
    units.addAll(Dl4jInstrumentation.all());
    units.add(SparkInstrumentation.dl4jOnSpark());
    return List.copyOf(units);
  }
}
