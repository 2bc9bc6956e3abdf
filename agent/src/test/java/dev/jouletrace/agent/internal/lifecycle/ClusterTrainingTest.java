package dev.jouletrace.agent.internal.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jouletrace.accounting.EpochRecord;
import dev.jouletrace.accounting.ExecutorTask;
import dev.jouletrace.accounting.SpanIds;
import dev.jouletrace.agent.internal.meter.EnergyMeter;
import dev.jouletrace.agent.internal.meter.ScriptedProbe;
import dev.jouletrace.probe.EnergyMethod;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A distributed epoch on a driver and a task window in an executor, each JVM with its own
 * lifecycle, joined by a cluster that behaves as Spark's local properties and accumulator do
 * (docs/FRAMEWORKS.md §18).
 */
class ClusterTrainingTest {
  private final ScriptedProbe driverProbe =
      new ScriptedProbe("cpu:package-0", EnergyMethod.MEASURED, 0.5);
  private final ScriptedProbe executorProbe =
      new ScriptedProbe("cpu:package-0", EnergyMethod.MEASURED, 0.5);
  private final RecordingSink driverSink = new RecordingSink();
  private final RecordingSink executorSink = new RecordingSink();
  private final FakeCluster cluster = new FakeCluster();
  private final TrainingLifecycle driver = lifecycle(driverProbe, driverSink);
  private final TrainingLifecycle executor = lifecycle(executorProbe, executorSink);

  /** Spark as the agent sees it: properties of the driver's thread, figures sent back. */
  private static final class FakeCluster implements ClusterLink {
    final Map<Object, ClusterLink.EpochIds> published = new HashMap<>();
    final List<String> sentBack = new ArrayList<>();
    Object handle;

    @Override
    public void epochOpened(Object cluster, EpochIds ids) {
      published.put(cluster, ids);
    }

    @Override
    public void epochClosed(Object cluster) {
      published.remove(cluster);
    }

    @Override
    public ClusterTask taskOpened(Object worker) {
      EpochIds ids = published.get(handle);
      return new ClusterTask(
          "7",
          "10.0.0.7",
          new ExecutorTask.TaskIdentity(3, 1, 0, 11),
          ids == null
              ? ExecutorTask.DriverEpoch.UNKNOWN
              : new ExecutorTask.DriverEpoch(ids.traceId, ids.spanId, ids.run, ids.epoch),
          "channel");
    }

    @Override
    public void taskClosed(ClusterTask task, String figures) {
      sentBack.add(figures);
    }

    @Override
    public List<String> received() {
      List<String> all = List.copyOf(sentBack);
      sentBack.clear();
      return all;
    }

    @Override
    public String driverHost() {
      return "10.0.0.1";
    }
  }

  private TrainingLifecycle lifecycle(ScriptedProbe probe, RecordingSink sink) {
    TrainingLifecycle l =
        new TrainingLifecycle(
            new EnergyMeter(List.of(probe)),
            sink,
            Map.of(
                "dl4j-spark",
                FrameworkPolicy.DEFAULT,
                "dl4j",
                new FrameworkPolicy(ProgressReader.NONE, FrameworkPolicy.EpochStart.AT_EPOCH_CALL)),
            (trainer, listeners, callbacks) -> listeners,
            false);
    l.clusterLink(cluster);
    return l;
  }

  @Test
  void theDriversEpochIsPublishedToTheTaskWhoseFiguresComeBackForThatEpoch() {
    Object sparkNet = new Object();
    Object sparkContext = new Object();
    cluster.handle = sparkContext;
    assertThat(driver.clusterEpochEnter("dl4j-spark", sparkNet, sparkContext)).isTrue();
    ClusterLink.EpochIds ids = cluster.published.get(sparkContext);
    assertThat(ids.run).isEqualTo(1);
    assertThat(ids.epoch).isZero();
    SpanIds runIds = driverSink.runStarts.get(0).ids();
    assertThat(ids.traceId).isEqualTo(runIds.traceIdHex()).hasSize(32);

    // the executor: one task, whose worker builds a network and fits five minibatches
    Object worker = new Object();
    Object window = executor.clusterTaskEnter("dl4j-spark", worker);
    assertThat(window).isNotNull();
    assertThat(executor.clusterTaskEnter("dl4j-spark", worker)).as("nested worker call").isNull();
    Object taskNet = new Object();
    for (int i = 0; i < 5; i++) {
      assertThat(executor.dataFitEnter("dl4j", taskNet, new Object())).isFalse();
      executor.batch("dl4j", taskNet);
      executor.batchEnd(taskNet, null);
    }
    executorProbe.advance(8);
    executor.clusterTaskExit(window, null);

    driverProbe.advance(2);
    driver.clusterEpochExit(sparkNet, sparkContext, null);
    assertThat(cluster.published).as("withdrawn at the epoch's end").isEmpty();

    assertThat(executorSink.runStarts).as("a task's network makes no run").isEmpty();
    assertThat(executorSink.epochs).isEmpty();
    ExecutorTask task = executorSink.tasks.get(0);
    assertThat(task.batches()).isEqualTo(5);
    assertThat(task.energyJoules()).as("the JVM's half of 8 J").isEqualTo(4.0);
    assertThat(task.driver().traceId()).isEqualTo(ids.traceId);
    assertThat(task.driver().spanId()).isEqualTo(ids.spanId);

    ExecutorFigures.Received figures = ExecutorFigures.decode(cluster.sentBack.get(0));
    assertThat(figures.run).isEqualTo(1);
    assertThat(figures.epoch).isZero();
    assertThat(figures.energy.executorId()).isEqualTo("7");
    assertThat(figures.energy.host()).isEqualTo("10.0.0.7");
    assertThat(figures.energy.joules()).isEqualTo(task.energyJoules());
    assertThat(figures.energy.batches()).isEqualTo(5);

    EpochRecord epoch = driverSink.epochs.get(0);
    assertThat(new SpanIds(0, 0, epoch.spanId()).spanIdHex()).isEqualTo(ids.spanId);
    assertThat(epoch.ownEnergyJoules()).isEqualTo(1.0);
  }

  @Test
  void aTaskWithoutATaskContextOpensNoWindow() {
    TrainingLifecycle l = lifecycle(executorProbe, executorSink);
    l.clusterLink(ClusterLink.NONE);
    assertThat(l.clusterTaskEnter("dl4j-spark", new Object())).isNull();
  }

  @Test
  void figuresThatAreNotOursAreIgnored() {
    assertThat(ExecutorFigures.decode("something else")).isNull();
    assertThat(ExecutorFigures.decode("v1|1|0|7|h|NaN?|measured|5")).isNull();
    assertThat(ExecutorFigures.decode("v1|1|0|7||1.5|nonsense|5")).isNull();
    assertThat(ExecutorFigures.decode("v1|1|0|7||1.5|measured|5").energy.host()).isNull();
  }

  @Test
  void aTraceparentInTheEnvironmentGivesItsTraceId() {
    long[] trace =
        SpanIdSource.parentTrace("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
    assertThat(new SpanIds(trace[0], trace[1], 1).traceIdHex())
        .isEqualTo("0af7651916cd43dd8448eb211c80319c");
    assertThat(SpanIdSource.parentTrace("00-00000000000000000000000000000000-b7ad6b7169203331-01"))
        .isNull();
    assertThat(SpanIdSource.parentTrace("garbage")).isNull();
    assertThat(SpanIdSource.parentTrace(null)).isNull();
  }
}
