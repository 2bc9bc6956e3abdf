package dev.jouletrace.agent.internal.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jouletrace.accounting.EpochRecord;
import dev.jouletrace.accounting.TrainingMetrics;
import dev.jouletrace.agent.internal.meter.EnergyMeter;
import dev.jouletrace.agent.internal.meter.ScriptedProbe;
import dev.jouletrace.probe.EnergyMethod;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TrainingLifecycleTest {
  private final ScriptedProbe probe =
      new ScriptedProbe("cpu:package-0", EnergyMethod.MEASURED, 0.5);
  private final RecordingSink sink = new RecordingSink();
  private final AtomicLong frameworkIterations = new AtomicLong();
  private final List<ListenerInjector.ProbeCallbacks> injectedProbes = new ArrayList<>();
  private TrainingLifecycle lifecycle;

  /** DL4J-like: the framework counts batches itself and reports a score. */
  private final ProgressReader iterationCounter =
      new ProgressReader() {
        @Override
        public long batchesSoFar(Object model) {
          return frameworkIterations.get();
        }

        @Override
        public TrainingMetrics metrics(Object model) {
          return TrainingMetrics.of(0.5, Double.NaN, Double.NaN, Double.NaN);
        }
      };

  @BeforeEach
  void setUp() {
    lifecycle = lifecycle(false);
  }

  private TrainingLifecycle lifecycle(boolean attachedLate) {
    return new TrainingLifecycle(
        new EnergyMeter(List.of(probe)),
        sink,
        Map.of(
            "dl4j", new FrameworkPolicy(iterationCounter, FrameworkPolicy.EpochStart.AT_EPOCH_CALL),
            "djl",
                new FrameworkPolicy(
                    ProgressReader.NONE, FrameworkPolicy.EpochStart.AT_FIRST_BATCH)),
        (trainer, listeners, callbacks) -> {
          injectedProbes.add(callbacks);
          List<Object> list = new ArrayList<>();
          list.add("probe");
          list.addAll((Collection<?>) listeners);
          return list;
        },
        attachedLate);
  }

  private void dl4jEpoch(Object model, int batches, double joules) {
    assertThat(lifecycle.epochEnter("dl4j", model)).isTrue();
    // a nested epoch call (fit(MultiDataSetIterator) -> fit(DataSetIterator)) counts once
    assertThat(lifecycle.epochEnter("dl4j", model)).isFalse();
    frameworkIterations.addAndGet(batches);
    probe.advance(joules);
    lifecycle.epochExit(model, null);
  }

  @Test
  void runOfThreeEpochsGivesIndicesBatchesAndEnergyPerEpoch() {
    Object net = new Object();
    assertThat(lifecycle.runEnter("dl4j", net, 3)).isTrue();
    dl4jEpoch(net, 24, 10);
    dl4jEpoch(net, 24, 20);
    dl4jEpoch(net, 23, 30);
    lifecycle.runExit(net, null, null);

    assertThat(sink.events)
        .containsExactly(
            "run 1 start dl4j planned=3",
            "run 1 epoch 0 completed batches=24",
            "run 1 epoch 1 completed batches=24",
            "run 1 epoch 2 completed batches=23",
            "run 1 end completed");
    assertThat(sink.epochs)
        .extracting(e -> e.energy().processJoules(0))
        .containsExactly(5.0, 10.0, 15.0);
    assertThat(sink.epochs.get(0).metrics().trainLoss()).isEqualTo(0.5);
  }

  @Test
  void nestedRunCallCountsOnce() {
    Object net = new Object();
    assertThat(lifecycle.runEnter("dl4j", net, 2)).isTrue();
    assertThat(lifecycle.runEnter("dl4j", net, 2)).isFalse();
    dl4jEpoch(net, 1, 1);
    lifecycle.runExit(net, null, null);
    assertThat(sink.events).filteredOn(e -> e.contains("start")).hasSize(1);
  }

  @Test
  void userLoopOfEpochsIsAnImplicitRunClosedByTheNextRunCall() {
    Object net = new Object();
    dl4jEpoch(net, 2, 1);
    dl4jEpoch(net, 2, 1);
    assertThat(lifecycle.runEnter("dl4j", net, 1)).isTrue();
    dl4jEpoch(net, 2, 1);
    lifecycle.runExit(net, null, null);

    assertThat(sink.events)
        .containsExactly(
            "run 1 start dl4j planned=-1 implicit",
            "run 1 epoch 0 completed batches=2",
            "run 1 epoch 1 completed batches=2",
            "run 1 end completed",
            "run 2 start dl4j planned=1",
            "run 2 epoch 0 completed batches=2",
            "run 2 end completed");
  }

  @Test
  void twoModelsOnTwoThreadsKeepSeparateRunsAndEpochs() throws InterruptedException {
    Object a = new Object();
    Object b = new Object();
    CountDownLatch bothInside = new CountDownLatch(2);
    Runnable trainA = () -> runWhileOtherIsInside(a, bothInside);
    Runnable trainB = () -> runWhileOtherIsInside(b, bothInside);
    Thread ta = new Thread(trainA);
    Thread tb = new Thread(trainB);
    ta.start();
    tb.start();
    ta.join();
    tb.join();
    assertThat(sink.events).filteredOn(e -> e.contains("start")).hasSize(2);
    assertThat(sink.epochs).hasSize(2);
    assertThat(sink.epochs).extracting(EpochRecord::runNumber).containsExactlyInAnyOrder(1, 2);
    assertThat(sink.epochs).extracting(EpochRecord::index).containsOnly(0);
  }

  private void runWhileOtherIsInside(Object model, CountDownLatch bothInside) {
    lifecycle.runEnter("djl", model, 1);
    lifecycle.batch("djl", model);
    bothInside.countDown();
    try {
      bothInside.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    lifecycle.runExit(model, null, null);
  }

  @Test
  void djlEpochOpensAtFirstBatchAndEndsWhenOnEpochDispatchReturns() {
    Object trainer = new Object();
    Object listeners = lifecycle.trainerCreated(trainer, List.of("user"));
    assertThat(listeners).isEqualTo(List.of("probe", "user"));
    Runnable onEpoch = injectedProbes.get(0)::onEpoch;

    lifecycle.runEnter("djl", trainer, 2);
    for (int epoch = 0; epoch < 2; epoch++) {
      for (int i = 0; i < 5; i++) {
        lifecycle.batch("djl", trainer);
        probe.advance(2);
        lifecycle.listenersNotified(trainer, null); // onTrainingBatch dispatch
      }
      onEpoch.run();
      lifecycle.listenersNotified(trainer, null);
    }
    lifecycle.runExit(trainer, null, null);

    assertThat(sink.events)
        .containsExactly(
            "run 1 start djl planned=2",
            "run 1 epoch 0 completed batches=5",
            "run 1 epoch 1 completed batches=5",
            "run 1 end completed");
    assertThat(sink.epochs).extracting(e -> e.energy().deviceJoules(0)).containsExactly(10.0, 10.0);
  }

  @Test
  void djlEarlyStopEndsTheEpochNormallyAndTheRunAsEarlyStopped() {
    Object trainer = new Object();
    lifecycle.trainerCreated(trainer, List.of());
    lifecycle.runEnter("djl", trainer, 10);
    lifecycle.batch("djl", trainer);
    injectedProbes.get(0).onEpoch();
    RuntimeException stop = new EarlyStoppedException();
    lifecycle.listenersNotified(trainer, stop);
    lifecycle.runExit(trainer, null, stop);

    assertThat(sink.events)
        .containsExactly(
            "run 1 start djl planned=10",
            "run 1 epoch 0 completed batches=1",
            "run 1 end early_stopped");
  }

  @Test
  void failureInsideAnEpochMarksEpochAndRunFailed() {
    Object net = new Object();
    lifecycle.runEnter("dl4j", net, 3);
    lifecycle.epochEnter("dl4j", net);
    frameworkIterations.addAndGet(4);
    IllegalStateException boom = new IllegalStateException("NaN");
    lifecycle.epochExit(net, boom);
    lifecycle.runExit(net, null, boom);
    assertThat(sink.events)
        .containsExactly(
            "run 1 start dl4j planned=3", "run 1 epoch 0 failed batches=4", "run 1 end failed");
  }

  @Test
  void jvmExitInterruptsOpenEpochsAndExplicitRunsButCompletesImplicitOnes() {
    Object explicit = new Object();
    Object loop = new Object();
    lifecycle.runEnter("dl4j", explicit, 5);
    lifecycle.epochEnter("dl4j", explicit);
    dl4jEpoch(loop, 1, 1);

    lifecycle.closeAll();

    assertThat(sink.events)
        .contains(
            "run 1 epoch 0 interrupted batches=1", "run 1 end interrupted", "run 2 end completed");
  }

  @Test
  void lateAttachMarksRunsFirstSeenThroughAnEpoch() {
    TrainingLifecycle late = lifecycle(true);
    Object net = new Object();
    late.epochEnter("dl4j", net);
    late.epochExit(net, null);
    assertThat(sink.events.get(0)).isEqualTo("run 1 start dl4j planned=-1 implicit late");
  }

  /** Same simple name as DJL's, which is all the lifecycle looks at. */
  static final class EarlyStoppedException extends RuntimeException {
    private static final long serialVersionUID = 1L;
  }
}
