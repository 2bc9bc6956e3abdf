package dev.jouletrace.agent.internal.instrumentation.dl4j;

import dev.jouletrace.agent.internal.instrumentation.NoArgCall;
import dev.jouletrace.agent.internal.lifecycle.EpochMetrics;
import dev.jouletrace.agent.internal.lifecycle.ProgressReader;

/**
 * DL4J progress: batches from the network's iteration count, loss from {@code score()} (the last
 * minibatch's loss including regularisation, which is what DL4J itself reports).
 */
final class Dl4jProgress implements ProgressReader {
  private final NoArgCall iterationCount = new NoArgCall("getIterationCount");
  private final NoArgCall score = new NoArgCall("score");

  @Override
  public long batchesSoFar(Object model) {
    Object n = iterationCount.on(model);
    return n instanceof Number ? ((Number) n).longValue() : -1;
  }

  @Override
  public EpochMetrics metrics(Object model) {
    Object s = score.on(model);
    Double loss = s instanceof Number ? ((Number) s).doubleValue() : null;
    return new EpochMetrics(loss, null, null, null);
  }
}
