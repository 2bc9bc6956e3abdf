package dev.jouletrace.agent.internal.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jouletrace.accounting.EpochRecord;
import dev.jouletrace.accounting.FrameworkOutcome;
import dev.jouletrace.accounting.RunStatus;
import dev.jouletrace.accounting.SubWindow;
import dev.jouletrace.accounting.TrainingMetrics;
import dev.jouletrace.agent.internal.meter.EnergyMeter;
import dev.jouletrace.agent.internal.meter.ScriptedProbe;
import dev.jouletrace.probe.EnergyMethod;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Training shapes beyond a plain run call: lifetimes, counted epochs, idle ends, overlaps. */
class TrainingShapesTest {
  private final ScriptedProbe probe =
      new ScriptedProbe("cpu:package-0", EnergyMethod.MEASURED, 0.5);
  private final RecordingSink sink = new RecordingSink();
  private final List<ListenerInjector.ProbeCallbacks> probes = new ArrayList<>();
  private final Map<Long, Long> cpuNanos = new ConcurrentHashMap<>();
  private final AtomicLong iterations = new AtomicLong();
  private double nextLoss;

  /** DL4J-like: counts iterations, a score per batch, an early-stopping result. */
  private final ProgressReader dl4jLike =
      new ProgressReader() {
        @Override
        public long batchesSoFar(Object model) {
          return iterations.get();
        }

        @Override
        public TrainingMetrics metrics(Object model) {
          return TrainingMetrics.of(nextLoss, Double.NaN, Double.NaN, Double.NaN);
        }

        @Override
        public double batchLoss(Object model) {
          return nextLoss;
        }

        @Override
        public RunOutcome outcome(Object result) {
          return (RunOutcome) result;
        }

        @Override
        public int batchSamples(Object model, Object batch) {
          return 10;
        }
      };

  private TrainingLifecycle lifecycle(Duration idle) {
    return lifecycle(idle, false);
  }

  private TrainingLifecycle lifecycle(Duration idle, boolean attachedLate) {
    return new TrainingLifecycle(
        new EnergyMeter(List.of(probe)),
        sink,
        Map.of(
            "dl4j", new FrameworkPolicy(dl4jLike, FrameworkPolicy.EpochStart.AT_EPOCH_CALL),
            "djl",
                new FrameworkPolicy(
                    ProgressReader.NONE, FrameworkPolicy.EpochStart.AT_FIRST_BATCH)),
        (trainer, listeners, callbacks) -> {
          probes.add(callbacks);
          List<Object> list = new ArrayList<>();
          list.add("probe");
          list.addAll((Collection<?>) listeners);
          return list;
        },
        attachedLate,
        idle,
        id -> cpuNanos.getOrDefault(id, -1L));
  }

  private final TrainingLifecycle lifecycle = lifecycle(Duration.ZERO);

  /** One DJL batch as EasyTrain.trainBatch + Trainer.step + the onTrainingBatch dispatch. */
  private void djlBatch(TrainingLifecycle l, Object trainer) {
    l.batch("djl", trainer);
    l.step("djl", trainer);
    probe.advance(2);
    l.listenersNotified(trainer, null);
  }

  @Test
  void djlHandWrittenLoopIsOneRunFromTrainerCreationToClose() {
    Object trainer = new Object();
    Instant beforeCreation = Instant.now();
    lifecycle.trainerCreated(trainer, List.of());
    for (int epoch = 0; epoch < 2; epoch++) {
      for (int i = 0; i < 3; i++) {
        djlBatch(lifecycle, trainer);
      }
      probes.get(0).onEpoch();
      lifecycle.listenersNotified(trainer, null);
    }
    lifecycle.trainingEnded(trainer);

    assertThat(sink.events)
        .containsExactly(
            "run 1 start djl planned=-1",
            "run 1 epoch 0 completed batches=3",
            "run 1 epoch 1 completed batches=3",
            "run 1 end completed");
    assertThat(sink.starts.get(0)).isBetween(beforeCreation, sink.epochs.get(0).start());
  }

  @Test
  void djlTrainingEndSentTwiceThenCloseIsStillOneRun() {
    Object trainer = new Object();
    lifecycle.trainerCreated(trainer, List.of());
    djlBatch(lifecycle, trainer);
    probes.get(0).onEpoch();
    lifecycle.listenersNotified(trainer, null);
    probes.get(0).onTrainingEnd();
    probes.get(0).onTrainingEnd();
    lifecycle.trainingEnded(trainer);

    assertThat(sink.events)
        .containsExactly(
            "run 1 start djl planned=-1",
            "run 1 epoch 0 completed batches=1",
            "run 1 end completed");
  }

  @Test
  void djlHandWrittenLoopStoppedEarlyEndsItsRunEarlyStopped() {
    Object trainer = new Object();
    lifecycle.trainerCreated(trainer, List.of());
    for (int epoch = 0; epoch < 2; epoch++) {
      djlBatch(lifecycle, trainer);
      probes.get(0).onEpoch();
      lifecycle.listenersNotified(
          trainer, epoch == 1 ? new TrainingLifecycleTest.EarlyStoppedException() : null);
    }
    lifecycle.trainingEnded(trainer);

    assertThat(sink.events)
        .containsExactly(
            "run 1 start djl planned=-1",
            "run 1 epoch 0 completed batches=1",
            "run 1 epoch 1 completed batches=1",
            "run 1 end early_stopped");
  }

  @Test
  void djlLoopWithoutOnEpochEndsAnEpochAtEachNewPassOutsideValidation() {
    Object trainer = new Object();
    lifecycle.trainerCreated(trainer, List.of());
    for (int epoch = 0; epoch < 2; epoch++) {
      lifecycle.epochCounted("djl", trainer); // trainer.iterateDataset(train)
      djlBatch(lifecycle, trainer);
      djlBatch(lifecycle, trainer);
      lifecycle.validationEnter("djl", trainer);
      lifecycle.epochCounted("djl", trainer); // iterateDataset(validation) inside evaluateDataset
      lifecycle.validationExit(trainer, null);
    }
    lifecycle.trainingEnded(trainer);

    assertThat(sink.events)
        .containsExactly(
            "run 1 start djl planned=-1",
            "run 1 epoch 0 completed batches=2",
            "run 1 epoch 1 completed batches=2",
            "run 1 end completed");
    assertThat(sink.epochs).allSatisfy(e -> assertThat(e.validations()).hasSize(1));
  }

  @Test
  void djlPassesDoNotEndEpochsOnceOnEpochIsDispatched() {
    Object trainer = new Object();
    lifecycle.trainerCreated(trainer, List.of());
    lifecycle.runEnter("djl", trainer, 2);
    for (int epoch = 0; epoch < 2; epoch++) {
      lifecycle.epochCounted("djl", trainer);
      djlBatch(lifecycle, trainer);
      if (epoch == 1) {
        lifecycle.epochCounted("djl", trainer); // a pass over other data in the middle
      }
      djlBatch(lifecycle, trainer);
      probes.get(0).onEpoch();
      lifecycle.listenersNotified(trainer, null);
    }
    lifecycle.runExit(trainer, null, null);
    assertThat(sink.events)
        .containsExactly(
            "run 1 start djl planned=2",
            "run 1 epoch 0 completed batches=2",
            "run 1 epoch 1 completed batches=2",
            "run 1 end completed");
  }

  @Test
  void djlStepsAloneCountAsBatchesAndOpenTheEpoch() {
    Object trainer = new Object();
    lifecycle.trainerCreated(trainer, List.of());
    for (int i = 0; i < 4; i++) {
      lifecycle.step("djl", trainer); // GradientCollector loops never call trainBatch
    }
    probes.get(0).onEpoch();
    lifecycle.listenersNotified(trainer, null);
    lifecycle.trainingEnded(trainer);

    assertThat(sink.events).contains("run 1 epoch 0 completed batches=4");
  }

  @Test
  void djlEasyTrainFitOnATrainerKeepsTheCallAsRunAndCloseAddsNothing() {
    Object trainer = new Object();
    lifecycle.trainerCreated(trainer, List.of());
    lifecycle.runEnter("djl", trainer, 1);
    djlBatch(lifecycle, trainer);
    probes.get(0).onEpoch();
    lifecycle.listenersNotified(trainer, null);
    lifecycle.runExit(trainer, null, null);
    lifecycle.trainingEnded(trainer);

    assertThat(sink.events)
        .containsExactly(
            "run 1 start djl planned=1",
            "run 1 epoch 0 completed batches=1",
            "run 1 end completed");
  }

  @Test
  void djlValidationPassIsRecordedInsideItsEpoch() {
    Object trainer = new Object();
    lifecycle.trainerCreated(trainer, List.of());
    djlBatch(lifecycle, trainer);
    assertThat(lifecycle.validationEnter("djl", trainer)).isTrue();
    assertThat(lifecycle.validationEnter("djl", trainer)).as("nested").isFalse();
    lifecycle.validationBatch("djl", trainer);
    lifecycle.validationBatch("djl", trainer);
    probe.advance(6);
    lifecycle.validationExit(trainer, null);
    probes.get(0).onEpoch();
    lifecycle.listenersNotified(trainer, null);

    EpochRecord epoch = sink.epochs.get(0);
    assertThat(epoch.validations()).hasSize(1);
    SubWindow v = epoch.validations().get(0);
    assertThat(v.batches()).isEqualTo(2);
    assertThat(v.energy().deviceJoules(0)).isEqualTo(6.0);
    assertThat(v.start()).isAfterOrEqualTo(epoch.start());
    assertThat(v.end()).isBeforeOrEqualTo(epoch.end());
    assertThat(epoch.energy().deviceJoules(0)).isEqualTo(8.0);
  }

  @Test
  void validationOutsideAnEpochIsIgnored() {
    Object trainer = new Object();
    assertThat(lifecycle.validationEnter("djl", trainer)).isFalse();
  }

  /** net.fit(DataSet) per minibatch, net.incrementEpochCount() per epoch, no epoch call. */
  private void counted(Object net, double... losses) {
    for (double loss : losses) {
      lifecycle.batch("dl4j", net);
      iterations.incrementAndGet();
      nextLoss = loss;
      probe.advance(1);
      lifecycle.batchEnd(net, null);
    }
    lifecycle.epochCounted("dl4j", net);
  }

  @Test
  void dl4jMinibatchLoopWithIncrementEpochCountMakesOneEpochPerIncrement() {
    Object net = new Object();
    counted(net, 1.0, 2.0, 6.0);
    counted(net, 0.5, 1.5);
    lifecycle.epochCounted("dl4j", net); // no batch since: no empty epoch
    lifecycle.closeAll();

    assertThat(sink.events)
        .containsExactly(
            "run 1 start dl4j planned=-1 implicit",
            "run 1 epoch 0 completed batches=3",
            "run 1 epoch 1 completed batches=2",
            "run 1 end completed");
    assertThat(sink.epochs.get(0).metrics().trainLoss()).isEqualTo(3.0);
    assertThat(sink.epochs.get(0).metrics().lastBatchLoss()).isEqualTo(6.0);
    assertThat(sink.epochs.get(1).metrics().trainLoss()).isEqualTo(1.0);
    assertThat(sink.epochs.get(0).energy().deviceJoules(0)).isEqualTo(3.0);
    assertThat(sink.epochs).extracting(EpochRecord::samples).containsExactly(30L, 20L);
    assertThat(sink.ends.get(0).end()).isEqualTo(sink.epochs.get(1).end());
  }

  @Test
  void dl4jMinibatchLoopStoppedBetweenItsBoundariesEndsInterruptedAtExit() {
    Object net = new Object();
    counted(net, 1.0);
    lifecycle.batch("dl4j", net);
    lifecycle.closeAll();
    assertThat(sink.events)
        .containsExactly(
            "run 1 start dl4j planned=-1 implicit",
            "run 1 epoch 0 completed batches=1",
            "run 1 epoch 1 interrupted batches=1",
            "run 1 end interrupted");
  }

  @Test
  void dl4jMinibatchesWithoutAnyEpochBoundaryAreStillARunWithTheirWindowAtExit() {
    // issue 9: training without epoch calls is still training (this used to make no run)
    Object net = new Object();
    lifecycle.batch("dl4j", net);
    lifecycle.batchEnd(net, null);
    lifecycle.closeAll();
    assertThat(sink.events)
        .containsExactly(
            "run 1 start dl4j planned=-1 implicit",
            "run 1 epoch 0 interrupted batches=1",
            "run 1 end interrupted");
  }

  @Test
  void minibatchFitsAreCutIntoEpochsAtEachPassOverTheSameData() {
    Object net = new Object();
    Object trainingSet = new Object();
    for (int pass = 0; pass < 3; pass++) {
      if (lifecycle.dataFitEnter("dl4j", net, trainingSet)) {
        lifecycle.batch("dl4j", net);
        lifecycle.batchEnd(net, null);
        lifecycle.dataFitExit(net, null);
      }
    }
    assertThat(sink.events)
        .containsExactly(
            "run 1 start dl4j planned=-1 implicit",
            "run 1 epoch 0 completed batches=1",
            "run 1 epoch 1 completed batches=1");
    lifecycle.closeAll();
    // no fit in progress at exit: the last pass was complete
    assertThat(sink.events).endsWith("run 1 epoch 2 completed batches=1", "run 1 end completed");
    assertThat(sink.epochs).extracting(EpochRecord::samples).containsOnly(10L);
  }

  @Test
  void minibatchFitsOfDataThatNeverComesRoundAgainAreCutByTime() throws InterruptedException {
    lifecycle.windowTime(Duration.ofMillis(1));
    Object net = new Object();
    for (int i = 0; i < 3; i++) {
      Object minibatch = new Object();
      lifecycle.dataFitEnter("dl4j", net, minibatch);
      lifecycle.batch("dl4j", net);
      lifecycle.dataFitExit(net, null);
      Thread.sleep(2);
    }
    assertThat(sink.events)
        .containsExactly(
            "run 1 start dl4j planned=-1 implicit",
            "run 1 epoch 0 completed batches=1",
            "run 1 epoch 1 completed batches=1");
  }

  @Test
  void theRunsEnergyIsItsEpochsAndTheTimeBetweenThem() {
    Object net = new Object();
    lifecycle.runEnter("dl4j", net, 2);
    probe.advance(4); // before the first epoch: set-up
    lifecycle.epochEnter("dl4j", net);
    probe.advance(10);
    lifecycle.epochExit(net, null);
    probe.advance(6); // between epochs: scoring, checkpoints
    lifecycle.epochEnter("dl4j", net);
    probe.advance(20);
    lifecycle.epochExit(net, null);
    probe.advance(2); // after the last epoch
    lifecycle.runExit(net, null, null);

    // the probe charges half of the device energy to this JVM
    assertThat(sink.epochs.get(0).energy().processJoules(0)).isEqualTo(5.0);
    assertThat(sink.epochs.get(1).energy().processJoules(0)).isEqualTo(10.0);
    assertThat(sink.ends.get(0).betweenEpochs().processJoules(0)).isEqualTo(2 + 3 + 1.0);
    assertThat(sink.ends.get(0).betweenEpochs().deviceJoules(0)).isEqualTo(12.0);
  }

  @Test
  void incrementEpochCountInsideAnEpochCallCountsOnce() {
    Object net = new Object();
    lifecycle.runEnter("dl4j", net, 2);
    for (int e = 0; e < 2; e++) {
      lifecycle.epochEnter("dl4j", net);
      lifecycle.batch("dl4j", net);
      nextLoss = 2 + 2 * e;
      lifecycle.batchEnd(net, null);
      lifecycle.batch("dl4j", net);
      nextLoss = 4 + 2 * e;
      lifecycle.batchEnd(net, null);
      lifecycle.epochCounted("dl4j", net); // fit(iterator) increments before it returns
      lifecycle.epochExit(net, null);
    }
    lifecycle.runExit(net, null, null);
    assertThat(sink.events)
        .containsExactly(
            "run 1 start dl4j planned=2",
            "run 1 epoch 0 completed batches=2",
            "run 1 epoch 1 completed batches=2",
            "run 1 end completed");
    assertThat(sink.epochs).extracting(e -> e.metrics().trainLoss()).containsExactly(3.0, 5.0);
    assertThat(sink.epochs).extracting(e -> e.metrics().lastBatchLoss()).containsExactly(4.0, 6.0);
  }

  @Test
  void earlyStoppingResultDecidesTheStatusAndBestEpoch() {
    Object net = new Object();
    lifecycle.runEnter("dl4j", net, -1);
    for (int e = 0; e < 3; e++) {
      lifecycle.epochEnter("dl4j", net); // triggerEpochListeners(true, ...)
      lifecycle.batch("dl4j", net);
      lifecycle.epochExit(net, null); // triggerEpochListeners(false, ...)
    }
    RunOutcome outcome =
        new RunOutcome(
            RunStatus.EARLY_STOPPED,
            new FrameworkOutcome(
                1,
                0.25,
                "EpochTerminationCondition: ScoreImprovementEpochTerminationCondition(2)",
                Map.of(0, 0.5, 1, 0.25, 2, 0.3)));
    lifecycle.runExit(net, outcome, null);

    assertThat(sink.events)
        .containsExactly(
            "run 1 start dl4j planned=-1",
            "run 1 epoch 0 completed batches=1",
            "run 1 epoch 1 completed batches=1",
            "run 1 epoch 2 completed batches=1",
            "run 1 end early_stopped");
    assertThat(sink.ends.get(0).outcome().bestEpoch()).isEqualTo(1);
    assertThat(sink.ends.get(0).outcome().bestScore()).isEqualTo(0.25);
  }

  @Test
  void parallelEpochCountsWorkerBatchesOnceForTheWrappedModel() throws InterruptedException {
    Object wrapped = new Object();
    Object replica = new Object();
    lifecycle.epochEnter("dl4j", wrapped);
    Thread worker =
        new Thread(
            () -> {
              for (int i = 0; i < 5; i++) {
                lifecycle.workerBatch("dl4j", wrapped, replica, null);
                lifecycle.batch("dl4j", replica); // the replica's own Solver step
              }
            });
    worker.start();
    worker.join();
    lifecycle.epochExit(wrapped, null);
    assertThat(sink.events)
        .containsExactly(
            "run 1 start dl4j planned=-1 implicit", "run 1 epoch 0 completed batches=5");
  }

  @Test
  void idleImplicitRunEndsAtItsLastEpochEnd() throws InterruptedException {
    TrainingLifecycle idle = lifecycle(Duration.ofNanos(1));
    Object net = new Object();
    idle.epochEnter("dl4j", net);
    idle.epochExit(net, null);
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (sink.ends.isEmpty() && System.nanoTime() < deadline) {
      idle.sweep();
      Thread.onSpinWait();
    }
    assertThat(sink.events)
        .containsExactly(
            "run 1 start dl4j planned=-1 implicit",
            "run 1 epoch 0 completed batches=0",
            "run 1 end completed");
    assertThat(sink.ends.get(0).end()).isEqualTo(sink.epochs.get(0).end());

    idle.epochEnter("dl4j", net);
    idle.epochExit(net, null);
    assertThat(sink.events)
        .contains("run 2 start dl4j planned=-1 implicit", "run 2 epoch 0 completed batches=0");
  }

  @Test
  void idleTimeoutNeverEndsARunCall() {
    TrainingLifecycle idle = lifecycle(Duration.ofNanos(1));
    Object net = new Object();
    idle.runEnter("dl4j", net, 2);
    idle.epochEnter("dl4j", net);
    idle.epochExit(net, null);
    idle.sweep();
    idle.sweep();
    assertThat(sink.events).noneMatch(e -> e.contains("end"));
  }

  @Test
  void overlappingEpochsOfTwoModelsSplitTheOverlapEquallyWhenCpuTimeIsUnknown() {
    Object a = new Object();
    Object b = new Object();
    lifecycle.epochEnter("dl4j", a);
    probe.advance(10); // a alone
    lifecycle.epochEnter("dl4j", b);
    probe.advance(20); // both
    lifecycle.epochExit(a, null);
    probe.advance(30); // b alone
    lifecycle.epochExit(b, null);

    EpochRecord ea = sink.epochs.get(0);
    EpochRecord eb = sink.epochs.get(1);
    // the probe charges half of the device energy to this JVM
    assertThat(ea.energy().processJoules(0)).isEqualTo(5 + 5.0);
    assertThat(eb.energy().processJoules(0)).isEqualTo(5 + 15.0);
    assertThat(ea.energy().deviceJoules(0)).isEqualTo(30.0);
    assertThat(eb.energy().deviceJoules(0)).isEqualTo(50.0);
    assertThat(ea.shared()).isTrue();
    assertThat(eb.shared()).isTrue();
  }

  @Test
  void overlappingEpochsSplitByTrainingThreadCpuTime() throws InterruptedException {
    Object a = new Object();
    Object b = new Object();
    Thread ta = new Thread(() -> lifecycle.epochEnter("dl4j", a));
    Thread tb = new Thread(() -> lifecycle.epochEnter("dl4j", b));
    cpuNanos.put(ta.getId(), 0L);
    cpuNanos.put(tb.getId(), 0L);
    ta.start();
    ta.join();
    tb.start();
    tb.join();
    cpuNanos.put(ta.getId(), 300L);
    cpuNanos.put(tb.getId(), 100L);
    probe.advance(40);
    lifecycle.epochExit(a, null);
    lifecycle.epochExit(b, null);

    assertThat(sink.epochs.get(0).energy().processJoules(0)).isEqualTo(15.0);
    assertThat(sink.epochs.get(1).energy().processJoules(0)).isEqualTo(5.0);
  }

  @Test
  void aLoneEpochIsNotShared() {
    Object a = new Object();
    lifecycle.epochEnter("dl4j", a);
    probe.advance(10);
    lifecycle.epochExit(a, null);
    assertThat(sink.epochs.get(0).shared()).isFalse();
    assertThat(sink.epochs.get(0).energy().processJoules(0)).isEqualTo(5.0);
  }

  @Test
  void afterALateAttachTheMinibatchesBeforeTheFirstBoundaryAreNoEpoch() {
    TrainingLifecycle late = lifecycle(Duration.ZERO, true);
    Object net = new Object();
    late.batch("dl4j", net); // the middle of an epoch already under way
    late.epochCounted("dl4j", net);
    late.batch("dl4j", net);
    late.batch("dl4j", net);
    late.epochCounted("dl4j", net);
    assertThat(sink.events)
        .containsExactly(
            "run 1 start dl4j planned=-1 implicit late", "run 1 epoch 0 completed batches=2");
  }

  @Test
  void afterALateAttachADjlTrainerMadeBeforeItMakesNoEpochs() {
    TrainingLifecycle late = lifecycle(Duration.ZERO, true);
    Object oldTrainer = new Object();
    late.batch("djl", oldTrainer);
    late.listenersNotified(oldTrainer, null);
    late.closeAll();
    assertThat(sink.events).isEmpty();

    Object newTrainer = new Object();
    late.trainerCreated(newTrainer, List.of());
    late.batch("djl", newTrainer);
    probes.get(0).onEpoch();
    late.listenersNotified(newTrainer, null);
    assertThat(sink.events).contains("run 1 epoch 0 completed batches=1");
  }

  @Test
  void everyBatchMeasuredOnItsOwnWhenAllAreAskedFor() {
    lifecycle.measureBatches(BatchSpans.ALL);
    Object net = new Object();
    lifecycle.epochEnter("dl4j", net);
    for (int i = 0; i < 3; i++) {
      lifecycle.batch("dl4j", net);
      probe.advance(i + 1);
      nextLoss = i;
      lifecycle.batchEnd(net, null);
    }
    lifecycle.epochExit(net, null);

    List<SubWindow> windows = sink.epochs.get(0).batchWindows();
    assertThat(windows).extracting(SubWindow::index).containsExactly(0L, 1L, 2L);
    assertThat(windows).extracting(w -> w.energy().deviceJoules(0)).containsExactly(1.0, 2.0, 3.0);
    assertThat(windows).extracting(SubWindow::loss).containsExactly(0.0, 1.0, 2.0);
  }

  @Test
  void sampledBatchesAreTheFirstOfEachEpochAndEveryHundredth() {
    lifecycle.measureBatches(BatchSpans.SAMPLED);
    Object trainer = new Object();
    lifecycle.trainerCreated(trainer, List.of());
    for (int epoch = 0; epoch < 2; epoch++) {
      for (int i = 0; i < 201; i++) {
        lifecycle.batch("djl", trainer);
        lifecycle.batchEnd(trainer, null);
      }
      probes.get(0).onEpoch();
      lifecycle.listenersNotified(trainer, null);
    }
    assertThat(sink.epochs)
        .allSatisfy(
            e ->
                assertThat(e.batchWindows())
                    .extracting(SubWindow::index)
                    .containsExactly(0L, 100L, 200L));
  }

  @Test
  void batchesAreOnlyCountedByDefault() {
    Object net = new Object();
    lifecycle.epochEnter("dl4j", net);
    lifecycle.batch("dl4j", net);
    lifecycle.batchEnd(net, null);
    lifecycle.epochExit(net, null);
    assertThat(sink.epochs.get(0).batchWindows()).isEmpty();
    // at the epoch's start (its run's start too) and at its end: nothing per batch
    assertThat(probe.reads).isEqualTo(2);
  }
}
